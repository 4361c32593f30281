"""The desk's scheduled jobs: the press office mailbox is polled every two minutes."""

import logging

from cms.jobs import periodic
from plugins.inquiries.mail import mailbox, polling

logger = logging.getLogger(__name__)


@periodic(interval=120)
def poll_mailbox():
    """Take in the new e-mails of the press office mailbox; nothing when IMAP_HOST is empty."""
    if not mailbox.configured():
        return
    try:
        summary = polling.poll()
    except mailbox.MailboxError as error:
        logger.error("%s", error)
        return
    if summary is not None:
        logger.info("Press office mailbox: %s", summary)
