"""Open311 API keys: issued and revoked here for the admin and ``manage.py open311_keys``, both logged.

Only a key's hash is stored, so the key in clear exists once: in what create() returns.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from cms.core.refusals import Invalid, Refused
from plugins.citizen_reports.models import Open311Key
from plugins.citizen_reports.models.keys import hash_key

#: Wagtail log action of a revocation (its label is registered with the admin screens).
REVOKE = "citizen_reports.revoke_key"


def create(name, user=None):
    """A new key for the application ``name``: (Open311Key, the key in clear)."""
    name = (name or "").strip()
    if not name:
        raise Invalid(gettext("Name the application the key is for."))
    with transaction.atomic():
        record, key = Open311Key.objects.create_key(name[:120], user)
        log(instance=record, action="wagtail.create", user=user)
    return record, key


def revoke(record, user=None):
    """From now on the key is refused; the record stays, with the reports it sent."""
    if not record.is_active:
        raise Refused(gettext("The key %(key)s is revoked already.") % {"key": record})
    with transaction.atomic():
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at"])
        log(instance=record, action=REVOKE, user=user)
    return record


def find(reference):
    """The key with this id, prefix (as listed) or the key itself; Invalid when none or several match."""
    reference = (reference or "").strip()
    keys = Open311Key.objects.all()
    if reference.isdigit():
        found = list(keys.filter(pk=int(reference)))
    else:
        found = list(keys.filter(key_hash=hash_key(reference))) or list(
            keys.filter(prefix__startswith=reference)
        )
    if not reference or not found:
        raise Invalid(gettext("No Open311 key matches “%(ref)s”.") % {"ref": reference})
    if len(found) > 1:
        raise Invalid(
            gettext("Several keys begin with “%(ref)s”; give more of it or the id.") % {"ref": reference}
        )
    return found[0]
