"""manage.py poll_mailbox: take in the press office mailbox's new e-mails now and say what became of them."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plugins.inquiries.mail import mailbox, polling


class Command(BaseCommand):
    help = gettext_lazy(
        "Poll the press office mailbox once: new cases, replies threaded into cases, e-mails quarantined."
    )

    def handle(self, *args, **options):
        if not mailbox.configured():
            raise CommandError(
                _("The mailbox is not configured: set KOMUNIKAT_INQUIRIES_IMAP_HOST and the other settings.")
            )
        try:
            summary = polling.poll()
        except mailbox.MailboxError as error:
            raise CommandError(str(error)) from error
        if summary is None:
            raise CommandError(_("Another poll of the mailbox is running; try again in a moment."))
        self.stdout.write(self.style.SUCCESS(str(summary)))
