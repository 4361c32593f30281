"""A local Facebook Graph API for one Page: feed, photos, comments, Messenger, insights.

It speaks the documented Page endpoints under ``/{version}/...`` with a Page token (the
``access_token`` parameter, or an ``Authorization: Bearer`` header), answers Graph's error
bodies, and fills the Page with residents' comments in Polish so a demo inbox has content:
each new post gets two or three, always the same for the same post, and a Messenger
conversation waits from the start. ``manage.py platform_sandbox`` serves it under
``/facebook/``; point ``FACEBOOK_GRAPH_URL`` there and connect the Page ``DEMO_PAGE_ID``
with the token ``DEMO_PAGE_TOKEN``.
"""

import calendar
import json
import time

from plugins.facebook.graph_sandbox import (
    BaseGraphSandbox,
    GraphAnswer,
    error_body,
    expansion_limit,
    graph_time,
    number,
    pick,
    select,
)

DEMO_PAGE_ID = "104785632145879"
DEMO_PAGE_NAME = "Miasto Wierzbin"
DEMO_PAGE_TOKEN = "sandbox-facebook-page-token"  # noqa: S105 (a sandbox's public demo token)

#: Residents and what they write under the city's posts.
RESIDENTS = (
    (
        "7100000000000001",
        "Anna Kowalska",
        "Do kiedy potrwa zamknięcie ulicy Kościuszki? Nie mam jak dojechać do przychodni.",
    ),
    (
        "7100000000000002",
        "Marek Nowak",
        "Czy autobusy linii 12 pojadą objazdem? Przydałaby się informacja na przystankach.",
    ),
    ("7100000000000003", "Katarzyna Wiśniewska", "Dziękuję za informację, bardzo przydatne!"),
    (
        "7100000000000004",
        "Piotr Zieliński",
        "A co z mieszkańcami, którzy mają wjazd do garażu od strony remontu?",
    ),
    (
        "7100000000000005",
        "Ewa Lewandowska",
        "Kiedy wreszcie naprawicie oświetlenie na Parkowej? Wieczorem jest zupełnie ciemno.",
    ),
    (
        "7100000000000006",
        "Tomasz Wójcik",
        "Czy w weekend prace też będą prowadzone? Hałas od szóstej rano to przesada.",
    ),
    (
        "7100000000000007",
        "Agnieszka Kamińska",
        "Gdzie można zgłosić zapadnięty chodnik po zeszłorocznym remoncie?",
    ),
)
MESSENGER_RESIDENT = ("6283746529384756", "Jan Mazur")
MESSENGER_TEXTS = (
    "Dzień dobry, kiedy w tym miesiącu jest odbiór odpadów wielkogabarytowych na osiedlu Słonecznym?",
    "I czy trzeba to wcześniej zgłaszać w urzędzie?",
)
#: Insights metrics Graph still serves for posts (the impressions family was retired in 2025).
POST_METRICS = frozenset(
    {"post_total_media_view_unique", "post_total_media_view", "post_clicks", "post_reactions_by_type_total"}
)
SCHEDULE_WINDOW = (10 * 60, 75 * 86400)
MESSAGING_WINDOW = 24 * 3600


