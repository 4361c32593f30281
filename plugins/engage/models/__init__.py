"""The engage plugin's models, one module per part: see each module's docstring."""

from plugins.engage.models.inbox import InboxCursor, InboxItem, ItemState, Reply, ReplyStatus, Sentiment
from plugins.engage.models.insights import InsightSnapshot
from plugins.engage.models.setup import ReplyTemplate, WatchWord

__all__ = [
    "InboxCursor",
    "InboxItem",
    "InsightSnapshot",
    "ItemState",
    "Reply",
    "ReplyStatus",
    "ReplyTemplate",
    "Sentiment",
    "WatchWord",
]
