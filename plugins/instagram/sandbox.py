"""A local Instagram Graph API (Instagram API with Facebook Login) for one professional account.

It speaks content publishing (containers, carousels, ``status_code``, ``media_publish``), media,
comments, replies and media insights under ``/{version}/...``, with Graph's error bodies. Each
published post gets two or three residents' comments in Polish, always the same for the same
post. ``manage.py platform_sandbox`` serves it under ``/instagram/``; point
``INSTAGRAM_GRAPH_URL`` there and connect the account ``DEMO_IG_USER_ID`` with ``DEMO_IG_TOKEN``.
A container answers IN_PROGRESS to its first ``processing_polls`` status requests, as Instagram
does while it fetches the image.
"""

import time
from urllib.parse import urlsplit

from plugins.facebook.graph_sandbox import BaseGraphSandbox, graph_time, number, pick, select

DEMO_IG_USER_ID = "17841400000000001"
DEMO_IG_USERNAME = "miasto_wierzbin"
DEMO_IG_TOKEN = "sandbox-instagram-token"  # noqa: S105 (a sandbox's public demo token)

RESIDENTS = (
    ("17841411111111101", "ania.z.osiedla", "Piękne zdjęcie! A kiedy otwarcie dla mieszkańców?"),
    ("17841411111111102", "marek_rowerem", "Czy będzie tam też stojak na rowery?"),
    ("17841411111111103", "kasia.testowo", "Brawo, wreszcie coś się dzieje w naszej dzielnicy 👏"),
    ("17841411111111104", "piotr.z", "A co z objazdem dla autobusów w czasie prac?"),
    ("17841411111111105", "ewa_spaceruje", "Czy park będzie otwarty także wieczorem?"),
)
#: Media insights metrics for images and carousels.
MEDIA_METRICS = ("reach", "likes", "comments", "shares", "saved", "total_interactions", "views")
CAPTION_LIMIT = 2200
CAROUSEL_SIZE = (2, 10)


