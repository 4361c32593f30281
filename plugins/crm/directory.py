"""Finding and adding contacts: the CRM's public API for other plugins (the inquiry desk's intake).

journalist = find_journalist("anna.nowak@gazeta.pl")
journalist = add_journalist("Anna Nowak", "anna.nowak@gazeta.pl", source="e-mail inquiry", user=user)
outlet = outlet_named("Gazeta Wierzbińska")
"""

from django.db import transaction
from django.utils import timezone

from plugins.crm.importer import one_year_ahead
from plugins.crm.models import Employment, Journalist, JournalistEmail, Outlet

__all__ = ["add_journalist", "find_journalist", "outlet_named"]


def find_journalist(email):
    """The journalist with this e-mail (any case), neither erased nor merged, or None."""
    if not email:
        return None
    return Journalist.objects.choosable().filter(emails__email__iexact=email.strip()).order_by("pk").first()


def outlet_named(name):
    """The outlet called ``name`` (any case), created when new; None for an empty name."""
    name = " ".join((name or "").split())
    if not name:
        return None
    return Outlet.objects.filter(name__iexact=name).first() or Outlet.objects.create(name=name)


def add_journalist(name, email, *, source, user=None, outlet=None):
    """A new journalist from a name as written ("Anna Nowak") and an e-mail; the data's source recorded."""
    first, _, last = " ".join(name.split()).rpartition(" ")
    with transaction.atomic():
        journalist = Journalist.objects.create(
            first_name=first or last or email.partition("@")[0],
            last_name=last if first else "",
            data_source=source[:200],
            review_at=one_year_ahead(timezone.localdate()),
            created_by=user,
        )
        if email:
            JournalistEmail.objects.create(journalist=journalist, email=email.strip(), primary=True)
        if outlet is not None:
            Employment.objects.create(journalist=journalist, outlet=outlet)
    return journalist
