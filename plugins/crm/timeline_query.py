"""Reading the timeline: the entries of a journalist or an outlet, filtered, grouped by day, with links.

An outlet's timeline holds its own entries and those of journalists recorded
with it (:func:`plugins.crm.timeline.record` files a journalist's entry under
their outlet at the time).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.widgets import AdminDateInput

from plugins.crm.models import EntryKind, TimelineEntry

ICONS = {
    EntryKind.NOTE: "comment",
    EntryKind.CALL: "mobile-alt",
    EntryKind.MEETING: "group",
    EntryKind.EMAIL_SENT: "mail",
    EntryKind.EMAIL_RECEIVED: "mail",
    EntryKind.MATERIAL_SENT: "doc-full",
    EntryKind.INQUIRY: "help",
    EntryKind.PRESS_RELEASE: "globe",
}


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EntryKind.choices], required=False
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned

    def filter(self, entries):
        """Apply the valid filters; an invalid one is reported on the form and left out."""
        values = self.cleaned_data if self.is_valid() else {}
        if values.get("kind"):
            entries = entries.filter(kind=values["kind"])
        if values.get("date_from"):
            entries = entries.filter(occurred_at__gte=_start_of(values["date_from"]))
        if values.get("date_to"):
            entries = entries.filter(occurred_at__lt=_start_of(values["date_to"] + timedelta(days=1)))
        return entries

    @property
    def active(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def entries_of(*, journalist=None, outlet=None):
    """The entries of one journalist or one outlet, newest first, with what the page shows."""
    contact = {"journalist": journalist} if journalist is not None else {"outlet": outlet}
    return (
        TimelineEntry.objects.filter(**contact)
        .select_related("author", "journalist", "outlet", "content_type")
        .prefetch_related("attachments")
        .order_by("-occurred_at", "-pk")
    )


@dataclass
class Day:
    date: date
    entries: list


def by_day(entries):
    """Consecutive entries (already newest first) grouped under their local date."""
    return [
        Day(day, list(group))
        for day, group in groupby(entries, key=lambda e: timezone.localdate(e.occurred_at))
    ]


@dataclass
class Link:
    label: str
    url: str | None


def linked_objects(entries, user):
    """{entry pk: Link} for entries about an object that still exists; a link where ``user`` may edit it.

    Looked up per model in one query each, so an entry about a model of a plugin
    that is switched off, or an object since deleted, shows no link.
    """
    wanted = {}
    for entry in entries:
        if entry.content_type_id and entry.object_id:
            wanted.setdefault(entry.content_type_id, set()).add(entry.object_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            found[type_id] = model._default_manager.in_bulk(ids)
    finder = AdminURLFinder(user)
    links = {}
    for entry in entries:
        about = found.get(entry.content_type_id, {}).get(entry.object_id)
        if about is not None:
            links[entry.pk] = Link(str(about), finder.get_edit_url(about))
    return links
