"""manage.py channels list | add PLATFORM ... | check [ID ...] | rotate-key | new-key: the connected channels.

``add`` has one sub-command per active connector, its options built from the
connector's credential and setting fields (``page_id`` → ``--page-id``) and
checked by the same form as the admin's, which asks the platform before saving.
"""

from argparse import ArgumentError

from django import forms
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from cms.core.encryption import DecryptionError, new_key
from cms.organisation.models import Unit
from cms.outbox import health
from cms.outbox.forms import CREDENTIAL_PREFIX, SETTING_PREFIX, ChannelForm, press_office_unit
from cms.outbox.models import Channel, Health
from cms.outbox.registry import connectors

#: Where each platform field's value lands in the parsed options (clear of the command's own names).
DEST_PREFIX = "field_"


class _Parser(CommandParser):
    """Names the platforms there are when asked for one there is not."""

    def _check_value(self, action, value):
        if action.dest == "platform" and action.choices is not None and value not in action.choices:
            raise ArgumentError(
                action,
                _("no active connector for the platform “%(platform)s”; the platforms are: %(platforms)s")
                % {"platform": value, "platforms": ", ".join(sorted(action.choices)) or _("none")},
            )
        super()._check_value(action, value)


def option_name(field_name):
    return "--" + field_name.replace("_", "-")


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"


