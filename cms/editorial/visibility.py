"""The one rule of what the public may see: live, public pages, no release under embargo.

Every public listing, page view, feed and API route goes through here.
"""

from django.utils import timezone


def under_embargo(page):
    until = getattr(page.specific_deferred, "embargo_until", None)
    return until is not None and until > timezone.now()


def publicly_visible(pages):
    """Narrow a page queryset to what anonymous readers may see now."""
    from cms.editorial.models import PressReleasePage

    embargoed = PressReleasePage.objects.filter(embargo_until__gt=timezone.now()).values("pk")
    return pages.live().public().exclude(pk__in=embargoed)
