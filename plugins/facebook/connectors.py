"""The Facebook Page connector: posts to the Page feed, comments and Messenger into the inbox.

:class:`GraphConnector` is what it shares with the Instagram connector (which requires this
plugin): the Graph client, the account id setting, reconciliation's search window.
"""

import datetime
import json
from functools import cached_property

import requests
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.outbox.connectors import (
    CannotTell,
    Capability,
    Connector,
    ConnectorError,
    CredentialCheck,
    IncomingItem,
    InvalidCredentials,
    ItemKind,
    Limits,
    PermanentError,
    Published,
)
from plugins.facebook import inbox
from plugins.facebook.graph import GraphClient, graph_url, graph_version, parse_time

#: Facebook schedules a post only this far ahead or more; a nearer time is published at once.
MIN_SCHEDULE_AHEAD = datetime.timedelta(minutes=10)
#: Reconciliation also looks a little before the first attempt, for clocks that disagree.
CLOCK_SKEW = datetime.timedelta(minutes=5)
#: Comments are read on the Page's this many most recent posts.
RECENT_POSTS = 25
#: Post reach: ``post_impressions_unique`` was retired on 15 June 2025; this is its replacement.
REACH_METRIC = "post_total_media_view_unique"
COMMENT_FIELDS = "id,message,from,created_time,permalink_url"
MESSAGE_FIELDS = "id,message,from,created_time"


def graph_id_field(label, message, help_text):
    """The setting of a numeric Graph id (a Page, an Instagram account); ``message`` when it is not one."""
    return forms.CharField(
        label=label, max_length=64, validators=[RegexValidator(r"^\d+$", message)], help_text=help_text
    )


class GraphConnector(Connector):
    """A connector on the Graph API: the ``access_token`` credential, the account id in ``account_field``."""

    #: Environment variables that may name the Graph base URL, the first one set winning.
    graph_url_variables = ("FACEBOOK_GRAPH_URL",)
    #: Items per inbox batch.
    batch_size = 50

    @property
    def account_id(self):
        return self.settings[self.account_field]

    @cached_property
    def _session(self):
        return requests.Session()

    def graph(self):
        """A client with the current version setting, base URL and timeout."""
        return GraphClient(
            self.credentials.get("access_token", ""),
            version=graph_version(),
            base_url=graph_url(*self.graph_url_variables),
            timeout=self.timeout,
            session=self._session,
        )

    def _search_since(self, post, cannot_tell):
        """The unix time from which reconciliation looks for ``post`` (CannotTell without a first attempt)."""
        if post.first_attempt_at is None:
            raise CannotTell(cannot_tell)
        return int((post.first_attempt_at - CLOCK_SKEW).timestamp())

    def _permalink(self, graph, object_id, field, default=""):
        """The address of what was just published; it exists by now, so a failure here must not fail
        the publication."""
        try:
            return graph.get_object(object_id, fields=field).get(field) or default
        except ConnectorError:
            return default

    def _own(self, item):
        """Whether a comment or message is the account's own (a reply of ours)."""
        return (item.get("from") or {}).get("id") == self.account_id