class Command(BaseCommand):
    help = _(
        "The connected channels: list them, connect one (the platform verifies the credentials first), "
        "check their tokens, re-encrypt their credentials with the first of KOMUNIKAT_ENCRYPTION_KEYS, "
        "or print a new key."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
        actions.add_parser(
            "list",
            help=_("Every channel: id, name, platform, account, owner unit, health, token expiry, active."),
        )
        add = actions.add_parser(
            "add", help=_("Connect a channel: “add PLATFORM --help” lists the platform's options.")
        )
        platforms = add.add_subparsers(dest="platform", required=True, metavar="PLATFORM")
        for platform, connector_class in sorted(connectors().items()):
            self._add_platform_parser(platforms, platform, connector_class)
        check = actions.add_parser(
            "check", help=_("Ask the platforms whether the channels' tokens still work.")
        )
        check.add_argument(
            "ids", nargs="*", type=int, metavar="ID", help=_("Channels to check (all active ones if none).")
        )
        actions.add_parser(
            "rotate-key",
            help=_("Re-encrypt every channel's credentials with the first key of KOMUNIKAT_ENCRYPTION_KEYS."),
        )
        actions.add_parser("new-key", help=_("Print a new key for KOMUNIKAT_ENCRYPTION_KEYS."))

    def _add_platform_parser(self, platforms, platform, connector_class):
        parser = platforms.add_parser(platform, help=str(connector_class.verbose_name))
        parser.add_argument("--name", required=True, help=_("The channel's name in Komunikat (unique)."))
        parser.add_argument(
            "--owner-unit",
            metavar="CODE",
            help=_("Code of the unit that runs the account (default: the press office's unit)."),
        )
        fields = {**connector_class.credential_fields, **connector_class.setting_fields}
        for name, field in fields.items():
            help_text = str(field.help_text or field.label or name)
            if isinstance(field, forms.BooleanField):
                parser.add_argument(
                    option_name(name), dest=DEST_PREFIX + name, action="store_true", help=help_text
                )
            else:
                parser.add_argument(
                    option_name(name),
                    dest=DEST_PREFIX + name,
                    required=field.required,
                    metavar=name.upper(),
                    help=help_text,
                )

    def handle(self, *args, action, **options):
        getattr(self, "_" + action.replace("-", "_"))(**options)

    def _list(self, **options):
        channels = Channel.objects.select_related("owner_unit").order_by("pk")
        rows = [
            (
                str(channel.pk),
                channel.name,
                str(channel.platform_label),
                channel.account_id or "-",
                channel.owner_unit.code,
                channel.get_health_display(),
                _when(channel.token_expires_at),
                _("yes") if channel.active else _("no"),
            )
            for channel in channels
        ]
        if not rows:
            self.stdout.write(_("No channels yet: connect one with “channels add PLATFORM”."))
            return
        header = (
            "ID",
            _("name"),
            _("platform"),
            _("account"),
            _("owner unit"),
            _("health"),
            _("token expires"),
            _("active"),
        )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )

    def _add(self, platform, name, owner_unit, **options):
        connector_class = connectors()[platform]
        unit = self._owner_unit(owner_unit)
        data = {"name": name, "owner_unit": unit.pk}
        for prefix, fields in (
            (CREDENTIAL_PREFIX, connector_class.credential_fields),
            (SETTING_PREFIX, connector_class.setting_fields),
        ):
            for field_name in fields:
                value = options.get(DEST_PREFIX + field_name)
                if value is not None:
                    data[prefix + field_name] = value
        form = ChannelForm.for_platform(connector_class)(data)
        if not form.is_valid():
            raise CommandError(self._form_errors(form))
        channel = form.save()
        self.stdout.write(
            self.style.SUCCESS(
                _("Channel %(id)s “%(name)s” connected to %(platform)s as %(account)s (%(health)s).")
                % {
                    "id": channel.pk,
                    "name": channel.name,
                    "platform": connector_class.verbose_name,
                    "account": form.credential_check.account_name,
                    "health": channel.get_health_display(),
                }
            )
        )

    def _owner_unit(self, code):
        if code:
            unit = Unit.objects.filter(code=code.upper()).first()
            if unit is None:
                raise CommandError(_("There is no unit with the code “%(code)s”.") % {"code": code})
            return unit
        unit = press_office_unit()
        if unit is None:
            raise CommandError(
                _(
                    "Give the owner unit with --owner-unit CODE: the press office's unit cannot be told "
                    "(it is the one active unit whose members are in the press office groups)."
                )
            )
        return unit

    @staticmethod
    def _form_errors(form):
        """The form's errors, each under the option it came from (the platform's answer under none)."""
        connector_class = form.connector_class
        options = {
            "name": "--name",
            "owner_unit": "--owner-unit",
            **{CREDENTIAL_PREFIX + name: option_name(name) for name in connector_class.credential_fields},
            **{SETTING_PREFIX + name: option_name(name) for name in connector_class.setting_fields},
        }
        return "\n".join(
            f"{options[key]}: {message}" if key in options else message
            for key, messages in form.errors.items()
            for message in messages
        )

    def _check(self, ids, **options):
        channels = Channel.objects.select_related("owner_unit").order_by("pk")
        if ids:
            channels = channels.filter(pk__in=ids)
            missing = sorted(set(ids) - {channel.pk for channel in channels})
            if missing:
                raise CommandError(
                    _("No channel with the id %(ids)s.") % {"ids": ", ".join(map(str, missing))}
                )
        else:
            channels = channels.filter(active=True)
        invalid = 0
        for channel in channels:
            if not channel.has_connector:
                self.stdout.write(
                    self.style.WARNING(
                        _("%(name)s: no active connector for the platform “%(platform)s”.")
                        % {"name": channel.name, "platform": channel.platform}
                    )
                )
                continue
            state = health.check(channel)
            invalid += state == Health.INVALID
            style = self.style.SUCCESS if state == Health.VALID else self.style.WARNING
            self.stdout.write(
                f"{channel.name}: " + style(str(channel.get_health_display())) + f". {channel.health_message}"
            )
        if invalid:
            raise CommandError(
                ngettext(
                    "%(count)d channel needs connecting again.",
                    "%(count)d channels need connecting again.",
                    invalid,
                )
                % {"count": invalid}
            )

    def _rotate_key(self, **options):
        ids = list(Channel.objects.order_by("pk").values_list("pk", flat=True))
        unreadable = []
        for pk in tqdm(ids, unit=_("channels"), disable=None, file=self.stderr._out):
            try:
                with transaction.atomic():
                    # Saving writes the credentials again, encrypted with the first key.
                    Channel.objects.select_for_update().get(pk=pk).save(update_fields=["credentials"])
            except DecryptionError:
                unreadable.append(pk)
        done = len(ids) - len(unreadable)
        self.stdout.write(
            ngettext(
                "Re-encrypted the credentials of %(count)d channel with the first key.",
                "Re-encrypted the credentials of %(count)d channels with the first key.",
                done,
            )
            % {"count": done}
        )
        if unreadable:
            raise CommandError(
                _(
                    "No key in KOMUNIKAT_ENCRYPTION_KEYS opens the credentials of the channels %(ids)s: "
                    "put the key they were encrypted with back in the list, or connect them again."
                )
                % {"ids": ", ".join(map(str, unreadable))}
            )

    def _new_key(self, **options):
        self.stdout.write(new_key())
