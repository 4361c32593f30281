"""A connector to an in-memory platform, for tests of the outbox and the inbox (not of a real platform)."""

import datetime
import itertools

from django import forms

from cms.outbox.connectors import (
    Capability,
    Connector,
    CredentialCheck,
    IncomingItem,
    InvalidCredentials,
    ItemBatch,
    Limits,
    Published,
)


class DummyPlatform:
    """What the platform holds: posts by id, comments and messages in order, replies, scripted failures."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.posts = {}
        self.comments = []
        self.messages = []
        self.replies = []
        self.calls = []
        #: Exceptions raised by the next calls of a method, in order: {"publish": [RetryableError(...)]}.
        self.failures = {}
        self.ids = itertools.count(1)

    def call(self, method, *args):
        self.calls.append((method, *args))
        queued = self.failures.get(method)
        if queued:
            raise queued.pop(0)


PLATFORM = DummyPlatform()


class DummyConnector(Connector):
    platform = "dummy"
    verbose_name = "Dummy"
    capabilities = frozenset(
        {
            Capability.TEXT,
            Capability.LINK,
            Capability.IMAGES,
            Capability.COMMENTS,
            Capability.MESSAGES,
            Capability.INSIGHTS,
        }
    )
    limits = Limits(max_length=100, max_media=2)
    credential_fields = {"token": forms.CharField(label="Token")}
    setting_fields = {"account": forms.CharField(label="Account")}
    account_field = "account"
    poll_interval = 60

    def check_credentials(self):
        PLATFORM.call("check_credentials")
        if self.credentials.get("token") == "bad":
            raise InvalidCredentials(
                "Invalid token", platform_message="The token has expired.", status_code=401
            )
        return CredentialCheck(account_name=self.settings.get("account", "dummy"))

    def publish(self, post):
        PLATFORM.call("publish", post)
        external_id = str(next(PLATFORM.ids))
        PLATFORM.posts[external_id] = post
        return Published(external_id, f"https://dummy.example/p/{external_id}")

    def find_published(self, post):
        PLATFORM.call("find_published", post)
        for external_id, stored in PLATFORM.posts.items():
            if stored.idempotency_key == post.idempotency_key:
                return Published(external_id, f"https://dummy.example/p/{external_id}")
        return None

    def fetch_comments(self, cursor):
        PLATFORM.call("fetch_comments", cursor)
        return _batch(PLATFORM.comments, cursor)

    def fetch_messages(self, cursor):
        PLATFORM.call("fetch_messages", cursor)
        return _batch(PLATFORM.messages, cursor)

    def reply(self, item, text):
        PLATFORM.call("reply", item, text)
        PLATFORM.replies.append((item.external_id, text))
        return Published(f"r{len(PLATFORM.replies)}")

    def insights(self, external_id):
        PLATFORM.call("insights", external_id)
        return {"reach": 100 * int(external_id), "reactions": 5, "comments": 2, "shares": 1}


def _batch(items, cursor, size=2):
    """Items after position ``cursor``, two at a time; nothing new hands the cursor back as it came."""
    start = int(cursor or 0)
    chunk = items[start : start + size]
    if not chunk:
        return ItemBatch((), cursor)
    return ItemBatch(tuple(chunk), str(start + len(chunk)), more=start + size < len(items))


def comment(number, text, post_external_id="1", minutes_ago=0):
    return IncomingItem(
        kind="comment",
        external_id=f"c{number}",
        text=text,
        created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=minutes_ago),
        author_name=f"Mieszkaniec {number}",
        author_id=f"u{number}",
        post_external_id=post_external_id,
    )


CONNECTORS = (DummyConnector,)
