"""manage.py open311_keys create NAME | list | revoke ID_OR_PREFIX: the Open311 API keys of applications."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.core.refusals import Refused
from plugins.citizen_reports.models import Open311Key
from plugins.citizen_reports.open311 import keys


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"


class Command(BaseCommand):
    help = gettext_lazy(
        "Open311 API keys: create one for an application (the key is printed once, on the last line), "
        "list them, or revoke one."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help=_("Create a key; the key alone is the last line printed."))
        create.add_argument("name", help=_("The application the key is for."))
        actions.add_parser("list", help=_("Every key: id, prefix, application, created, last used, state."))
        revoke = actions.add_parser("revoke", help=_("Revoke a key: its requests are refused from now on."))
        revoke.add_argument("key", help=_("The key's id or the beginning of the key, as listed."))

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except Refused as refusal:
            raise CommandError(refusal.message) from refusal

    def _create(self, name, **options):
        record, key = keys.create(name)
        self.stderr.write(
            _("Key %(id)s for “%(name)s”. Store it now: it cannot be shown again.")
            % {"id": record.pk, "name": record.name}
        )
        self.stdout.write(key)

    def _list(self, **options):
        rows = [
            (
                str(key.pk),
                f"{key.prefix}…",
                key.name,
                _when(key.created_at),
                _when(key.last_used_at),
                _("active") if key.is_active else _("revoked %(at)s") % {"at": _when(key.revoked_at)},
            )
            for key in Open311Key.objects.order_by("pk")
        ]
        if not rows:
            self.stdout.write(_("No Open311 keys yet: create one with “open311_keys create NAME”."))
            return
        header = ("ID", _("prefix"), _("application"), _("created"), _("last used"), _("state"))
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )

    def _revoke(self, key, **options):
        record = keys.revoke(keys.find(key))
        self.stdout.write(self.style.SUCCESS(_("Revoked: %(key)s") % {"key": record}))
