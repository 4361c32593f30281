"""LinkedIn's REST API for demos and tests: the documented endpoints the connector uses, in memory.

``GET /rest/organizations/{id}``, ``POST``/``GET`` (``q=author``) ``/rest/posts``,
``DELETE /rest/posts/{urn}``, ``POST /rest/images?action=initializeUpload`` with
the upload URL it hands out, ``GET``/``POST /rest/socialActions/{urn}/comments``
and ``GET /rest/organizationalEntityShareStatistics``. Every ``/rest`` call needs
a bearer token and an active ``LinkedIn-Version``; errors have LinkedIn's shape
``{"status", "serviceErrorCode", "code", "message"}``. Every post gets a few
comments (in Polish) derived from its number, so the inbox has content.
"""

import itertools
import re
import time

from cms.outbox.sandbox_base import Sandbox, phrase

#: The oldest LinkedIn-Version the sandbox still takes (LinkedIn retires versions after about a year).
OLDEST_VERSION = "202501"
MAX_COMMENTARY = 3000
PAGE_NAME = "Urząd Miasta Wierzbin"
PEOPLE = (
    "urn:li:person:Ab3kT9xQ1z",
    "urn:li:person:Cm7pW2rL5v",
    "urn:li:person:Dq4nY8sK0h",
    "urn:li:person:Ef6tU1wJ3b",
)
COMMENTS = (
    "Gratulacje dla zespołu! Czy projekt obejmie też mniejsze firmy?",
    "Bardzo dobra inicjatywa. Gdzie można zgłosić chęć udziału?",
    "Czy planowane jest spotkanie informacyjne dla przedsiębiorców?",
    "Dziękuję za informację, udostępniam dalej.",
    "Jakie są kryteria naboru?",
)


def _error(status, message, code="", service_code=None):
    body = {"status": status, "message": message}
    if code:
        body["code"] = code
    if service_code is not None:
        body["serviceErrorCode"] = service_code
    return status, body, {}


def _invalid(field, message):
    """A 422 as LinkedIn words a schema violation."""
    return (
        422,
        {
            "errorDetailType": "com.linkedin.common.error.BadRequest",
            "message": f"ERROR :: /{field} :: {message}",
            "errorDetails": {
                "inputErrors": [
                    {
                        "description": message,
                        "input": {"inputPath": {"fieldPath": f"/{field}"}},
                        "code": "INVALID_VALUE",
                    }
                ]
            },
            "status": 422,
        },
        {},
    )


