"""Every use of a review link, written to the page's history (Wagtail's log actions).

Entries carry the person's name and organisation, never their e-mail address, and
read on their own even after the link row is gone.
"""

from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

PREFIX = "komunikat.external_review"
CREATE = f"{PREFIX}.create"
VIEW = f"{PREFIX}.view"
APPROVE = f"{PREFIX}.approve"
REQUEST_CHANGES = f"{PREFIX}.request_changes"
REVOKE = f"{PREFIX}.revoke"
REFUSED = f"{PREFIX}.refused"


def record(review, action, user=None, **data):
    """Log ``action`` on the review's page; ``user`` is None for the external person."""
    return log(
        instance=review.page.specific_deferred,
        action=action,
        user=user,
        revision=review.revision,
        data={"review": review.pk, "reviewer": review.reviewer, **data},
    )


class ReviewFormatter(LogFormatter):
    """A message naming the person, from a template with ``%(reviewer)s``."""

    template = ""

    def format_message(self, log_entry):
        return self.template % self.values(log_entry.data)

    def values(self, data):
        return {"reviewer": data.get("reviewer", "")}

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


class CreateFormatter(ReviewFormatter):
    label = _("Create review link")
    template = _("Review link for %(reviewer)s created, valid until %(expires)s")

    def values(self, data):
        expires = parse_datetime(data.get("expires_at", ""))
        shown = formats.date_format(timezone.localtime(expires), "DATETIME_FORMAT") if expires else "?"
        return {**super().values(data), "expires": shown}


class ViewFormatter(ReviewFormatter):
    label = _("Open review link")
    template = _("%(reviewer)s opened the review link")


class ApproveFormatter(ReviewFormatter):
    label = _("Approve through review link")
    template = _("%(reviewer)s approved through the review link")


class RequestChangesFormatter(ReviewFormatter):
    label = _("Request changes through review link")
    template = _("%(reviewer)s requested changes through the review link")


class RevokeFormatter(ReviewFormatter):
    label = _("Revoke review link")
    template = _("Review link for %(reviewer)s revoked")


class RefusedFormatter(ReviewFormatter):
    label = _("Open a review link that is no longer valid")

    def format_message(self, log_entry):
        if log_entry.data.get("reason") == "revoked":
            template = _("%(reviewer)s tried to open the revoked review link")
        else:
            template = _("%(reviewer)s tried to open the expired review link")
        return template % self.values(log_entry.data)


FORMATTERS = {
    CREATE: CreateFormatter,
    VIEW: ViewFormatter,
    APPROVE: ApproveFormatter,
    REQUEST_CHANGES: RequestChangesFormatter,
    REVOKE: RevokeFormatter,
    REFUSED: RefusedFormatter,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
