"""The engage plugin's entries in Wagtail's log: what people did with inbox items."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from plugins.engage.models import Sentiment

ASSIGNED = "engage.assign"
HANDLED = "engage.handled"
REOPENED = "engage.reopen"
SENTIMENT = "engage.sentiment"
REPLIED = "engage.reply"
REPLY_FAILED = "engage.reply_failed"
ERASED = "engage.erase"


class Assigned(LogFormatter):
    label = _("Assign an inbox item")

    def format_message(self, entry):
        if entry.data.get("to"):
            return gettext("Assigned to %(person)s") % {"person": entry.data["to"]}
        return gettext("Assignment removed")


class Handled(LogFormatter):
    label = _("Mark an inbox item handled")
    message = _("Marked handled")


class Reopened(LogFormatter):
    label = _("Reopen an inbox item")
    message = _("Reopened")


class SentimentSet(LogFormatter):
    label = _("Set the sentiment of an inbox item")

    def format_message(self, entry):
        value = entry.data.get("sentiment", "")
        label = Sentiment(value).label if value in Sentiment.values else value
        return gettext("Sentiment set to “%(sentiment)s”") % {"sentiment": label}


class Replied(LogFormatter):
    label = _("Reply to an inbox item")

    def format_message(self, entry):
        return gettext("Replied on %(channel)s") % {"channel": entry.data.get("channel", "")}


class ReplyFailed(LogFormatter):
    label = _("Failed reply to an inbox item")

    def format_message(self, entry):
        return gettext("The reply was not sent: %(error)s") % {"error": entry.data.get("error", "")}


class Erased(LogFormatter):
    label = _("Erase an inbox author's personal data")
    message = _("Author and text erased")


FORMATTERS = {
    ASSIGNED: Assigned,
    HANDLED: Handled,
    REOPENED: Reopened,
    SENTIMENT: SentimentSet,
    REPLIED: Replied,
    REPLY_FAILED: ReplyFailed,
    ERASED: Erased,
}