class LinkedInSandbox(Sandbox):
    """Organisation pages on a fake LinkedIn; any bearer token not revoked is a page administrator's."""

    routes = (
        ("GET", r"/rest/organizations/(?P<number>\d+)", "_organization"),
        ("POST", r"/rest/posts", "_create_post"),
        ("GET", r"/rest/posts", "_find_posts"),
        ("DELETE", r"/rest/posts/(?P<urn>urn:li:(?:share|ugcPost):\d+)", "_delete_post"),
        ("POST", r"/rest/images", "_initialize_upload"),
        ("GET", r"/rest/socialActions/(?P<urn>urn:li:[^/]+)/comments", "_list_comments"),
        ("POST", r"/rest/socialActions/(?P<urn>urn:li:[^/]+)/comments", "_create_comment"),
        ("GET", r"/rest/organizationalEntityShareStatistics", "_statistics"),
    )

    def __init__(self):
        super().__init__()
        #: Tokens answered 401, as an expired or revoked token is.
        self.revoked = set()
        self.posts = {}
        self.images = {}
        self.comments = {}
        self._ids = itertools.count(1)
        self._last_ms = 0

    def add_comment(self, post_urn, text, actor=PEOPLE[0]):
        """A comment from someone on a post, now; returns it."""
        with self.lock:
            return self._comment(post_urn, actor, text)

    def failure_body(self, status):
        return {"status": status, "message": phrase(status)}

    def handle(self, request):
        headers = request.headers
        auth = headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth.removeprefix("Bearer ") in self.revoked:
            return _error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600)
        method, path = request.method, request.path
        if method == "PUT" and path.startswith("/dms-uploads/"):
            return self._receive_upload(request, path.removeprefix("/dms-uploads/"))
        version = headers.get("Linkedin-Version", "")
        if not version:
            return _error(
                400,
                "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
                "VERSION_MISSING",
            )
        if not re.fullmatch(r"20\d{4}", version) or version < OLDEST_VERSION:
            return _error(426, f"Requested version {version} is not active", "NONEXISTENT_VERSION")
        handler = self.route(method, path)
        if handler is None:
            return _error(404, f"No virtual resource found for {method} {path}", "RESOURCE_NOT_FOUND")
        return handler(request, request.base)

    # --- endpoints ------------------------------------------------------------------
    def _organization(self, request, base, number):
        return (
            200,
            {
                "id": int(number),
                "localizedName": PAGE_NAME,
                "vanityName": "urzad-miasta-wierzbin",
                "localizedWebsite": "https://wierzbin.pl",
                "$URN": f"urn:li:organization:{number}",
            },
            {},
        )

    def _create_post(self, request, base):
        body = request.json or {}
        for field in ("author", "commentary", "visibility", "distribution", "lifecycleState"):
            if field not in body:
                return _invalid(field, "field is required but not found and has no default value")
        if not re.fullmatch(r"urn:li:(organization|person):\w+", body["author"]):
            return _invalid("author", f"{body['author']} is not a valid author URN")
        if len(visible_text(body["commentary"])) > MAX_COMMENTARY:
            return _invalid("commentary", f"length of string is more than {MAX_COMMENTARY}")
        content = body.get("content") or {}
        images = [content["media"]] if "media" in content else content.get("multiImage", {}).get("images", [])
        if "multiImage" in content and not 2 <= len(images) <= 20:
            return _invalid("content/multiImage/images", "must hold between 2 and 20 images")
        for image in images:
            if not self.images.get(image.get("id"), {}).get("uploaded"):
                return _invalid("content", f"image {image.get('id')} is not uploaded")
        for known in self.posts.values():
            if known["author"] == body["author"] and known["commentary"] == body["commentary"]:
                return _error(422, f"Content is a duplicate of {known['id']}", "DUPLICATE_POST")
        number = next(self._ids)
        urn = f"urn:li:share:{7390000000000000000 + number}"
        now = self._now_ms()
        self.posts[urn] = {
            **body,
            "id": urn,
            "createdAt": now,
            "lastModifiedAt": now,
            "publishedAt": now,
            "number": number,
        }
        self.comments[urn] = []
        for offset in range(1 + number % 3):
            self._comment(
                urn, PEOPLE[(number + offset) % len(PEOPLE)], COMMENTS[(number * 2 + offset) % len(COMMENTS)]
            )
        return 201, None, {"x-restli-id": urn, "x-linkedin-id": urn}

    def _find_posts(self, request, base):
        query = request.query
        if query.get("q") != ["author"] or not query.get("author"):
            return _error(400, "Invalid query parameters passed to request", "QUERY_PARAM_NOT_ALLOWED")
        author = query["author"][0]
        start, count = int(query.get("start", ["0"])[0]), int(query.get("count", ["10"])[0])
        key = "createdAt" if query.get("sortBy") == ["CREATED"] else "lastModifiedAt"
        found = sorted(
            (p for p in self.posts.values() if p["author"] == author),
            key=lambda p: (p[key], p["number"]),
            reverse=True,
        )
        elements = [{k: v for k, v in p.items() if k != "number"} for p in found[start : start + count]]
        return (
            200,
            {
                "paging": {"start": start, "count": count, "links": [], "total": len(found)},
                "elements": elements,
            },
            {},
        )

    def _delete_post(self, request, base, urn):
        if self.posts.pop(urn, None) is None:
            return _error(404, f"Post {urn} does not exist", "NOT_FOUND")
        self.comments.pop(urn, None)
        return 204, None, {}

    def _initialize_upload(self, request, base):
        if request.query.get("action") != ["initializeUpload"]:
            return _error(400, "Unsupported action", "ILLEGAL_ARGUMENT")
        owner = ((request.json or {}).get("initializeUploadRequest") or {}).get("owner", "")
        if not owner:
            return _invalid("initializeUploadRequest/owner", "field is required but not found")
        token = f"D4E10AQ{next(self._ids):09d}"
        self.images[f"urn:li:image:{token}"] = {"owner": owner, "uploaded": False, "size": 0}
        return (
            200,
            {
                "value": {
                    "uploadUrlExpiresAt": self._now_ms() + 24 * 3600 * 1000,
                    "uploadUrl": f"{base}/dms-uploads/{token}?ca=vector_feedshare&cn=uploads&sync=0&v=beta",
                    "image": f"urn:li:image:{token}",
                }
            },
            {},
        )

    def _receive_upload(self, request, token):
        image = self.images.get(f"urn:li:image:{token}")
        if image is None:
            return _error(404, "Upload URL is not valid", "NOT_FOUND")
        image.update(uploaded=True, size=len(request.body), data=request.body)
        return 201, None, {}

    def _list_comments(self, request, base, urn):
        if urn not in self.comments:
            return _error(404, f"{urn} does not exist", "NOT_FOUND")
        start = int(request.query.get("start", ["0"])[0])
        count = int(request.query.get("count", ["10"])[0])
        comments = self.comments[urn]
        return (
            200,
            {
                "paging": {"start": start, "count": count, "links": [], "total": len(comments)},
                "elements": comments[start : start + count],
            },
            {},
        )

    def _create_comment(self, request, base, urn):
        body = request.json or {}
        text = (body.get("message") or {}).get("text", "")
        if not body.get("actor") or not text.strip():
            return _invalid("message/text", "field is required but not found")
        parent = body.get("parentComment")
        post = (
            COMMENT_PARENT.fullmatch(parent).group(1) if parent and COMMENT_PARENT.fullmatch(parent) else urn
        )
        if post not in self.comments:
            return _error(404, f"{urn} does not exist", "NOT_FOUND")
        comment = self._comment(post, body["actor"], text, parent=parent)
        return 201, comment, {"x-restli-id": comment["id"]}

    def _statistics(self, request, base):
        query = request.query
        if query.get("q") != ["organizationalEntity"] or not query.get("organizationalEntity"):
            return _error(400, "Invalid query parameters passed to request", "QUERY_PARAM_NOT_ALLOWED")
        elements = []
        for kind, field in (("shares", "share"), ("ugcPosts", "ugcPost")):
            for value in query.get(kind, []):
                listed = re.fullmatch(r"List\((.*)\)", value)
                for urn in listed.group(1).split(",") if listed else []:
                    post = self.posts.get(urn)
                    if post:
                        elements.append(
                            {
                                "organizationalEntity": query["organizationalEntity"][0],
                                field: urn,
                                "totalShareStatistics": self._figures(post),
                            }
                        )
        return 200, {"paging": {"start": 0, "count": 10, "links": []}, "elements": elements}, {}

    # --- the fake platform's life ---------------------------------------------------
    def _now_ms(self):
        """Milliseconds, strictly increasing, so nothing is ever stamped before what came earlier."""
        self._last_ms = max(int(time.time() * 1000), self._last_ms + 1)
        return self._last_ms

    def _comment(self, urn, actor, text, parent=None):
        number = next(self._ids)
        comment_id = str(7390000000100000000 + number)
        comment_urn = f"urn:li:comment:({urn},{comment_id})"
        created = {"actor": actor, "time": self._now_ms()}
        comment = {
            "id": comment_id,
            "commentUrn": comment_urn,
            "$URN": comment_urn,
            "actor": actor,
            "object": urn,
            "message": {"text": text, "attributes": []},
            "created": created,
            "lastModified": created,
            "likesSummary": {"totalLikes": number % 4, "likedByCurrentUser": False},
            "commentsSummary": {"totalFirstLevelComments": 0, "aggregatedTotalComments": 0},
        }
        if parent:
            comment["parentComment"] = parent
        self.comments[urn].append(comment)
        return comment

    def _figures(self, post):
        number = post["number"]
        reach = 120 + number * 37 % 500
        likes, shares, clicks = 4 + number * 5 % 30, number % 4, number * 11 % 60
        comments = len(self.comments.get(post["id"], []))
        return {
            "uniqueImpressionsCount": reach,
            "impressionCount": reach * 8 // 5,
            "likeCount": likes,
            "commentCount": comments,
            "shareCount": shares,
            "clickCount": clicks,
            "engagement": round((likes + comments + shares + clicks) / (reach * 8 // 5), 4),
        }


COMMENT_PARENT = re.compile(r"urn:li:comment:\((urn:li:\w+:\d+),\d+\)")


def visible_text(commentary):
    """What a reader sees of little text: hashtag templates as #tag, escapes undone."""
    shown = re.sub(r"\{hashtag\|\\#\|((?:\\.|[^}])*)\}", r"#\1", commentary)
    return re.sub(r"\\(.)", r"\1", shown)
