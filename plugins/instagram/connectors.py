"""The Instagram connector: image posts through the Graph API (Instagram API with Facebook Login).

Publishing is Instagram's container dance: a container per image (``POST /{ig-user-id}/media``),
a carousel container holding them when there are several, a wait until Instagram has fetched
the images (``status_code`` FINISHED), then ``POST /{ig-user-id}/media_publish``. The Graph
connector base (client, account, reconciliation's window), error mapping, version setting and
inbox cursors are the Facebook plugin's.
"""

import time

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.outbox.connectors import (
    Capability,
    CredentialCheck,
    IncomingItem,
    ItemKind,
    Limits,
    PermanentError,
    Published,
    RetryableError,
)
from plugins.facebook import inbox
from plugins.facebook.connectors import GraphConnector, graph_id_field, normalised
from plugins.facebook.graph import parse_time

#: Comments are read on the account's this many most recent media.
RECENT_MEDIA = 25
#: Media insights for images and carousels (``impressions`` was retired in v22.0).
METRICS = "reach,likes,comments,shares"
COMMENT_FIELDS = "id,text,timestamp,username,from"
#: Our names of the counts, and Instagram's.
METRIC_NAMES = {"reach": "reach", "reactions": "likes", "comments": "comments", "shares": "shares"}


class InstagramConnector(GraphConnector):
    platform = "instagram"
    verbose_name = "Instagram"
    capabilities = frozenset({Capability.TEXT, Capability.IMAGES, Capability.COMMENTS, Capability.INSIGHTS})
    limits = Limits(max_length=2200, max_media=10, min_media=1, media_types=("image/jpeg",))
    credential_fields = {
        "access_token": forms.CharField(
            label=gettext_lazy("Access token"),
            help_text=gettext_lazy(
                "A long-lived Facebook access token of the Page linked to the Instagram account, with "
                "instagram_basic, instagram_content_publish, instagram_manage_comments and "
                "instagram_manage_insights."
            ),
        )
    }
    setting_fields = {
        "ig_user_id": graph_id_field(
            gettext_lazy("Instagram account ID"),
            gettext_lazy("An Instagram account ID is a number."),
            gettext_lazy("The ID of the Instagram professional account (instagram_business_account)."),
        )
    }
    account_field = "ig_user_id"
    #: A poll reads up to RECENT_MEDIA comment lists; Instagram's hourly call budget is small.
    poll_interval = 600
    sandbox = "plugins.instagram.sandbox.InstagramSandbox"
    sandbox_channel = {
        "name": "Instagram: @miasto_wierzbin",
        "credentials": {"access_token": "sandbox-instagram-token"},
        "settings": {"ig_user_id": "17841400000000001"},
    }
    graph_url_variables = ("INSTAGRAM_GRAPH_URL", "FACEBOOK_GRAPH_URL")
    #: How often, and how many seconds apart, publish() asks whether a container is ready.
    container_checks = 10
    container_wait = 2.0

    def check_credentials(self):
        graph = self.graph()
        account = graph.get_object(self.account_id, fields="id,username,name")
        name = f"@{account['username']}" if account.get("username") else account.get("name", self.account_id)
        return CredentialCheck(account_name=name, expires_at=graph.token_expiry())

    def publish(self, post):
        if not post.media:
            raise PermanentError(_("Instagram needs at least one image."))
        graph = self.graph()
        if len(post.media) == 1:
            container = self._container(graph, post.media[0], caption=post.text)
        else:
            children = [self._container(graph, media, is_carousel_item="true") for media in post.media]
            for child in children:
                self._wait_until_ready(graph, child)
            container = graph.put_object(
                self.account_id,
                "media",
                media_type="CAROUSEL",
                children=",".join(children),
                caption=post.text,
            )["id"]
        self._wait_until_ready(graph, container)
        media_id = graph.put_object(self.account_id, "media_publish", creation_id=container)["id"]
        return Published(media_id, self._permalink(graph, media_id, "permalink"))

    def find_published(self, post):
        since = self._search_since(
            post, _("The first attempt's time is unknown, so the account cannot be searched.")
        )
        expected = normalised(post.text)
        media = self.graph().newest_first(
            f"{self.account_id}/media", since, time_field="timestamp", fields="id,caption,timestamp,permalink"
        )
        for item in media:
            if normalised(item.get("caption", "")) == expected:
                return Published(item["id"], item.get("permalink", ""))
        return None

    def fetch_comments(self, cursor):
        graph = self.graph()
        since = inbox.since(cursor)
        media = graph.get_connections(
            self.account_id, "media", fields="id,timestamp,comments_count,permalink", limit=RECENT_MEDIA
        )
        items = []
        for item in media.get("data", ()):
            if not item.get("comments_count"):
                continue
            comments = graph.newest_first(
                f"{item['id']}/comments", since, time_field="timestamp", fields=COMMENT_FIELDS, limit=50
            )
            items += [self._comment(item, comment) for comment in comments if not self._own(comment)]
        return inbox.batch(items, cursor, self.batch_size)

    def reply(self, item, text):
        if item.kind != ItemKind.COMMENT:
            raise PermanentError(_("Instagram replies go to comments only."))
        return Published(self.graph().put_object(item.external_id, "replies", message=text)["id"])

    def insights(self, external_id):
        answer = self.graph().get_connections(external_id, "insights", metric=METRICS)
        values = {metric["name"]: _value(metric) for metric in answer.get("data", ())}
        return {ours: values[theirs] for ours, theirs in METRIC_NAMES.items() if theirs in values}

    # --- helpers ---------------------------------------------------------------------------

    def _container(self, graph, media, **fields):
        if media.alt_text:
            fields["alt_text"] = media.alt_text
        return graph.put_object(self.account_id, "media", image_url=media.url, **fields)["id"]

    def _wait_until_ready(self, graph, container):
        """Wait until Instagram has fetched the container's media (nothing is published before)."""
        for check in range(self.container_checks):
            answer = graph.get_object(container, fields="status_code,status")
            state = answer.get("status_code")
            if state in ("FINISHED", "PUBLISHED"):
                return
            if state == "ERROR":
                raise PermanentError(
                    _("Instagram could not process the image."), platform_message=answer.get("status", "")
                )
            if state == "EXPIRED":
                raise RetryableError(_("The Instagram container expired before it was published."))
            if check + 1 < self.container_checks:
                time.sleep(self.container_wait)
        raise RetryableError(_("Instagram is still processing the image; trying again later."))

    def _comment(self, media, comment):
        author = comment.get("from") or {}
        return IncomingItem(
            kind=ItemKind.COMMENT,
            external_id=comment["id"],
            text=comment.get("text", ""),
            created_at=parse_time(comment["timestamp"]),
            author_name=comment.get("username") or author.get("username", ""),
            author_id=author.get("id", ""),
            post_external_id=media["id"],
            url=media.get("permalink", ""),
        )


def _value(metric):
    """A lifetime metric's number: ``values[-1].value``, or ``total_value.value`` in newer answers."""
    if metric.get("values"):
        return metric["values"][-1].get("value", 0)
    return (metric.get("total_value") or {}).get("value", 0)


CONNECTORS = (InstagramConnector,)
