"""What the outbox writes in Wagtail's history: checks of a channel, and people's decisions on deliveries."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

CHECK_CHANNEL = "komunikat.outbox.check_channel"
RETRY = "komunikat.outbox.retry"
SETTLE = "komunikat.outbox.settle"


class CheckChannelFormatter(LogFormatter):
    label = _("Check a channel with its platform")

    def format_message(self, log_entry):
        return _("Checked with the platform: %(health)s. %(message)s") % {
            "health": log_entry.data.get("health_label", ""),
            "message": log_entry.data.get("message", ""),
        }


class RetryFormatter(LogFormatter):
    label = _("Send to a channel again")

    def format_message(self, log_entry):
        return _("Sent to %(channel)s again after it failed.") % {
            "channel": log_entry.data.get("channel", "")
        }


class SettleFormatter(LogFormatter):
    label = _("Settle a delivery in doubt")

    def format_message(self, log_entry):
        values = {"channel": log_entry.data.get("channel", ""), "url": log_entry.data.get("url", "")}
        if log_entry.data.get("publish_again"):
            return _("Not found on %(channel)s: publishing it again.") % values
        if values["url"]:
            return _("Found on %(channel)s at %(url)s.") % values
        return _("Found on %(channel)s.") % values


def register(actions):
    actions.register_action(CHECK_CHANNEL)(CheckChannelFormatter)
    actions.register_action(RETRY)(RetryFormatter)
    actions.register_action(SETTLE)(SettleFormatter)
