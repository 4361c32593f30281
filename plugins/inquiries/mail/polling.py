"""One pass over the press office mailbox: every unread e-mail taken in, then marked read.

Only one poll runs at a time (a lock in the cache, kept alive while it works).
An e-mail is marked read only once it is in a case or in quarantine, and one
taken in before is recognised by its Message-ID or its place in the mailbox, so
a poll cut short and run again neither loses nor repeats anything. An e-mail
that fails to be stored at all (the database refused it) stays unread for the
next poll and does not hold up the others.
"""

import logging
from collections import Counter

from django.core.cache import cache
from django.utils.translation import ngettext_lazy

from plugins.inquiries.mail import intake
from plugins.inquiries.mail.mailbox import Mailbox

logger = logging.getLogger(__name__)

LOCK = "inquiries:mailbox-poll"
LOCK_SECONDS = 600
FAILED = "failed"


#: What a summary says, by intake result; the first three always, the others when there are any.
COUNTS = [
    (intake.NEW, ngettext_lazy("%(n)d new case", "%(n)d new cases", "n")),
    (intake.REPLY, ngettext_lazy("%(n)d reply threaded", "%(n)d replies threaded", "n")),
    (intake.QUARANTINED, ngettext_lazy("%(n)d quarantined", "%(n)d quarantined", "n")),
    (intake.DUPLICATE, ngettext_lazy("%(n)d taken in before", "%(n)d taken in before", "n")),
    (FAILED, ngettext_lazy("%(n)d left for the next poll", "%(n)d left for the next poll", "n")),
]


class Summary(Counter):
    """How many e-mails of a poll went where, by intake result."""

    def __str__(self):
        return ", ".join(
            text % {"n": self[result]}
            for index, (result, text) in enumerate(COUNTS)
            if index < 3 or self[result]
        )


def poll():
    """Take in the unread e-mails of the mailbox; a Summary, or None when another poll is running.

    Raises MailboxError when the mailbox cannot be read.
    """
    if not cache.add(LOCK, True, LOCK_SECONDS):
        return None
    summary = Summary()
    try:
        with Mailbox.from_settings() as box:
            for fetched in box.unprocessed():
                try:
                    outcome = intake.take_in(
                        fetched.raw, received_at=fetched.received_at, mailbox=box.name, uid=fetched.key
                    )
                except Exception:  # not even quarantined: left unread, tried again next time
                    logger.exception("E-mail %s of %s could not be stored", fetched.key, box.name)
                    summary[FAILED] += 1
                    continue
                box.mark_processed(fetched)
                summary[outcome.result] += 1
                cache.touch(LOCK, LOCK_SECONDS)
    finally:
        cache.delete(LOCK)
    return summary