class FacebookConnector(GraphConnector):
    platform = "facebook"
    verbose_name = "Facebook"
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
    limits = Limits(
        max_length=63206,
        max_media=10,
        media_types=("image/jpeg", "image/png", "image/gif"),
        link_in_text=False,
    )
    credential_fields = {
        "access_token": forms.CharField(
            label=gettext_lazy("Page access token"),
            help_text=gettext_lazy(
                "A long-lived Page access token with pages_manage_posts, pages_read_engagement, "
                "pages_manage_engagement, pages_messaging and read_insights."
            ),
        )
    }
    setting_fields = {
        "page_id": graph_id_field(
            gettext_lazy("Page ID"),
            gettext_lazy("A Page ID is a number."),
            gettext_lazy("The numeric ID of the Facebook Page (Page settings → Page transparency)."),
        )
    }
    account_field = "page_id"
    #: Graph counts calls per Page per hour; a poll costs a few dozen.
    poll_interval = 300
    sandbox = "plugins.facebook.sandbox.GraphSandbox"
    sandbox_channel = {
        "name": "Facebook: Miasto Wierzbin",
        "credentials": {"access_token": "sandbox-facebook-page-token"},
        "settings": {"page_id": "104785632145879"},
    }
    # --- credentials and publishing -------------------------------------------------------

    def check_credentials(self):
        graph = self.graph()
        me = graph.get_object("me", fields="id,name")
        if str(me.get("id")) != self.account_id:
            raise InvalidCredentials(
                _("The token belongs to “%(name)s” (%(id)s), not to the Page %(page)s.")
                % {"name": me.get("name", ""), "id": me.get("id"), "page": self.account_id}
            )
        return CredentialCheck(account_name=me.get("name", self.account_id), expires_at=graph.token_expiry())

    def publish(self, post):
        graph = self.graph()
        schedule = _scheduling(post.scheduled_at)
        message = _message(post)
        if not post.media:
            fields = {"message": post.text, "link": post.link} if post.link else {"message": post.text}
            post_id = graph.put_object(self.account_id, "feed", **fields, **schedule)["id"]
        elif len(post.media) == 1:
            answer = self._upload(graph, post.media[0], caption=message, **schedule)
            post_id = answer.get("post_id") or answer["id"]
        else:
            # Several photos: upload them unpublished (temporary for a scheduled post), then one feed post.
            hold = {"published": "false", **({"temporary": "true"} if schedule else {})}
            photos = [self._upload(graph, media, **hold)["id"] for media in post.media]
            attached = {
                f"attached_media[{i}]": json.dumps({"media_fbid": pid}) for i, pid in enumerate(photos)
            }
            post_id = graph.put_object(self.account_id, "feed", message=message, **attached, **schedule)["id"]
        return Published(post_id, self._permalink(graph, post_id, "permalink_url", _post_url(post_id)))

    def find_published(self, post):
        since = self._search_since(
            post, _("The first attempt's time is unknown, so the Page cannot be searched.")
        )
        graph = self.graph()
        expected = normalised(_message(post))
        searches = [("published_posts", since)] + ([("scheduled_posts", None)] if post.scheduled_at else [])
        for edge, edge_since in searches:
            args = {"fields": "id,message,created_time,permalink_url", "limit": 100}
            if edge_since is not None:
                args["since"] = edge_since
            for item in graph.newest_first(f"{self.account_id}/{edge}", edge_since, **args):
                if normalised(item.get("message", "")) == expected:
                    return Published(item["id"], item.get("permalink_url") or _post_url(item["id"]))
        return None

    def delete(self, external_id):
        answer = self.graph().delete_object(external_id)
        if isinstance(answer, dict) and answer.get("success") is False:
            raise PermanentError(_("Facebook did not delete the post."), platform_message=json.dumps(answer))

    # --- inbox -----------------------------------------------------------------------------

    def fetch_comments(self, cursor):
        graph = self.graph()
        since = inbox.since(cursor)
        posts = graph.get_connections(
            self.account_id, "published_posts", fields="id,created_time,updated_time", limit=RECENT_POSTS
        )
        items = []
        for post in posts.get("data", ()):
            if parse_time(post.get("updated_time") or post["created_time"]).timestamp() < since:
                continue  # no comment since: updated_time moves with each new comment
            comments = graph.newest_first(
                f"{post['id']}/comments",
                since,
                filter="stream",
                order="reverse_chronological",
                fields=COMMENT_FIELDS,
                limit=100,
            )
            items += [self._comment(post["id"], comment) for comment in comments if not self._own(comment)]
        return inbox.batch(items, cursor, self.batch_size)

    def fetch_messages(self, cursor):
        graph = self.graph()
        since = inbox.since(cursor)
        conversations = graph.newest_first(
            f"{self.account_id}/conversations",
            since,
            time_field="updated_time",
            platform="messenger",
            fields=f"id,updated_time,link,messages.limit(50){{{MESSAGE_FIELDS}}}",
            limit=25,
        )
        items = []
        for conversation in conversations:
            items += [
                self._message_item(conversation, message)
                for message in _conversation_messages(graph, conversation, since)
                if not self._own(message)
            ]
        return inbox.batch(items, cursor, self.batch_size)

    def reply(self, item, text):
        graph = self.graph()
        if item.kind == ItemKind.MESSAGE:
            answer = graph.put_object(
                self.account_id,
                "messages",
                recipient=json.dumps({"id": item.author_id}),
                messaging_type="RESPONSE",
                message=json.dumps({"text": text}),
            )
            return Published(answer["message_id"], item.url)
        return Published(graph.put_object(item.external_id, "comments", message=text)["id"])

    def insights(self, external_id):
        graph = self.graph()
        counts = graph.get_object(
            external_id,
            fields="shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)",
        )
        result = {
            "reactions": _total(counts, "reactions"),
            "comments": _total(counts, "comments"),
            "shares": (counts.get("shares") or {}).get("count", 0),
        }
        metrics = graph.get_connections(external_id, "insights", metric=REACH_METRIC, period="lifetime")
        for metric in metrics.get("data", ()):
            if metric.get("name") == REACH_METRIC and metric.get("values"):
                result["reach"] = metric["values"][-1].get("value", 0)
        return result

    # --- helpers ---------------------------------------------------------------------------

    def _upload(self, graph, media, **fields):
        if media.alt_text:
            fields["alt_text_custom"] = media.alt_text
        image = (media.filename, media.read(), media.content_type)
        return graph.put_photo(image, album_path=f"{self.account_id}/photos", **fields)

    def _comment(self, post_id, comment):
        author = comment.get("from") or {}
        return IncomingItem(
            kind=ItemKind.COMMENT,
            external_id=comment["id"],
            text=comment.get("message", ""),
            created_at=parse_time(comment["created_time"]),
            author_name=author.get("name", ""),
            author_id=author.get("id", ""),
            post_external_id=post_id,
            url=comment.get("permalink_url", ""),
        )

    def _message_item(self, conversation, message):
        author = message.get("from") or {}
        link = conversation.get("link", "")
        return IncomingItem(
            kind=ItemKind.MESSAGE,
            external_id=message["id"],
            text=message.get("message", ""),
            created_at=parse_time(message["created_time"]),
            author_name=author.get("name", ""),
            author_id=author.get("id", ""),
            thread_id=conversation["id"],
            url=f"https://www.facebook.com{link}" if link.startswith("/") else link,
        )