class InstagramSandbox(BaseGraphSandbox):
    """One Instagram account (``DEMO_IG_USER_ID``) reachable with ``DEMO_IG_TOKEN``."""

    rate_limit = (
        80002,
        "There have been too many calls to this Instagram account. Wait a bit and try again.",
        "instagram",
    )
    scopes = (
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_comments",
        "instagram_manage_insights",
        "pages_show_list",
        "pages_read_engagement",
    )
    routes = (
        ("POST", r"/(?P<account_id>\d+)/media", "create_container"),
        ("POST", r"/(?P<account_id>\d+)/media_publish", "publish_container"),
        ("GET", r"/(?P<account_id>\d+)/media", "list_media"),
        ("GET", r"/(?P<target>\d+)/comments", "list_comments"),
        ("POST", r"/(?P<target>\d+)/replies", "create_reply"),
        ("GET", r"/(?P<target>\d+)/insights", "get_insights"),
        ("GET", r"/(?P<target>\d+)", "get_object"),
    )
    processing_polls = 1

    def __init__(self):
        super().__init__()
        self.account = {"id": DEMO_IG_USER_ID, "username": DEMO_IG_USERNAME, "name": "Miasto Wierzbin"}
        self.add_token(DEMO_IG_TOKEN, DEMO_IG_USER_ID, kind="USER", expires_at=int(time.time()) + 60 * 86400)
        self.containers = {}
        self.media = {}
        self.comments = {}

    def add_comment(
        self, media_id, text, *, author=("17841411111111199", "jan.testowy"), created=None, parent=""
    ):
        """A comment on a media object (or a reply to ``parent``); returns it."""
        with self.lock:
            created = int(time.time()) if created is None else int(created)
            comment = {
                "id": str(17860000000000000 + self.next_number()),
                "media_id": media_id,
                "parent": parent,
                "text": text,
                "username": author[1],
                "from": {"id": author[0], "username": author[1]},
                "timestamp": created,
                "like_count": 0,
            }
            self.comments[comment["id"]] = comment
            return comment

    # --- handlers -----------------------------------------------------------------------

    def create_container(self, request, account, account_id):
        self._own_account(request, account, account_id)
        params = request.params
        caption = params.get("caption", "")
        if len(caption) > CAPTION_LIMIT:
            raise self._invalid_media(
                2207010, "Caption too long", f"The caption is longer than {CAPTION_LIMIT} characters."
            )
        container = {
            "id": str(17900000000000000 + self.next_number()),
            "caption": caption,
            "alt_text": params.get("alt_text", ""),
            "status_code": "IN_PROGRESS",
            "polls_left": self.processing_polls,
            "created": int(time.time()),
            "carousel_item": params.get("is_carousel_item") == "true",
        }
        if params.get("media_type") == "CAROUSEL":
            children = [c for c in params.get("children", "").split(",") if c]
            valid = all(c in self.containers and self.containers[c]["carousel_item"] for c in children)
            if not (valid and CAROUSEL_SIZE[0] <= len(children) <= CAROUSEL_SIZE[1]):
                raise self._invalid_media(
                    2207028,
                    "Carousel validation failed",
                    "A carousel holds 2 to 10 carousel item containers of this account.",
                )
            container.update(media_type="CAROUSEL_ALBUM", children=children)
        else:
            image_url = params.get("image_url", "")
            if not image_url.startswith(("http://", "https://")):
                raise self._invalid_media(
                    2207052,
                    "Media download has failed",
                    f"The media could not be fetched from this uri: {image_url}",
                )
            if urlsplit(image_url).path.lower().endswith((".png", ".gif", ".webp")):
                raise self._invalid_media(
                    2207005,
                    "Unsupported image format",
                    "The image format is not supported. Supported formats are: JPEG",
                )
            container.update(media_type="IMAGE", image_url=image_url)
        self.containers[container["id"]] = container
        return {"id": container["id"]}

    def publish_container(self, request, account, account_id):
        self._own_account(request, account, account_id)
        container = self.containers.get(request.params.get("creation_id", ""))
        if container is None or container["carousel_item"]:
            raise self.invalid(
                "Invalid parameter",
                error_user_title="Invalid creation_id",
                error_user_msg="The creation_id is not a container of this account.",
            )
        if container["status_code"] != "FINISHED":
            raise self.invalid(
                "Media ID is not available",
                9007,
                subcode=2207027,
                error_user_title="Media not ready for publishing",
                error_user_msg="The media is not ready for publishing, please wait for a moment",
            )
        now = int(time.time())
        media_id = str(17950000000000000 + self.next_number())
        shortcode = f"C{number(media_id, 10**9, 10**10 - 1)}"
        self.media[media_id] = {
            "id": media_id,
            "caption": container["caption"],
            "media_type": container["media_type"],
            "media_product_type": "FEED",
            "timestamp": now,
            "permalink": f"https://www.instagram.com/p/{shortcode}/",
            "shortcode": shortcode,
            "username": self.account["username"],
            "like_count": number(media_id + "likes", 5, 400),
        }
        container["status_code"] = "PUBLISHED"
        for author_id, username, text in pick(media_id, RESIDENTS, number(media_id, 2, 3)):
            self.add_comment(media_id, text, author=(author_id, username), created=now)
        return {"id": media_id}

    def list_media(self, request, account, account_id):
        self._own_account(request, account, account_id)
        media = sorted(self.media.values(), key=lambda m: (-m["timestamp"], m["id"]))
        wanted = request.fields("id")
        return self.page(request, media, lambda m: select(self._media_view(m), wanted))

    def list_comments(self, request, account, target):
        if target not in self.media:
            raise self.not_found(request, target)
        comments = sorted(
            (c for c in self.comments.values() if c["media_id"] == target and not c["parent"]),
            key=lambda c: (-c["timestamp"], c["id"]),
        )
        wanted = request.fields("id,text,timestamp")
        return self.page(request, comments, lambda c: select(self._comment_view(c), wanted))

    def create_reply(self, request, account, target):
        comment = self.comments.get(target)
        if comment is None:
            raise self.not_found(request, target)
        if not request.params.get("message"):
            raise self.invalid("(#100) The parameter message is required")
        author = (self.account["id"], self.account["username"])
        reply = self.add_comment(comment["media_id"], request.params["message"], author=author, parent=target)
        return {"id": reply["id"]}

    def get_insights(self, request, account, target):
        if target not in self.media:
            raise self.not_found(request, target)
        metrics = [m for m in request.params.get("metric", "").split(",") if m]
        unknown = [m for m in metrics if m not in MEDIA_METRICS]
        if not metrics or unknown:
            raise self.invalid(
                f"(#100) metric[{metrics.index(unknown[0]) if unknown else 0}] must be one of the "
                f"following values: {', '.join(MEDIA_METRICS)}"
            )
        return {
            "data": [
                {
                    "name": metric,
                    "period": "lifetime",
                    "values": [{"value": self._metric(target, metric)}],
                    "title": metric.replace("_", " ").capitalize(),
                    "description": f"The {metric.replace('_', ' ')} of the media object.",
                    "id": f"{target}/insights/{metric}/lifetime",
                }
                for metric in metrics
            ]
        }

    def get_object(self, request, account, target):
        if target == self.account["id"]:
            view = {**self.account, "media_count": len(self.media), "followers_count": 1834}
            return select(view, request.fields("id,username"))
        if target in self.containers:
            container = self.containers[target]
            if container["status_code"] == "IN_PROGRESS":
                if container["polls_left"] <= 0:
                    container["status_code"] = "FINISHED"
                container["polls_left"] -= 1
            view = {**container, "status": f"{container['status_code'].capitalize()}: the container's state"}
            return select(view, request.fields("id"))
        if target in self.media:
            return select(self._media_view(self.media[target]), request.fields("id"))
        if target in self.comments:
            return select(self._comment_view(self.comments[target]), request.fields("id,text,timestamp"))
        raise self.not_found(request, target)

    # --- state ----------------------------------------------------------------------------

    def _own_account(self, request, account, account_id):
        if account_id != self.account["id"] or account != account_id:
            raise self.not_found(request, account_id)

    def _invalid_media(self, subcode, title, message):
        return self.invalid(
            "Invalid parameter",
            subcode=subcode,
            is_transient=False,
            error_user_title=title,
            error_user_msg=message,
        )

    def _media_view(self, media):
        comments = [c for c in self.comments.values() if c["media_id"] == media["id"]]
        return {**media, "timestamp": graph_time(media["timestamp"]), "comments_count": len(comments)}

    def _comment_view(self, comment):
        view = {
            **comment,
            "timestamp": graph_time(comment["timestamp"]),
            "media": {"id": comment["media_id"]},
        }
        if comment["parent"]:
            view["parent_id"] = comment["parent"]
        return view

    def _metric(self, media_id, metric):
        if metric == "comments":
            return sum(1 for c in self.comments.values() if c["media_id"] == media_id)
        if metric == "likes":
            return self.media[media_id]["like_count"]
        return number(
            f"{media_id}{metric}", 20 if metric == "reach" else 0, 3000 if metric == "reach" else 60
        )
