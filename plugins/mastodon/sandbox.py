"""A Mastodon server for demos and tests: the documented REST endpoints the connector uses, in memory.

https://docs.joinmastodon.org/methods/: ``GET /api/v1/accounts/verify_credentials``,
``POST /api/v2/media``, ``POST /api/v1/statuses`` (honouring ``Idempotency-Key``),
``GET``/``DELETE /api/v1/statuses/:id``, ``DELETE /api/v1/scheduled_statuses/:id``,
``GET /api/v1/notifications`` (``types[]``, ``min_id``, ``since_id``, ``max_id``,
``limit``, ``Link`` header). Errors are ``{"error": "..."}`` as Mastodon sends them.
Every public status gets a few replies from residents (in Polish) and every
second one a direct mention, derived from its number, so the inbox has content.
"""

import datetime
import html
import itertools
import re

from cms.outbox.sandbox_base import Sandbox, phrase

MAX_CHARACTERS = 500
#: Mastodon counts every URL as this many characters.
URL_LENGTH = 23
URL = re.compile(r"https?://\S+")
SCHEDULE_AHEAD = datetime.timedelta(minutes=5)
TOO_SOON = "Validation failed: Scheduled at The scheduled date must be in the future"

ACCOUNT_ID = "109347000000000001"
USERNAME = "wierzbin"
RESIDENTS = (
    ("109347000000000101", "anna_kowalska", "anna_kowalska", "Anna Kowalska"),
    ("109347000000000102", "tomek", "tomek@pol.social", "Tomasz Wiśniewski"),
    ("109347000000000103", "ewa_z", "ewa_z", "Ewa Zielińska"),
    ("109347000000000104", "rowerowy_wierzbin", "rowerowy_wierzbin@mastodon.com.pl", "Rowerowy Wierzbin"),
)
REPLIES = (
    "Dziękuję za informację!",
    "Gdzie można znaleźć więcej szczegółów?",
    "Czy to dotyczy także osiedla Zielone Wzgórza?",
    "Świetna wiadomość, oby tak dalej.",
    "Kiedy będą kolejne informacje w tej sprawie?",
    "Czy można to zgłosić także przez aplikację miejską?",
)
DIRECT = (
    "Dzień dobry, piszę prywatnie: czy mogę prosić o kontakt do osoby, która prowadzi tę sprawę?",
    "Witam, mam pytanie o moją posesję przy tej ulicy. Komu mogę je przekazać?",
)


