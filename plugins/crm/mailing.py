"""Distribution lists and the mailing of press releases to them.

:func:`members` says who a list reaches now; :func:`start_mailing` queues one
recipient per member and a job, :func:`send_mailing`, sends them in batches of
the plugin setting ``MAILING_BATCH``: one message per person with an unsubscribe
link, one status per recipient, so a refused address fails alone and a re-run
never sends twice.
"""

import logging
import re
import smtplib
from contextlib import suppress

from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.editorial.models import PressReleasePage
from cms.editorial.visibility import publicly_visible
from cms.jobs import enqueue
from plugins.crm import audit, timeline
from plugins.crm.models import (
    DistributionList,
    Employment,
    EntryKind,
    Journalist,
    JournalistTag,
    Mailing,
    MailingRecipient,
    MailingStatus,
    RecipientStatus,
    Unsubscription,
)

logger = logging.getLogger(__name__)

QUEUE = "notifications"
#: Seconds to wait for the mail server when settings.EMAIL_TIMEOUT is unset.
SMTP_TIMEOUT = 30


# Who a list reaches


def members(distribution_list):
    """Journalists the list reaches now, annotated with ``address`` (their primary e-mail), in one query.

    Active journalists with an e-mail whose data is not erased, matching any of
    the list's tags, beats or current outlets or added by hand, minus those who
    unsubscribed from this list or from all lists.
    """
    list_id = distribution_list.pk
    lists = DistributionList
    tagged = JournalistTag.objects.filter(
        tag_id__in=lists.tags.through.objects.filter(content_object_id=list_id).values("tag_id")
    ).values("content_object_id")
    of_beats = Journalist.beats.through.objects.filter(
        topic_id__in=lists.beats.through.objects.filter(distributionlist_id=list_id).values("topic_id")
    ).values("journalist_id")
    at_outlets = Employment.objects.filter(
        ended_on__isnull=True,
        outlet_id__in=lists.outlets.through.objects.filter(distributionlist_id=list_id).values("outlet_id"),
    ).values("journalist_id")
    by_hand = lists.journalists.through.objects.filter(distributionlist_id=list_id).values("journalist_id")
    unsubscribed = Unsubscription.objects.filter(
        models.Q(list_id=list_id) | models.Q(list__isnull=True)
    ).values("journalist_id")
    return (
        Journalist.objects.not_erased()
        .filter(active=True)
        .filter(
            models.Q(pk__in=tagged)
            | models.Q(pk__in=of_beats)
            | models.Q(pk__in=at_outlets)
            | models.Q(pk__in=by_hand)
        )
        .exclude(pk__in=unsubscribed)
        .with_primary_address()
        .filter(primary_address__isnull=False)
    )


def sendable_releases():
    """Press releases that may be mailed: those the public can read now."""
    return publicly_visible(PressReleasePage.objects.all())


# Starting and retrying


def start_mailing(distribution_list, page, user):
    """Queue ``page`` (a live, public press release) for every member of the list; return the mailing."""
    if not sendable_releases().filter(pk=page.pk).exists():
        raise ValidationError(_("Only a published press release that anyone can read may be sent."))
    with transaction.atomic():
        mailing = Mailing.objects.create(
            list=distribution_list, page=page, subject=page.title[:255], created_by=user
        )
        recipients = MailingRecipient.objects.bulk_create(
            MailingRecipient(mailing=mailing, journalist_id=pk, email=address)
            for pk, address in members(distribution_list).values_list("pk", "primary_address")
        )
        audit.record(
            mailing,
            audit.MAILING,
            user,
            list=distribution_list.name,
            list_id=distribution_list.pk,
            page_id=page.pk,
            title=page.title,
            recipients=len(recipients),
        )
        enqueue(send_mailing, mailing.pk, queue=QUEUE)
    return mailing


def retry_failed(mailing, user):
    """Queue the failed recipients of ``mailing`` again; return how many."""
    with transaction.atomic():
        count = mailing.recipients.filter(status=RecipientStatus.FAILED).update(
            status=RecipientStatus.QUEUED, error=""
        )
        if count:
            Mailing.objects.filter(pk=mailing.pk).update(status=MailingStatus.QUEUED, finished_at=None)
            audit.record(mailing, audit.MAILING, user, retried=count, title=mailing.subject)
            enqueue(send_mailing, mailing.pk, queue=QUEUE)
    return count


# Sending