def _conversation_messages(graph, conversation, since):
    """A conversation's messages down to ``since``: the embedded page, then its further pages."""
    embedded = conversation.get("messages") or {}
    data = embedded.get("data", [])
    newer = [message for message in data if parse_time(message["created_time"]).timestamp() >= since]
    yield from newer
    paging = embedded.get("paging") or {}
    after = (paging.get("cursors") or {}).get("after")
    if len(newer) == len(data) and after and paging.get("next"):
        yield from graph.newest_first(
            f"{conversation['id']}/messages", since, fields=MESSAGE_FIELDS, limit=50, after=after
        )


def _scheduling(scheduled_at):
    """Graph's fields for a post Facebook publishes itself at ``scheduled_at``."""
    if scheduled_at is None or scheduled_at - timezone.now() < MIN_SCHEDULE_AHEAD:
        return {}
    return {"published": "false", "scheduled_publish_time": str(int(scheduled_at.timestamp()))}


def _message(post):
    """The text of a photo post: a photo carries no link preview, so the link goes in the text."""
    return f"{post.text}\n\n{post.link}" if post.link and post.media else post.text


def normalised(text):
    """``text`` with its runs of white space as single spaces, to compare what a platform gave back."""
    return " ".join(text.split())


def _total(counts, edge):
    return ((counts.get(edge) or {}).get("summary") or {}).get("total_count", 0)


def _post_url(post_id):
    return f"https://www.facebook.com/{post_id}"


CONNECTORS = (FacebookConnector,)