class MastodonSandbox(Sandbox):
    """One account (@wierzbin) on a fake Mastodon server; any bearer token not revoked is its token."""

    content_type = "application/json; charset=utf-8"
    routes = (
        ("GET", r"/api/v1/accounts/verify_credentials", "_verify_credentials"),
        ("POST", r"/api/v2/media", "_upload"),
        ("POST", r"/api/v1/statuses", "_post_status"),
        ("GET", r"/api/v1/statuses/(?P<status_id>\d+)", "_get_status"),
        ("DELETE", r"/api/v1/statuses/(?P<status_id>\d+)", "_delete_status"),
        ("DELETE", r"/api/v1/scheduled_statuses/(?P<scheduled_id>\d+)", "_delete_scheduled"),
        ("GET", r"/api/v1/notifications", "_notifications"),
    )

    def __init__(self):
        super().__init__()
        #: Tokens answered 401, as a revoked or mistyped token is.
        self.revoked = set()
        self.statuses = {}
        self.scheduled = {}
        self.media = {}
        self.notifications = []
        self._by_key = {}
        self._sources = {}
        self._posts = 0
        self._ids = itertools.count(int(ACCOUNT_ID) + 10_000_000)

    # --- for tests ----------------------------------------------------------------
    def rate_limit(self, seconds):
        """Answer the next request with a 429 whose ``X-RateLimit-Reset`` is ``seconds`` from now."""
        reset = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds)
        headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": _iso(reset)}
        self.fail_next(429, {"error": "Too many requests"}, headers)

    def own_statuses(self):
        with self.lock:
            return [s for s in self.statuses.values() if s["account"]["id"] == ACCOUNT_ID]

    def failure_body(self, status):
        return {"error": phrase(status) or "Error"}

    def handle(self, request):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth.removeprefix("Bearer ") in self.revoked:
            return 401, {"error": "The access token is invalid"}, {}
        handler = self.route(request.method, request.path)
        if handler is None:
            return 404, {"error": "Record not found"}, {}
        return handler(request, request.base)

    # --- endpoints ------------------------------------------------------------------
    def _verify_credentials(self, request, base):
        return (
            200,
            {
                **_account(base, ACCOUNT_ID, USERNAME, USERNAME, "Urząd Miasta Wierzbin"),
                "statuses_count": self._posts,
            },
            {},
        )

    def _upload(self, request, base):
        upload = request.files.get("file")
        if not upload or not upload.content_type.startswith("image/"):
            return 422, {"error": "Validation failed: File content type is invalid, File is invalid"}, {}
        media_id = str(next(self._ids))
        self.media[media_id] = {
            "id": media_id,
            "type": "image",
            "url": f"{base}/system/media_attachments/files/{media_id}/original/{upload.filename}",
            "preview_url": f"{base}/system/media_attachments/files/{media_id}/small/{upload.filename}",
            "remote_url": None,
            "meta": {},
            "description": request.form.get("description"),
            "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}",
        }
        return 200, self.media[media_id], {}

    def _post_status(self, request, base):
        form = request.json if isinstance(request.json, dict) else request.form
        key = request.headers.get("Idempotency-Key")
        if key and key in self._by_key:
            kind, known = self._by_key[key]
            return 200, (self.scheduled if kind == "scheduled" else self.statuses)[known], {}
        text, media_ids = form.get("status", ""), form.get("media_ids[]", [])
        if not text.strip() and not media_ids:
            return 422, {"error": "Validation failed: Text can't be blank"}, {}
        if len(URL.sub("x" * URL_LENGTH, text)) > MAX_CHARACTERS:
            return 422, {"error": f"Validation failed: Text character limit of {MAX_CHARACTERS} exceeded"}, {}
        parent = self.statuses.get(form.get("in_reply_to_id") or "")
        if form.get("in_reply_to_id") and parent is None:
            return 404, {"error": "Record not found"}, {}
        visibility = form.get("visibility") or "public"
        media = [self.media[m] for m in media_ids if m in self.media]
        if form.get("scheduled_at"):
            at = datetime.datetime.fromisoformat(form["scheduled_at"].replace("Z", "+00:00"))
            if at < datetime.datetime.now(datetime.UTC) + SCHEDULE_AHEAD:
                return (
                    422,
                    {"error": "Validation failed: Scheduled at The scheduled date must be in the future"},
                    {},
                )
            scheduled_id = str(next(self._ids))
            self.scheduled[scheduled_id] = {
                "id": scheduled_id,
                "scheduled_at": _iso(at),
                "media_attachments": media,
                "params": {
                    "text": text,
                    "visibility": visibility,
                    "media_ids": media_ids or None,
                    "idempotency": key,
                    "in_reply_to_id": None,
                    "scheduled_at": None,
                    "sensitive": None,
                    "spoiler_text": None,
                    "poll": None,
                    "application_id": 1,
                },
            }
            if key:
                self._by_key[key] = ("scheduled", scheduled_id)
            return 200, self.scheduled[scheduled_id], {}
        own = _account(base, ACCOUNT_ID, USERNAME, USERNAME, "Urząd Miasta Wierzbin")
        status = self._status(base, own, text, visibility, parent=parent, media=media)
        if key:
            self._by_key[key] = ("status", status["id"])
        if parent is None and visibility == "public":
            self._posts += 1
            self._residents_answer(base, status, self._posts)
        return 200, status, {}

    def _get_status(self, request, base, status_id):
        if status_id not in self.statuses:
            return 404, {"error": "Record not found"}, {}
        return 200, self.statuses[status_id], {}

    def _delete_status(self, request, base, status_id):
        status = self.statuses.get(status_id)
        if status is None or status["account"]["id"] != ACCOUNT_ID:
            return 404, {"error": "Record not found"}, {}
        del self.statuses[status_id]
        return 200, {**status, "text": self._sources.pop(status_id)}, {}

    def _delete_scheduled(self, request, base, scheduled_id):
        if self.scheduled.pop(scheduled_id, None) is None:
            return 404, {"error": "Record not found"}, {}
        return 200, {}, {}

    def _notifications(self, request, base):
        query = request.query
        types, excluded = query.get("types[]", []), query.get("exclude_types[]", [])
        limit = min(int((query.get("limit") or ["40"])[0]), 80)
        items = [
            n for n in self.notifications if (not types or n["type"] in types) and n["type"] not in excluded
        ]
        for name, keep in (
            ("max_id", lambda n, v: n < v),
            ("since_id", lambda n, v: n > v),
            ("min_id", lambda n, v: n > v),
        ):
            if query.get(name):
                items = [item for item in items if keep(int(item["id"]), int(query[name][0]))]
        # min_id: the page right after it; otherwise the newest page. Newest first either way.
        page = list(reversed(items[:limit] if query.get("min_id") else items[-limit:]))
        headers = {}
        if page:
            kinds = "".join(f"&types[]={kind}" for kind in types)
            headers["Link"] = (
                f'<{base}/api/v1/notifications?max_id={page[-1]["id"]}{kinds}>; rel="next", '
                f'<{base}/api/v1/notifications?min_id={page[0]["id"]}{kinds}>; rel="prev"'
            )
        return 200, page, headers

    # --- the fake server's life -----------------------------------------------------
    def _status(self, base, account, text, visibility, *, parent=None, media=(), mention=""):
        status_id = str(next(self._ids))
        paragraphs = html.escape(text).replace("\n", "<br />")
        if mention:
            paragraphs = (
                f'<span class="h-card"><a href="{base}/@{mention}" class="u-url mention">'
                f"@<span>{mention}</span></a></span> {paragraphs}"
            )
        status = {
            "id": status_id,
            "created_at": _iso(datetime.datetime.now(datetime.UTC)),
            "in_reply_to_id": parent["id"] if parent else None,
            "in_reply_to_account_id": parent["account"]["id"] if parent else None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": visibility,
            "language": "pl",
            "uri": f"{base}/users/{account['username']}/statuses/{status_id}",
            "url": f"{base}/@{account['username']}/{status_id}",
            "replies_count": 0,
            "reblogs_count": 0,
            "favourites_count": 0,
            "content": f"<p>{paragraphs}</p>",
            "reblog": None,
            "account": account,
            "media_attachments": list(media),
            "mentions": [_mentioned(base)] if mention else [],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
        }
        self.statuses[status_id] = status
        self._sources[status_id] = text
        if parent:
            parent["replies_count"] += 1
        return status

    def _residents_answer(self, base, status, number):
        """Replies to our ``number``-th post, and a direct mention on every second one."""
        status["favourites_count"], status["reblogs_count"] = 3 + number * 7 % 40, number * 3 % 12
        for offset in range(1 + number % 3):
            resident = RESIDENTS[(number + offset) % len(RESIDENTS)]
            text = REPLIES[(number * 2 + offset) % len(REPLIES)]
            self._mention(base, resident, text, "public", parent=status)
        if number % 2 == 0:
            resident = RESIDENTS[(number + 3) % len(RESIDENTS)]
            self._mention(base, resident, DIRECT[number // 2 % len(DIRECT)], "direct")

    def _mention(self, base, resident, text, visibility, parent=None):
        account = _account(base, *resident)
        status = self._status(base, account, text, visibility, parent=parent, mention=USERNAME)
        self.notifications.append(
            {
                "id": str(next(self._ids)),
                "type": "mention",
                "created_at": status["created_at"],
                "account": account,
                "status": status,
            }
        )


def _account(base, account_id, username, acct, display_name):
    return {
        "id": account_id,
        "username": username,
        "acct": acct,
        "display_name": display_name,
        "locked": False,
        "bot": False,
        "group": False,
        "created_at": "2022-11-07T00:00:00.000Z",
        "note": "",
        "url": f"{base}/@{acct}",
        "avatar": f"{base}/avatars/original/missing.png",
        "avatar_static": f"{base}/avatars/original/missing.png",
        "header": f"{base}/headers/original/missing.png",
        "header_static": f"{base}/headers/original/missing.png",
        "followers_count": 1520,
        "following_count": 48,
        "statuses_count": 0,
        "emojis": [],
        "fields": [],
    }


def _mentioned(base):
    return {"id": ACCOUNT_ID, "username": USERNAME, "url": f"{base}/@{USERNAME}", "acct": USERNAME}


def _iso(moment):
    """Mastodon's timestamps: UTC with milliseconds, "2026-01-01T08:00:00.000Z"."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
