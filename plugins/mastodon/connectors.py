"""Mastodon: statuses on one account with Mastodon.py; replies and direct mentions come back to the inbox.

Publishing is safe to repeat: Mastodon keeps the ``Idempotency-Key`` of
``POST /api/v1/statuses`` for an hour per account and answers a repeated key
with the status it already made (``deduplicates``).
"""

import datetime
import hashlib
import re
from functools import cached_property
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from mastodon import Mastodon

from cms.outbox.connectors import (
    Capability,
    Connector,
    CredentialCheck,
    IncomingItem,
    ItemBatch,
    ItemKind,
    Limits,
    PermanentError,
    Published,
    RetryableError,
)
from plugins.mastodon.errors import translated

#: The oldest Mastodon we speak to: idempotency keys, scheduled statuses, /api/v2/media, notification types.
SERVER_VERSION = "4.0.0"
#: Notifications asked for per request (Mastodon's default; 80 at most).
PAGE = 40
#: Mastodon schedules a status only this far ahead (5 minutes) and more; we keep a margin for the trip.
SCHEDULE_AHEAD = datetime.timedelta(minutes=5, seconds=30)
#: A scheduled status has its own id until Mastodon posts it (then it gets a new one).
SCHEDULED = "scheduled:"


class MastodonConnector(Connector):
    platform = "mastodon"
    verbose_name = "Mastodon"
    capabilities = frozenset(
        {
            Capability.TEXT,
            Capability.LINK,
            Capability.IMAGES,
            Capability.COMMENTS,
            Capability.MESSAGES,
            Capability.INSIGHTS,
            Capability.SCHEDULING,
        }
    )
    # The link goes into the text. Mastodon counts every URL as 23 characters whatever its
    # length; the core counts its real length, which is stricter for the usual longer links.
    limits = Limits(
        max_length=500,
        max_media=4,
        media_types=("image/jpeg", "image/png", "image/gif", "image/webp"),
        link_in_text=True,
    )
    credential_fields = {
        "access_token": forms.CharField(
            label=gettext_lazy("Access token"),
            help_text=gettext_lazy(
                "From the account's Preferences → Development → New application, "
                "with the read and write scopes."
            ),
        )
    }
    setting_fields = {
        "api_base_url": forms.URLField(
            label=gettext_lazy("Server address"),
            help_text=gettext_lazy("The Mastodon server the account is on, e.g. https://mastodon.social."),
            assume_scheme="https",
        ),
        "account": forms.CharField(
            label=gettext_lazy("Account"),
            required=False,
            help_text=gettext_lazy(
                "The account's handle, e.g. @miasto@mastodon.social; the connection check shows it."
            ),
        ),
    }
    account_field = "account"
    poll_interval = 120
    deduplicates = True
    sandbox = "plugins.mastodon.sandbox.MastodonSandbox"
    sandbox_channel = {
        "name": "Mastodon Urzędu Miasta",
        "credentials": {"access_token": "demo-mastodon-token"},
        "settings": {"api_base_url": "{sandbox}", "account": "@wierzbin"},
    }

    @cached_property
    def client(self):
        return Mastodon(
            access_token=self.credentials["access_token"],
            api_base_url=self.settings["api_base_url"],
            # Throw MastodonRatelimitError instead of sleeping in the worker until the limit resets.
            ratelimit_method="throw",
            request_timeout=self.timeout,
            # Mastodon.py reads a declared server version only in a checking mode. "created" with
            # mastodon_version never asks the server (no /api/v1/instance probe) and makes media_post
            # use /api/v2/media; "none" would take the server for Mastodon 1.0 and use /api/v1/media.
            version_check_mode="created",
            mastodon_version=SERVER_VERSION,
            user_agent="Komunikat",
        )

    def check_credentials(self):
        """The account's handle; Mastodon's tokens do not expire (they are revoked), so no expiry."""
        with translated(self.client):
            account = self.client.account_verify_credentials()
        return CredentialCheck(account_name=self._handle(account.acct))

    def publish(self, post):
        text = post.text if not post.link or post.link in post.text else f"{post.text}\n{post.link}"
        scheduled_at = self._scheduled_at(post)
        with translated(self.client):
            media = [
                self.client.media_post(
                    item.read(),
                    mime_type=item.content_type,
                    description=item.alt_text or None,
                    file_name=item.filename,
                )
                for item in post.media
            ]
        with translated(self.client, acting=True):
            status = self.client.status_post(
                text,
                media_ids=media or None,
                visibility="public",
                idempotency_key=post.idempotency_key,
                scheduled_at=scheduled_at,
            )
        if scheduled_at:
            return Published(f"{SCHEDULED}{status.id}")
        return Published(str(status.id), status.url or "")

    def delete(self, external_id):
        """Delete a status, or a scheduled one before it is posted; one already gone counts as deleted."""
        try:
            with translated(self.client):
                if external_id.startswith(SCHEDULED):
                    self.client.scheduled_status_delete(external_id.removeprefix(SCHEDULED))
                else:
                    self.client.status_delete(external_id)
        except PermanentError as exc:
            if exc.status_code != 404:
                raise

    def fetch_comments(self, cursor):
        return self._mentions(cursor, ItemKind.COMMENT)

    def fetch_messages(self, cursor):
        return self._mentions(cursor, ItemKind.MESSAGE)

    def reply(self, item, text):
        """Answer in the thread, mentioning the author, as visible as the status answered.

        The idempotency key comes from the item and the text, so a reply sent again
        within Mastodon's hour is not posted twice.
        """
        with translated(self.client):
            original = self.client.status(item.external_id)
        mention = f"@{original.account.acct}"
        if not re.search(rf"(?<!\S){re.escape(mention)}(?!\S)", text):
            text = f"{mention} {text}"
        key = hashlib.sha256(f"{item.external_id}\n{text}".encode()).hexdigest()
        with translated(self.client, acting=True):
            status = self.client.status_post(
                text, in_reply_to_id=original.id, visibility=original.visibility, idempotency_key=key
            )
        return Published(str(status.id), status.url or "")

    def insights(self, external_id):
        """Favourites, boosts and replies of a status. Mastodon does not count views, so there is no reach."""
        if external_id.startswith(SCHEDULED):
            return {}
        with translated(self.client):
            status = self.client.status(external_id)
        return {
            "reactions": status.favourites_count,
            "shares": status.reblogs_count,
            "comments": status.replies_count,
        }

    def _handle(self, acct):
        return f"@{acct}" if "@" in acct else f"@{acct}@{urlsplit(self.client.api_base_url).netloc}"

    def _scheduled_at(self, post):
        """When Mastodon should post it, or None for now. Never earlier than asked."""
        if not post.scheduled_at:
            return None
        ahead = post.scheduled_at - timezone.now()
        if ahead >= SCHEDULE_AHEAD:
            return post.scheduled_at
        if ahead > datetime.timedelta(0):
            raise RetryableError(
                _("Too close to its time for Mastodon's scheduling; it is published at its time."),
                retry_after=int(ahead.total_seconds()) + 1,
            )
        return None

    def _mentions(self, cursor, kind):
        """Mentions of ``kind`` in the page of notifications after ``cursor`` (a notification id).

        Comments and messages read the one stream of mention notifications, each
        with its own cursor: direct mentions are messages, the others comments.
        ``min_id`` asks for the page right after the cursor, so nothing is skipped;
        the cursor moves past the whole page, so a page of only the other kind is
        an empty batch with ``more`` (the core goes on). Without a cursor (a new
        channel) only the newest page is read: older mentions are history.
        """
        with translated(self.client):
            page = self.client.notifications(types=["mention"], min_id=cursor or None, limit=PAGE)
        if not page:
            return ItemBatch((), cursor)
        items = [_item(n.status) for n in page if n.get("status") and _kind(n.status) == kind]
        return ItemBatch(
            tuple(sorted(items, key=_order)),
            str(max(int(notification.id) for notification in page)),
            more=bool(cursor) and len(page) >= PAGE,
        )


def _order(item):
    return item.created_at, int(item.external_id)


def _kind(status):
    return ItemKind.MESSAGE if status.visibility == "direct" else ItemKind.COMMENT


def _item(status):
    account, kind = status.account, _kind(status)
    return IncomingItem(
        kind=kind,
        external_id=str(status.id),
        text=plain_text(status.content),
        created_at=status.created_at,
        author_name=account.display_name or account.acct,
        author_id=account.acct,
        post_external_id=str(status.in_reply_to_id or "") if kind == ItemKind.COMMENT else "",
        thread_id=account.acct if kind == ItemKind.MESSAGE else "",
        url=status.url or "",
    )


class _PlainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "p":
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    """A status's HTML ``content`` as text: paragraphs and line breaks kept, links as their text."""
    parser = _PlainText()
    parser.feed(html or "")
    parser.close()
    return "".join(parser.parts).strip()


CONNECTORS = (MastodonConnector,)
