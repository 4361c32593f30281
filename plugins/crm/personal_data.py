"""The CRM's personal data: journalists in the RODO registry, their erasure, and review reminders.

:class:`JournalistSource` finds a journalist by any of their e-mail addresses
(any case) and exports the whole record with its history and attachments.

Erasing a journalist removes what identifies or describes the person and keeps
the history of the press office's work, so counts and reports stay true:

- removed: the name (it becomes "Usunięta osoba #<id>"), e-mails, phones,
  social profiles, tags, notes, custom values; the attachments with their files;
  the subject and details of every timeline entry and the title and details of
  every task (a subject such as "Rozmowa z Anną Nowak" names the person, so
  subjects are replaced rather than judged one by one); the addresses and
  delivery errors of the mailings they received; the name and addresses in the
  labels and details of the audit log and in the texts of notifications;
- kept: the record itself (marked erased and inactive), its employments at
  outlets, beats, legal basis and data source; each timeline entry's kind, time,
  author, outlet and linked object; each task's assignee, dates and status; each
  mailing's delivery status; unsubscriptions; who did what and when in the audit log.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, Lower, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from cms.jobs import periodic
from cms.notifications.models import Notification
from cms.notifications.service import notify
from cms.personal_data.registry import PersonalDataSource, register
from cms.plugin_api.migrations import MODERATORS
from plugins.crm import audit
from plugins.crm.models import EntryKind, Journalist, MailingRecipient, TimelineAttachment

logger = logging.getLogger(__name__)

#: What replaces erased free text (subjects, titles).
ERASED_TEXT = "(usunięte)"
#: Logged on a journalist when the press office head was told its review date has passed.
REVIEW_DUE = "crm.personal_data_review_due"
REVIEW_TEMPLATE = "crm/personal_data/review_due"


def erased_name(journalist):
    return ("Usunięta", f"osoba #{journalist.pk}")


def attachments_of(journalist):
    return TimelineAttachment.objects.filter(entry__journalist=journalist).select_related("entry")


def attachment_path(journalist, attachment):
    """The attachment's name in the export, under ``files/crm.journalists/``."""
    return f"{journalist.pk}/{attachment.entry_id}/{attachment.pk}-{attachment.name}"


def _person(user):
    return (user.get_full_name() or user.get_username()) if user else None


@register
class JournalistSource(PersonalDataSource):
    key = "crm.journalists"
    label = _("Journalists (CRM)")

    def find(self, email):
        return Journalist.objects.filter(emails__email__iexact=email.strip()).distinct()

    def describe(self, journalist):
        return {
            "id": journalist.pk,
            "first_name": journalist.first_name,
            "last_name": journalist.last_name,
            "emails": [{"email": e.email, "primary": e.primary} for e in journalist.emails.all()],
            "phones": [{"label": p.label, "number": p.number} for p in journalist.phones.all()],
            "social_profiles": [
                {"network": s.get_network_display(), "profile": s.handle}
                for s in journalist.social_profiles.all()
            ],
            "employments": [
                {"outlet": job.outlet.name, "role": job.role, "from": job.started_on, "until": job.ended_on}
                for job in journalist.employments.select_related("outlet")
            ],
            "beats": [topic.name for topic in journalist.beats.all()],
            "tags": sorted(tag.name for tag in journalist.tags.all()),
            "preferred_channel": journalist.get_preferred_channel_display(),
            "notes": journalist.notes,
            "custom_fields": journalist.extra,
            "active": journalist.active,
            "legal_basis": journalist.get_legal_basis_display(),
            "data_source": journalist.data_source,
            "review_at": journalist.review_at,
            "created_at": journalist.created_at,
            "updated_at": journalist.updated_at,
            "erased_at": journalist.erased_at,
            "timeline": [self._entry(journalist, entry) for entry in self._timeline(journalist)],
            "tasks": [
                {
                    "title": task.title,
                    "details": task.details,
                    "due_on": task.due_on,
                    "status": task.get_status_display(),
                    "assigned_to": _person(task.assignee),
                    "completed_at": task.completed_at,
                }
                for task in journalist.tasks.select_related("assignee")
            ],
            "mailings_received": [
                {
                    "subject": recipient.mailing.subject,
                    "email": recipient.email,
                    "status": recipient.get_status_display(),
                    "sent_at": recipient.sent_at,
                }
                for recipient in journalist.mailings.select_related("mailing")
            ],
            "unsubscriptions": [
                {"list": item.list.name if item.list else None, "at": item.created_at}
                for item in journalist.unsubscriptions.select_related("list")
            ],
        }

    def _timeline(self, journalist):
        return journalist.timeline.select_related("author", "outlet").prefetch_related("attachments")

    def _entry(self, journalist, entry):
        return {
            "kind": entry.get_kind_display(),
            "occurred_at": entry.occurred_at,
            "subject": entry.subject,
            "details": entry.body,
            "author": _person(entry.author),
            "outlet": entry.outlet.name if entry.outlet else None,
            "attachments": [
                {
                    "name": item.name,
                    "size": item.size,
                    "file": f"files/{self.key}/{attachment_path(journalist, item)}",
                }
                for item in entry.attachments.all()
            ],
        }

    def files(self, journalist):
        return [(attachment_path(journalist, item), item.file) for item in attachments_of(journalist)]

    def exported(self, journalists, user):
        for journalist in journalists:
            audit.record(journalist, audit.PERSONAL_DATA_EXPORT, user)

    @transaction.atomic
    def erase(self, journalist, user):
        """Anonymise ``journalist`` as the module says; return the counts of what was erased."""
        journalist = Journalist.objects.select_for_update().get(pk=journalist.pk)
        emails = list(journalist.emails.values_list("email", flat=True))
        tasks = journalist.tasks.all()
        said = [journalist.full_name, *emails, *tasks.values_list("title", flat=True)]
        first_name, last_name = erased_name(journalist)
        anonymous = f"{first_name} {last_name}"

        attachments = list(attachments_of(journalist))
        files = [(item.file.storage, item.file.name) for item in attachments if item.file]
        TimelineAttachment.objects.filter(pk__in=[item.pk for item in attachments]).delete()
        transaction.on_commit(lambda: _delete_files(files))
        entries = journalist.timeline.all()
        entries.update(subject=ERASED_TEXT, body="")
        tasks.update(title=ERASED_TEXT, details="")
        recipients = MailingRecipient.objects.annotate(address=Lower("email")).filter(
            Q(journalist=journalist) | Q(address__in=[email.lower() for email in emails])
        )
        recipients.update(
            email=Concat(Value("usunieto-"), Cast("pk", CharField()), Value("@usunieto.invalid")), error=""
        )
        for relation in (journalist.emails, journalist.phones, journalist.social_profiles, journalist.tagged):
            relation.all().delete()

        journalist.first_name, journalist.last_name = first_name, last_name
        journalist.notes, journalist.extra, journalist.active = "", {}, False
        journalist.erased_at = timezone.now()
        journalist.save(update_fields=["first_name", "last_name", "notes", "extra", "active", "erased_at"])

        _scrub_log(journalist, anonymous, entries, tasks)
        _scrub_notifications([text for text in said if text], anonymous)
        counts = {"timeline_entries": entries.count(), "tasks": tasks.count(), "files": len(files)}
        audit.record(journalist, audit.ERASE, user, **counts)
        return counts


