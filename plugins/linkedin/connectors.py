"""LinkedIn organisation pages through the Posts API; comments on recent posts come back to the inbox.

Endpoints (https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api):
``POST /rest/posts`` (the new post's URN in the ``x-restli-id`` header), images through
``POST /rest/images?action=initializeUpload`` and a PUT of the bytes, ``DELETE /rest/posts/{urn}``,
``GET /rest/posts?q=author``, ``/rest/socialActions/{urn}/comments`` and
``GET /rest/organizationalEntityShareStatistics``. LinkedIn takes no idempotency key:
after a crash :meth:`find_published` looks for the post among the page's newest.
"""

import datetime
import re
from functools import cached_property
from urllib.parse import quote

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
)
from plugins.linkedin.client import LinkedInClient, encoded

#: Characters that LinkedIn's "little text" format of ``commentary`` reserves; they are escaped.
RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
HASHTAG = re.compile(r"(?<!\S)#(\w+)")
COMMENT_URN = re.compile(r"urn:li:comment:\((urn:li:\w+:[^,]+),[^)]+\)")
#: How far back ``find_published`` looks before the first attempt, for clocks that differ.
CLOCK_SLACK = datetime.timedelta(minutes=5)


class LinkedInConnector(Connector):
    platform = "linkedin"
    verbose_name = "LinkedIn"
    capabilities = frozenset(
        {Capability.TEXT, Capability.LINK, Capability.IMAGES, Capability.COMMENTS, Capability.INSIGHTS}
    )
    limits = Limits(max_length=3000, max_media=9, media_types=("image/jpeg", "image/png", "image/gif"))
    credential_fields = {
        "access_token": forms.CharField(
            label=gettext_lazy("Access token"),
            help_text=gettext_lazy(
                "An OAuth token of a page administrator with the w_organization_social and "
                "r_organization_social scopes. LinkedIn's tokens last 60 days."
            ),
        )
    }
    setting_fields = {
        "organization_id": forms.RegexField(
            r"^\d+$",
            label=gettext_lazy("Organisation id"),
            help_text=gettext_lazy(
                "The number in the page's admin address: linkedin.com/company/<number>/admin."
            ),
        )
    }
    account_field = "organization_id"
    poll_interval = 900
    #: Comments are read on this many of the page's newest posts.
    recent_posts = 10
    #: Comments asked for per request, and handed over per batch at most.
    page_size = 100
    batch_size = 50
    sandbox = "plugins.linkedin.sandbox.LinkedInSandbox"
    sandbox_channel = {
        "name": "LinkedIn Urzędu Miasta",
        "credentials": {"access_token": "demo-linkedin-token"},
        "settings": {"organization_id": "2414183"},
    }

    @cached_property
    def client(self):
        return LinkedInClient(self.credentials["access_token"], self.timeout)

    @property
    def author(self):
        return f"urn:li:organization:{self.settings['organization_id']}"

    def check_credentials(self):
        """The page's name. LinkedIn tells a token's expiry only to the app's own credentials, so none."""
        page = self.client.call("GET", f"/rest/organizations/{self.settings['organization_id']}").json()
        return CredentialCheck(account_name=page.get("localizedName") or self.author)

    def publish(self, post):
        images = [(self._upload(media), media.alt_text) for media in post.media]
        body = {
            "author": self.author,
            "commentary": self._commentary(post),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if len(images) == 1:
            body["content"] = {"media": {"id": images[0][0], "altText": images[0][1]}}
        elif images:
            body["content"] = {"multiImage": {"images": [{"id": urn, "altText": alt} for urn, alt in images]}}
        elif post.link:
            body["content"] = {"article": {"source": post.link, "title": post.title or post.link}}
        response = self.client.call("POST", "/rest/posts", json=body, acting=True)
        urn = response.headers.get("x-restli-id", "")
        if not urn:
            raise PermanentError(
                _("LinkedIn took the post but did not say its id."), status_code=response.status_code
            )
        return Published(urn, post_url(urn))

    def find_published(self, post):
        """The page's newest post with this text created since the first attempt, if any."""
        commentary = self._commentary(post)
        since = (post.first_attempt_at - CLOCK_SLACK).timestamp() * 1000 if post.first_attempt_at else 0
        for element in self._newest_posts(20):
            if element.get("commentary") == commentary and element.get("createdAt", 0) >= since:
                return Published(element["id"], post_url(element["id"]))
        return None

    def delete(self, external_id):
        """Delete a post; one already gone counts as deleted."""
        try:
            self.client.call("DELETE", f"/rest/posts/{encoded(external_id)}", restli_method="DELETE")
        except PermanentError as exc:
            if exc.status_code != 404:
                raise

    def fetch_comments(self, cursor):
        """Comments on the page's newest posts created after ``cursor`` (a time in ms), oldest first.

        LinkedIn cannot be asked for comments since a time: the comments of the
        ``recent_posts`` newest posts are read and the newer ones kept. A batch
        ends after all comments of its last millisecond, so the next batch,
        strictly later, skips none. The page's own comments (replies) are left out.
        """
        since = int(cursor or 0)
        fresh = sorted(
            (
                (comment["created"]["time"], comment.get("id", ""), urn, comment)
                for urn in (element["id"] for element in self._newest_posts(self.recent_posts))
                for comment in self._comments(urn)
                if comment["created"]["time"] > since and comment.get("actor") != self.author
            ),
            key=lambda entry: entry[:2],
        )
        if not fresh:
            return ItemBatch((), cursor)
        last = fresh[: self.batch_size][-1][0]
        batch = [entry for entry in fresh if entry[0] <= last]
        return ItemBatch(
            tuple(_item(urn, comment) for _time, _id, urn, comment in batch),
            str(last),
            more=len(batch) < len(fresh),
        )

    def reply(self, item, text):
        """A comment under the comment (LinkedIn's nested comment), as the page."""
        parent = item.external_id
        commented = COMMENT_URN.fullmatch(parent)
        body = {
            "actor": self.author,
            "object": commented.group(1) if commented else item.post_external_id,
            "message": {"text": text},
            "parentComment": parent,
        }
        response = self.client.call(
            "POST", f"/rest/socialActions/{encoded(parent)}/comments", json=body, acting=True
        )
        answer = response.json() if response.content else {}
        urn = answer.get("commentUrn") or answer.get("$URN") or response.headers.get("x-restli-id", "")
        return Published(urn, item.url)

    def insights(self, external_id):
        """The page's statistics of one post: unique impressions as reach, likes as reactions."""
        kind = "ugcPosts" if external_id.startswith("urn:li:ugcPost:") else "shares"
        query = (
            f"q=organizationalEntity&organizationalEntity={encoded(self.author)}"
            f"&{kind}=List({encoded(external_id)})"
        )
        elements = self.client.call("GET", "/rest/organizationalEntityShareStatistics", query=query).json()
        totals = next(iter(elements.get("elements", [])), {}).get("totalShareStatistics")
        if not totals:
            return {}
        return {
            "reach": totals.get("uniqueImpressionsCount", 0),
            "impressions": totals.get("impressionCount", 0),
            "reactions": totals.get("likeCount", 0),
            "comments": totals.get("commentCount", 0),
            "shares": totals.get("shareCount", 0),
            "clicks": totals.get("clickCount", 0),
        }

    # --- steps ------------------------------------------------------------------------
    def _commentary(self, post):
        """The text in little text format; with images the link goes into the text (no article card)."""
        text = post.text
        if post.media and post.link and post.link not in text:
            text = f"{text}\n{post.link}"
        return little_text(text)

    def _upload(self, media):
        """Register an image for the page, PUT its bytes; its URN."""
        answer = self.client.call(
            "POST",
            "/rest/images",
            query="action=initializeUpload",
            json={"initializeUploadRequest": {"owner": self.author}},
        ).json()["value"]
        self.client.upload(answer["uploadUrl"], media.read())
        return answer["image"]

    def _newest_posts(self, count):
        query = f"author={encoded(self.author)}&q=author&count={count}&sortBy=CREATED"
        return (
            self.client.call("GET", "/rest/posts", query=query, restli_method="FINDER")
            .json()
            .get("elements", [])
        )

    def _comments(self, urn):
        start = 0
        while True:
            page = self.client.call(
                "GET",
                f"/rest/socialActions/{encoded(urn)}/comments",
                query=f"start={start}&count={self.page_size}",
            ).json()
            elements = page.get("elements", [])
            yield from elements
            start += len(elements)
            total = page.get("paging", {}).get("total")
            if len(elements) < self.page_size or (total is not None and start >= total):
                return


def little_text(text):
    """``text`` for ``commentary``: reserved characters escaped, ``#word`` as a hashtag."""
    parts, done = [], 0
    for tag in HASHTAG.finditer(text):
        parts += [_escaped(text[done : tag.start()]), f"{{hashtag|\\#|{_escaped(tag.group(1))}}}"]
        done = tag.end()
    return "".join([*parts, _escaped(text[done:])])


def _escaped(text):
    return RESERVED.sub(r"\\\1", text)


def post_url(urn):
    return f"https://www.linkedin.com/feed/update/{urn}"


def _item(urn, comment):
    comment_urn = (
        comment.get("commentUrn") or comment.get("$URN") or f"urn:li:comment:({urn},{comment['id']})"
    )
    return IncomingItem(
        kind=ItemKind.COMMENT,
        external_id=comment_urn,
        text=comment.get("message", {}).get("text", ""),
        created_at=datetime.datetime.fromtimestamp(comment["created"]["time"] / 1000, datetime.UTC),
        author_id=comment.get("actor", ""),
        post_external_id=urn,
        url=f"{post_url(urn)}?commentUrn={quote(comment_urn, safe='')}",
    )


CONNECTORS = (LinkedInConnector,)
