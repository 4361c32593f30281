"""Inbox batches of the Graph connectors: items newer than a cursor, oldest first, a page at a time.

The cursor is ``"<unix time>|<id>,<id>"``: the creation time (whole seconds, as Graph gives it)
of the newest item handed out, and the ids handed out with that very time. An item counts as
new when it is younger than that time, or as old and not among those ids, so a batch boundary
inside one second neither skips nor repeats an item. An empty cursor means "never polled":
the first batch reaches back :data:`FIRST_POLL`.
"""

import datetime
import time
from dataclasses import dataclass

from cms.outbox.connectors import ItemBatch

FIRST_POLL = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Cursor:
    time: int
    ids: frozenset = frozenset()

    @classmethod
    def parse(cls, text):
        if not text:
            return cls(int(time.time() - FIRST_POLL.total_seconds()))
        moment, _, ids = text.partition("|")
        return cls(int(moment), frozenset(filter(None, ids.split(","))))

    def __str__(self):
        return f"{self.time}|{','.join(sorted(self.ids))}" if self.ids else str(self.time)

    def is_before(self, item):
        moment = _seconds(item)
        return moment > self.time or (moment == self.time and item.external_id not in self.ids)


def batch(items, cursor_text, size):
    """The next ``size`` items after the cursor, oldest first, and the cursor after them."""
    cursor = Cursor.parse(cursor_text)
    fresh = {item.external_id: item for item in items if cursor.is_before(item)}
    ordered = sorted(fresh.values(), key=lambda item: (_seconds(item), item.external_id))
    chunk = ordered[:size]
    if not chunk:
        return ItemBatch((), cursor_text)
    newest = _seconds(chunk[-1])
    ids = {item.external_id for item in chunk if _seconds(item) == newest}
    if newest == cursor.time:
        ids |= cursor.ids
    return ItemBatch(tuple(chunk), str(Cursor(newest, frozenset(ids))), more=len(ordered) > size)


def since(cursor_text):
    """The unix time from which a connector must ask the platform for items."""
    return Cursor.parse(cursor_text).time


def _seconds(item):
    return int(item.created_at.timestamp())
