"""Journalists who may be the same person: the same e-mail (any case) or the same name (any case, accents).

Names are compared after :func:`normalise_name` ("Łucja  Żak" and "lucja zak" match).
The database narrows the search to names of the same lengths, since transliterating
Polish letters keeps the length; Python compares the rest.
"""

from dataclasses import dataclass

from anyascii import anyascii
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from plugins.crm.models import Journalist, JournalistEmail

SAME_EMAIL = _("the same e-mail")
SAME_NAME = _("the same name")


@dataclass
class Candidate:
    journalist: Journalist
    reasons: list


def normalise_name(*parts):
    return " ".join(anyascii(" ".join(parts)).lower().split())


def candidates(first_name, last_name, emails=(), exclude=None):
    """Journalists with one of ``emails`` or the same normalised name, best matches first."""
    found = {}
    emails = [email.strip() for email in emails if email and email.strip()]
    if emails:
        query = Q()
        for email in emails:
            query |= Q(email__iexact=email)
        for row in (
            JournalistEmail.objects.filter(query).exclude(journalist_id=exclude).values("journalist_id")
        ):
            found.setdefault(row["journalist_id"], []).append(SAME_EMAIL)
    name = normalise_name(first_name, last_name)
    first, last = first_name.strip(), last_name.strip()
    same_length = (
        Journalist.objects.alias(first_length=Length("first_name"), last_length=Length("last_name"))
        .filter(first_length=len(first), last_length=len(last))
        .exclude(pk=exclude)
        .values_list("pk", "first_name", "last_name")
    )
    for pk, other_first, other_last in same_length:
        if normalise_name(other_first, other_last) == name:
            found.setdefault(pk, []).append(SAME_NAME)
    journalists = Journalist.objects.filter(pk__in=found).prefetch_related("emails")
    ranked = sorted(journalists, key=lambda journalist: (-len(found[journalist.pk]), journalist.pk))
    return [Candidate(journalist, found[journalist.pk]) for journalist in ranked]


def duplicates_of(journalist):
    """Possible duplicates of a stored ``journalist``."""
    return candidates(
        journalist.first_name,
        journalist.last_name,
        emails=[email.email for email in journalist.emails.all()],
        exclude=journalist.pk,
    )