class GraphSandbox(BaseGraphSandbox):
    """One Page (``DEMO_PAGE_ID``) reachable with ``DEMO_PAGE_TOKEN``."""

    rate_limit = (
        80001,
        "(#80001) There have been too many calls to this Page account. Wait a bit and try again. "
        "For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
        "pages",
    )
    scopes = (
        "pages_show_list",
        "pages_read_engagement",
        "pages_manage_posts",
        "pages_manage_engagement",
        "pages_read_user_content",
        "pages_messaging",
        "read_insights",
    )
    routes = (
        ("GET", r"/me", "get_me"),
        ("POST", r"/(?P<page>\d+)/feed", "create_post"),
        ("POST", r"/(?P<page>\d+)/photos", "create_photo"),
        ("GET", r"/(?P<page>\d+)/(?:published_posts|posts|feed)", "list_posts"),
        ("GET", r"/(?P<page>\d+)/scheduled_posts", "list_scheduled_posts"),
        ("GET", r"/(?P<page>\d+)/conversations", "list_conversations"),
        ("POST", r"/(?P<page>\d+)/messages", "send_message"),
        ("GET", r"/(?P<conversation>t_\d+)/messages", "list_messages"),
        ("GET", r"/(?P<target>\d+(?:_\d+)?)/comments", "list_comments"),
        ("POST", r"/(?P<target>\d+(?:_\d+)?)/comments", "create_comment"),
        ("GET", r"/(?P<target>\d+_\d+)/insights", "get_insights"),
        ("GET", r"/(?P<target>[\w]+)", "get_object"),
        ("DELETE", r"/(?P<target>\d+_\d+|\d+)", "delete_object"),
    )

    def __init__(self):
        super().__init__()
        self.page_id, self.page_name = DEMO_PAGE_ID, DEMO_PAGE_NAME
        self.add_token(DEMO_PAGE_TOKEN, DEMO_PAGE_ID)
        self.posts = {}
        self.photos = {}
        self.comments = {}
        self.conversations = {}
        self._start_conversation(MESSENGER_RESIDENT, MESSENGER_TEXTS, int(time.time()) - 40 * 60)

    # --- what tests and demos set up ----------------------------------------------------

    def add_comment(
        self, post_id, text, *, author=("7100000000000099", "Jan Testowy"), created=None, parent=""
    ):
        """A resident's comment on a post (or a reply to ``parent``); returns it."""
        with self.lock:
            post = self.posts[post_id]
            comment_id = f"{post_id.split('_')[1]}_{self.next_number()}"
            created = int(time.time()) if created is None else int(created)
            comment = {
                "id": comment_id,
                "post_id": post_id,
                "parent": parent,
                "message": text,
                "from": {"id": author[0], "name": author[1]},
                "created_time": created,
                "permalink_url": f"https://www.facebook.com/{self.page_id}/posts/{post_id.split('_')[1]}"
                f"?comment_id={comment_id.split('_')[1]}",
            }
            self.comments[comment_id] = comment
            post["updated_time"] = max(post["updated_time"], created)
            return comment

    def add_message(self, conversation_id, text, *, created=None):
        """A resident's message in a conversation; returns it."""
        with self.lock:
            conversation = self.conversations[conversation_id]
            return self._add_message(conversation, conversation["resident"], text, created)

    def published_posts(self):
        with self.lock:
            return sorted(
                (p for p in self.posts.values() if p["is_published"]), key=lambda p: -p["created_time"]
            )

    # --- handlers -----------------------------------------------------------------------

    def get_me(self, request, account):
        """The Page for its token; for any other token, the person it belongs to."""
        me = (
            {"id": self.page_id, "name": self.page_name}
            if account == self.page_id
            else {"id": account, "name": "Jan Testowy"}
        )
        return select(me, request.fields("id,name"))

    def create_post(self, request, account, page):
        self._own_page(request, account, page)
        params = request.params
        attached = [
            self._attachable_photo(params[key], key)
            for key in sorted(params)
            if key.startswith("attached_media[")
        ]
        message, link = params.get("message", ""), params.get("link", "")
        if not (message or link or attached):
            raise self.invalid("(#100) Missing message or attachment")
        self._refuse_duplicate(message, link)
        post = self._new_post(message, link, params, photos=[photo["id"] for photo in attached])
        for photo in attached:
            photo["post_id"] = post["id"]
        return {"id": post["id"]}

    def create_photo(self, request, account, page):
        self._own_page(request, account, page)
        params = request.params
        source = request.files.get("source")
        if not (params.get("url") or (source and _is_image(source.data))):
            raise self.invalid("(#324) Missing or invalid image file", 324)
        photo = {
            "id": str(122100000000000000 + self.next_number()),
            "caption": params.get("caption", ""),
            "alt_text_custom": params.get("alt_text_custom", ""),
            "created_time": int(time.time()),
            "post_id": "",
            "temporary": params.get("temporary") == "true",
        }
        self.photos[photo["id"]] = photo
        if params.get("published", "true") == "false" and not params.get("scheduled_publish_time"):
            return {"id": photo["id"]}
        post = self._new_post(photo["caption"], "", params, photos=[photo["id"]])
        photo["post_id"] = post["id"]
        return {"id": photo["id"], "post_id": post["id"]}

    def list_posts(self, request, account, page):
        self._own_page(request, account, page)
        params = request.params
        since, until = _unix(params.get("since")), _unix(params.get("until"))
        posts = [
            post
            for post in self.published_posts()
            if (since is None or post["created_time"] >= since)
            and (until is None or post["created_time"] <= until)
        ]
        wanted = request.fields("id,message,created_time")
        return self.page(request, posts, lambda post: select(self._post_view(post), wanted))

    def list_scheduled_posts(self, request, account, page):
        self._own_page(request, account, page)
        posts = sorted(
            (p for p in self.posts.values() if not p["is_published"] and p["scheduled_publish_time"]),
            key=lambda p: p["scheduled_publish_time"],
        )
        wanted = request.fields("id,message,created_time,scheduled_publish_time")
        return self.page(request, posts, lambda post: select(self._post_view(post), wanted))

    def list_comments(self, request, account, target):
        if target not in self.posts and target not in self.comments:
            raise self.not_found(request, target)
        params = request.params
        if params.get("filter") == "stream" and target in self.posts:
            comments = [c for c in self.comments.values() if c["post_id"] == target]
        else:  # "toplevel", the default: direct comments of the post, or replies to the comment
            parent = "" if target in self.posts else target
            post_id = target if target in self.posts else self.comments[target]["post_id"]
            comments = [
                c for c in self.comments.values() if c["post_id"] == post_id and c["parent"] == parent
            ]
        comments.sort(
            key=lambda c: (c["created_time"], c["id"]), reverse=params.get("order") == "reverse_chronological"
        )
        wanted = request.fields("id,message,from,created_time")
        return self.page(request, comments, lambda c: select(self._comment_view(c), wanted))

    def create_comment(self, request, account, target):
        message = request.params.get("message", "")
        if target in self.comments:
            post_id, parent = self.comments[target]["post_id"], target
        elif target in self.posts:
            post_id, parent = target, ""
        else:
            raise self.not_found(request, target)
        if not message:
            raise self.invalid("(#100) Missing message or attachment")
        comment = self.add_comment(post_id, message, author=(self.page_id, self.page_name), parent=parent)
        return {"id": comment["id"]}

    def get_insights(self, request, account, target):
        post = self._post(request, target)
        metrics = [m for m in request.params.get("metric", "").split(",") if m]
        if not metrics or any(m not in POST_METRICS for m in metrics):
            raise self.invalid("(#100) The value must be a valid insights metric")
        data = [
            {
                "name": metric,
                "period": "lifetime",
                "values": [{"value": self.counts(post["id"])[metric]}],
                "title": metric.replace("_", " ").capitalize(),
                "description": "Lifetime: the number of people who saw the post.",
                "id": f"{post['id']}/insights/{metric}/lifetime",
            }
            for metric in metrics
        ]
        return {"data": data}

    def get_object(self, request, account, target):
        if target == self.page_id:
            return select({"id": self.page_id, "name": self.page_name}, request.fields("id,name"))
        if target in self.posts:
            wanted = request.fields("id,message,created_time")
            return select(self._post_view(self.posts[target]), wanted)
        if target in self.comments:
            return select(
                self._comment_view(self.comments[target]), request.fields("id,message,from,created_time")
            )
        if target in self.photos:
            photo = self.photos[target]
            view = {**photo, "name": photo["caption"], "created_time": graph_time(photo["created_time"])}
            return select(view, request.fields("id,created_time,name"))
        raise self.not_found(request, target)

    def delete_object(self, request, account, target):
        if target in self.posts:
            del self.posts[target]
            self.comments = {k: c for k, c in self.comments.items() if c["post_id"] != target}
        elif target in self.comments:
            self.comments = {k: c for k, c in self.comments.items() if target not in (k, c["parent"])}
        else:
            raise self.not_found(request, target)
        return {"success": True}

    def list_conversations(self, request, account, page):
        self._own_page(request, account, page)
        if request.params.get("platform", "messenger") != "messenger":
            return {"data": []}
        conversations = sorted(self.conversations.values(), key=lambda c: -c["updated_time"])
        wanted = request.fields("id,updated_time")
        return self.page(request, conversations, lambda c: self._conversation_view(request, c, wanted))

    def list_messages(self, request, account, conversation):
        if conversation not in self.conversations:
            raise self.not_found(request, conversation)
        messages = self._newest_messages(self.conversations[conversation])
        return self.page(request, messages, lambda m: select(m, request.fields("id,created_time")))

    def send_message(self, request, account, page):
        self._own_page(request, account, page)
        params = request.params
        recipient, message = _json_param(params.get("recipient")), _json_param(params.get("message"))
        if not (recipient and message and message.get("text") and params.get("messaging_type")):
            raise self.invalid("(#100) The parameter recipient, message and messaging_type are required")
        conversation = next(
            (c for c in self.conversations.values() if c["resident"][0] == str(recipient.get("id"))), None
        )
        if conversation is None:
            raise self.invalid("(#100) No matching user found", subcode=2018001)
        last_heard = max(
            m["created_time_unix"] for m in conversation["messages"] if m["from"]["id"] != self.page_id
        )
        if params["messaging_type"] == "RESPONSE" and time.time() - last_heard > MESSAGING_WINDOW:
            raise GraphAnswer(
                400, error_body("(#10) This message is sent outside of allowed window.", 10, subcode=2018278)
            )
        sent = self._add_message(conversation, (self.page_id, self.page_name), message["text"], None)
        return {"recipient_id": conversation["resident"][0], "message_id": sent["id"]}

    # --- state ----------------------------------------------------------------------------

    def advance(self):
        now = time.time()
        for post in list(self.posts.values()):
            scheduled = post["scheduled_publish_time"]
            if not post["is_published"] and scheduled and scheduled <= now:
                self._go_live(post, scheduled)

    def _new_post(self, message, link, params, photos=()):
        now = int(time.time())
        number_ = 122100000000000000 + self.next_number()
        post = {
            "id": f"{self.page_id}_{number_}",
            "message": message,
            "link": link,
            "photos": list(photos),
            "created_time": now,
            "updated_time": now,
            "is_published": False,
            "scheduled_publish_time": None,
            "permalink_url": f"https://www.facebook.com/{self.page_id}/posts/{number_}",
        }
        if params.get("published", "true") == "false":
            scheduled = _unix(params.get("scheduled_publish_time"))
            if scheduled is not None:
                if not SCHEDULE_WINDOW[0] <= scheduled - now <= SCHEDULE_WINDOW[1]:
                    raise self.invalid("(#100) The specified scheduled publish time is invalid.")
                post["scheduled_publish_time"] = scheduled
            self.posts[post["id"]] = post
        else:
            self.posts[post["id"]] = post
            self._go_live(post, now)
        return post

    def _go_live(self, post, moment):
        post.update(is_published=True, created_time=int(moment), updated_time=int(moment))
        for author_id, name, text in pick(post["id"], RESIDENTS, number(post["id"], 2, 3)):
            self.add_comment(post["id"], text, author=(author_id, name), created=moment)

    def _refuse_duplicate(self, message, link):
        latest = self.published_posts()[:1]
        if message and latest and (latest[0]["message"], latest[0]["link"]) == (message, link):
            raise self.invalid("(#506) Duplicate status message", 506)

    def _attachable_photo(self, value, key):
        media = _json_param(value) or {}
        photo = self.photos.get(str(media.get("media_fbid")))
        if photo is None or photo["post_id"]:
            raise self.invalid(f"(#100) param {key} must be a valid, unpublished photo of this Page")
        return photo

    def _own_page(self, request, account, page):
        if page != self.page_id or account != self.page_id:
            raise self.not_found(request, page)

    def _post(self, request, post_id):
        if post_id not in self.posts:
            raise self.not_found(request, post_id)
        return self.posts[post_id]

    def counts(self, post_id):
        """The post's numbers as insights and summaries tell them: always the same for the same post."""
        with self.lock:
            reach = number(post_id + "reach", 150, 4800)
            return {
                "post_total_media_view_unique": reach,
                "post_total_media_view": reach + number(post_id + "views", 10, 900),
                "post_clicks": number(post_id + "clicks", 0, 120),
                "post_reactions_by_type_total": number(post_id + "likes", 3, 250),
                "reactions": number(post_id + "likes", 3, 250),
                "comments": sum(1 for c in self.comments.values() if c["post_id"] == post_id),
                "shares": number(post_id + "shares", 0, 40),
            }

    def _post_view(self, post):
        counts = self.counts(post["id"])
        view = {
            **post,
            "created_time": graph_time(post["created_time"]),
            "updated_time": graph_time(post["updated_time"]),
            "reactions": {
                "data": [],
                "summary": {"total_count": counts["reactions"], "viewer_reaction": "NONE"},
            },
            "comments": {
                "data": [],
                "summary": {"order": "ranked", "total_count": counts["comments"], "can_comment": True},
            },
        }
        if counts["shares"]:  # Graph leaves out "shares" for a post nobody shared
            view["shares"] = {"count": counts["shares"]}
        if post["scheduled_publish_time"]:
            view["scheduled_publish_time"] = post["scheduled_publish_time"]
        if post["photos"]:
            view["full_picture"] = f"https://scontent.xx.fbcdn.net/v/{post['photos'][0]}.jpg"
        return view

    def _comment_view(self, comment):
        view = {**comment, "created_time": graph_time(comment["created_time"])}
        if comment["parent"]:
            view["parent"] = {"id": comment["parent"]}
        else:
            del view["parent"]
        return view

    def _start_conversation(self, resident, texts, started):
        conversation = {
            "id": f"t_{1000000000000000 + self.next_number()}",
            "resident": resident,
            "messages": [],
            "updated_time": started,
        }
        conversation["link"] = f"/{self.page_id}/inbox/?selected_item_id={resident[0]}"
        self.conversations[conversation["id"]] = conversation
        for i, text in enumerate(texts):
            self._add_message(conversation, resident, text, started + 90 * i)
        return conversation

    def _add_message(self, conversation, author, text, created):
        created = int(time.time()) if created is None else int(created)
        message = {
            "id": f"m_{self.next_number():012d}",
            "message": text,
            "from": {"id": author[0], "name": author[1]},
            "created_time": graph_time(created),
            "created_time_unix": created,
        }
        conversation["messages"].append(message)
        conversation["updated_time"] = max(conversation["updated_time"], created)
        return message

    def _newest_messages(self, conversation):
        return sorted(conversation["messages"], key=lambda m: (-m["created_time_unix"], m["id"]))

    def _conversation_view(self, request, conversation, wanted):
        view = {
            "id": conversation["id"],
            "updated_time": graph_time(conversation["updated_time"]),
            "link": conversation["link"],
            "message_count": len(conversation["messages"]),
            "participants": {
                "data": [
                    {"id": conversation["resident"][0], "name": conversation["resident"][1]},
                    {"id": self.page_id, "name": self.page_name},
                ]
            },
        }
        if "messages" in wanted:
            spec = wanted["messages"]  # messages.limit(50){id,message,from,created_time}
            inner = [f.strip() for f in spec[spec.index("{") + 1 : -1].split(",")] if "{" in spec else ["id"]
            view["messages"] = self.nested_page(
                request,
                f"/{conversation['id']}/messages",
                self._newest_messages(conversation),
                lambda m: select(m, inner),
                expansion_limit(spec),
            )
        return select(view, wanted)


def _unix(value):
    if value in (None, ""):
        return None
    try:
        return int(float(value))
    except ValueError:
        return calendar.timegm(time.strptime(str(value)[:19], "%Y-%m-%dT%H:%M:%S"))


def _json_param(value):
    if isinstance(value, dict):
        return value
    try:
        return json.loads(value or "null")
    except ValueError:
        return None


def _is_image(data):
    return (
        data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n" or data[:6] in (b"GIF87a", b"GIF89a")
    )