def send_mailing(mailing_id):
    """Send one batch of the mailing's queued recipients, then queue the next batch or finish."""
    mailing = Mailing.objects.select_related("page", "list", "created_by").filter(pk=mailing_id).first()
    if mailing is None:
        return
    batch = int(apps.get_app_config("crm").get_setting("MAILING_BATCH"))
    pending = list(
        mailing.recipients.filter(status=RecipientStatus.QUEUED).values_list("pk", flat=True)[:batch]
    )
    if pending:
        Mailing.objects.filter(pk=mailing.pk).update(status=MailingStatus.SENDING)
        content = PressReleaseMail(mailing.page.specific)
        connection = get_connection(timeout=settings.EMAIL_TIMEOUT or SMTP_TIMEOUT)
        reconnect(connection)
        try:
            for pk in pending:
                send_one(mailing, pk, content, connection)
        finally:
            with suppress(OSError):
                connection.close()
    if mailing.recipients.filter(status=RecipientStatus.QUEUED).exists():
        enqueue(send_mailing, mailing.pk, queue=QUEUE)
    else:
        Mailing.objects.filter(pk=mailing.pk).exclude(status=MailingStatus.DONE).update(
            status=MailingStatus.DONE, finished_at=timezone.now()
        )


def send_one(mailing, recipient_id, content, connection):
    """Send to one recipient unless another run has it or already sent it; record the outcome."""
    with transaction.atomic():
        recipient = (
            MailingRecipient.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("journalist")
            .filter(pk=recipient_id, status=RecipientStatus.QUEUED)
            .first()
        )
        if recipient is None:
            return
        try:
            connection.send_messages([content.message(recipient, connection)])
        except OSError as error:  # smtplib.SMTPException, refused connections and timeouts
            logger.warning("Mailing %s: could not send to %s: %s", mailing.pk, recipient.email, error)
            recipient.status, recipient.error = RecipientStatus.FAILED, failure_reason(error)
            reconnect(connection)  # the server may have dropped the session
        else:
            recipient.status, recipient.error, recipient.sent_at = RecipientStatus.SENT, "", timezone.now()
            if recipient.journalist is not None:
                timeline.record(
                    kind=EntryKind.PRESS_RELEASE,
                    subject=mailing.subject,
                    journalist=recipient.journalist,
                    author=mailing.created_by,
                    body=_("Sent to %(email)s with the list “%(list)s”.")
                    % {"email": recipient.email, "list": mailing.list.name},
                    occurred_at=recipient.sent_at,
                    about=content.page,
                )
        recipient.save(update_fields=["status", "error", "sent_at"])


def reconnect(connection):
    """(Re)open one connection for the batch; when that fails, each message tries again and says why."""
    with suppress(OSError):
        connection.close()
    with suppress(OSError):
        connection.open()


def failure_reason(error):
    """The mail server's answer, as a person reads it."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code, message = next(iter(error.recipients.values()))
        return f"{code} {decode(message)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {decode(error.smtp_error)}"
    if isinstance(error, TimeoutError):
        return _("The mail server did not answer in time.")
    return str(error) or type(error).__name__


def decode(message):
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message)


class PressReleaseMail:
    """A press release as an e-mail (plain text and HTML), rendered once for all recipients."""

    template = "crm/mailing/email/press_release"

    def __init__(self, page):
        self.page = page
        self.base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            context = {"page": page, "page_url": self.absolute(page.get_url() or "")}
            self.text = render_to_string(f"{self.template}.txt", {**context, "body": self.body_text()})
            self.html = self.absolute_links(render_to_string(f"{self.template}.html", context))

    def message(self, recipient, connection):
        unsubscribe_url = self.absolute(reverse("crm-public:unsubscribe", args=[recipient.token]))
        with translation.override(settings.LANGUAGE_CODE):
            footer = {"unsubscribe_url": unsubscribe_url}
            text = self.text + render_to_string(f"{self.template}_footer.txt", footer)
            html = self.html.replace(
                "</body>", render_to_string(f"{self.template}_footer.html", footer) + "</body>"
            )
        contact = self.page.contact_person
        message = EmailMultiAlternatives(
            subject=self.page.title,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
            reply_to=[contact.email] if contact is not None and contact.email else None,
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message

    def absolute(self, url):
        return self.base_url + url if url.startswith("/") else url

    def absolute_links(self, html):
        return re.sub(r'(href|src)="/(?!/)', rf'\1="{self.base_url}/', html)

    def body_text(self):
        parts = []
        for block in self.page.body:
            value = block.value
            if block.block_type == "paragraph":
                parts.append(self.html_text(value.__html__()))
            elif block.block_type == "quote":
                parts.append(f"„{value['text']}”" + (f"\n— {value['author']}" if value["author"] else ""))
            elif block.block_type == "image":
                parts.append(f"[{value['caption'] or value['alt_text']}]")
            elif block.block_type == "attachment":
                document = value["document"]
                parts.append(f"{value['title'] or document.title}: {self.absolute(document.url)}")
            elif block.block_type == "embed":
                parts.append(value.url)
        return "\n\n".join(part for part in parts if part)

    def html_text(self, html):
        soup = BeautifulSoup(html, "html.parser")
        for link in soup.find_all("a", href=True):
            link.append(f" ({self.absolute(link['href'])})")
        for item in soup.find_all("li"):
            item.insert(0, "- ")
            item.append("\n")
        for block in soup.find_all(["p", "h2", "h3", "ul", "ol"]):
            block.append("\n\n")
        return re.sub(r"\n{3,}", "\n\n", soup.get_text()).strip()