def _delete_files(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the erased attachment %s", name)


def _scrub_log(journalist, anonymous, entries, tasks):
    """Audit entries keep who did what when; their labels and details named the person."""
    logs = ModelLogEntry.objects

    def of(model, pks):
        return logs.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=pks)

    of(Journalist, [str(journalist.pk)]).update(label=anonymous, data={})
    for kind in set(entries.values_list("kind", flat=True)):
        pks = [str(pk) for pk in entries.filter(kind=kind).values_list("pk", flat=True)]
        of(entries.model, pks).update(label=f"{EntryKind(kind).label}: {ERASED_TEXT}", data={})
    of(tasks.model, [str(pk) for pk in tasks.values_list("pk", flat=True)]).update(label=ERASED_TEXT, data={})


def _scrub_notifications(texts, anonymous):
    """Notifications (task reminders, review notices) quoted the name, addresses and task titles."""
    for text in texts:
        Notification.objects.filter(Q(subject__icontains=text) | Q(body__icontains=text)).update(
            subject=Replace("subject", Value(text), Value(anonymous)),
            body=Replace("body", Value(text), Value(anonymous)),
        )


def erasure_summary(journalist):
    """How much of each part the erasure removes or anonymises, for the confirmation page."""
    return {
        "emails": journalist.emails.count(),
        "phones": journalist.phones.count(),
        "social_profiles": journalist.social_profiles.count(),
        "attachments": attachments_of(journalist).count(),
        "timeline_entries": journalist.timeline.count(),
        "tasks": journalist.tasks.count(),
        "mailings": journalist.mailings.count(),
        "employments": journalist.employments.count(),
    }


# Review of the data


@hooks.register("register_log_actions")
def register_review_action(actions):
    label = _("Personal data review due")
    actions.register_action(REVIEW_DUE, label, label)


@periodic(cron="0 6 * * *", queue="notifications")
def tell_reviews_due():
    """Every morning, tell the press office head which journalists' data is due for review."""
    logger.info("CRM personal data reviews due: %s journalists", review_sweep())


def review_sweep(today=None):
    """Tell the Moderators of journalists whose review date has passed, once per record and review date."""
    today = today or timezone.localdate()
    due = list(
        Journalist.objects.not_erased()
        .filter(merged_into__isnull=True, review_at__lte=today)
        .order_by("review_at", "last_name", "first_name")
    )
    told = set(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Journalist),
            action=REVIEW_DUE,
            object_id__in=[str(journalist.pk) for journalist in due],
        ).values_list("object_id", "data__review_at")
    )
    new = [j for j in due if (str(j.pk), j.review_at.isoformat()) not in told]
    if not new:
        return 0
    heads = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS).distinct()
    with transaction.atomic():
        for journalist in new:
            log(journalist, REVIEW_DUE, data={"review_at": journalist.review_at.isoformat()})
        notify(
            heads,
            kind="crm.personal_data_review",
            template=REVIEW_TEMPLATE,
            context={"journalists": new},
            url=reverse("crm_journalist:index"),
        )
    return len(new)
