"""The engage plugin's schedules: inboxes polled as their channels allow, insights hourly, retention daily."""

import logging

from cms.jobs import periodic
from plugins.engage import insights, personal_data, polling

logger = logging.getLogger(__name__)


@periodic(interval=60)
def poll_due():
    """Hand each channel's inbox whose next poll has come to a worker (plugins.engage.polling.poll)."""
    polling.hand_out()


@periodic(cron="17 * * * *")
def collect_insights():
    """Hand each channel that reads insights to a worker (plugins.engage.insights.collect_channel)."""
    insights.hand_out()


@periodic(cron="40 3 * * *")
def erase_expired_items():
    """Erase the authors and texts of inbox items past the retention period."""
    erased = personal_data.erase_expired()
    if erased:
        logger.info("Engage inbox: erased the personal data of %d items past retention", erased)
