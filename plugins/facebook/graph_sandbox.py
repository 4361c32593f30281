"""What every local Graph API sandbox shares: versioned paths, tokens, Graph's error bodies, paging, faults.

A subclass lists its ``routes`` (method, path pattern after the version, handler name) and keeps
its platform's state. Handlers run under the sandbox's lock (see :class:`~cms.outbox.sandbox_base.Sandbox`);
they return the JSON body, or raise :class:`GraphAnswer` for an error.
"""

import base64
import itertools
import json
import re
import secrets
import time
import zlib
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from cms.outbox.sandbox_base import Request, Sandbox

VERSION_PATH = re.compile(r"/(?P<version>v\d+\.\d+)(?P<path>/.*)$")
#: Valid for 90 days from creation, as Meta's data access lasts.
DATA_ACCESS_DAYS = 90


def graph_time(moment):
    """Unix seconds as Graph writes times: ``2025-05-01T10:00:00+0000``."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(moment))


def error_body(message, code, *, kind="OAuthException", subcode=None, **extra):
    """Graph's error JSON (https://developers.facebook.com/docs/graph-api/guides/error-handling)."""
    error = {"message": message, "type": kind, "code": code}
    if subcode:
        error["error_subcode"] = subcode
    error.update(extra)
    error["fbtrace_id"] = secrets.token_urlsafe(8)
    return {"error": error}


def pick(key, choices, count):
    """``count`` of ``choices``, always the same for the same ``key``."""
    start = zlib.crc32(key.encode())
    return [choices[(start + i) % len(choices)] for i in range(count)]


def number(key, low, high):
    """A number in [low, high], always the same for the same ``key``."""
    return low + zlib.crc32(key.encode()) % (high - low + 1)


class GraphAnswer(Exception):
    """An error answer: raised by a handler, sent as ``status`` with ``body``."""

    def __init__(self, status, body, headers=None):
        super().__init__(body)
        self.status, self.body, self.headers = status, body, headers or {}


class GraphRequest(Request):
    """A request to a Graph sandbox: its path has the version (``/v24.0/104785632145879/feed``), its query
    one value a name."""

    @staticmethod
    def parse_query(query_string):
        return _flat(parse_qs(query_string, keep_blank_values=True))

    @property
    def params(self):
        return {**self.query, **self.form, **(self.json or {})}

    @property
    def version(self):
        match = VERSION_PATH.match(self.path)
        return match["version"] if match else ""

    @property
    def token(self):
        authorization = self.headers.get("Authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() in {"bearer", "oauth"} and credentials:
            return credentials.strip()
        return self.params.get("access_token", "")

    def fields(self, default):
        """Top-level names in the ``fields`` parameter, each with its spec (``messages.limit(5){id}``)."""
        specs = _split_fields(self.params.get("fields") or default)
        return {re.match(r"[\w]+", spec)[0]: spec for spec in specs}


class BaseGraphSandbox(Sandbox):
    """A WSGI application playing a Graph API; see the module docstring."""

    content_type = "application/json; charset=UTF-8"
    request_class = GraphRequest
    #: Permissions debug_token reports for every token.
    scopes = ()
    #: The rate limit answer of :meth:`rate_limit_next`: code, message, usage type.
    rate_limit = (4, "(#4) Application request limit reached", "app")

    def __init__(self):
        super().__init__()
        self.tokens = {}
        self._numbers = itertools.count(1)

    # --- what tests and demos set up ----------------------------------------------------

    def add_token(self, token, account_id, *, kind="PAGE", expires_at=0):
        """A token the sandbox accepts, acting for ``account_id`` (``expires_at`` 0: never)."""
        with self.lock:
            now = int(time.time())
            self.tokens[token] = {
                "account_id": account_id,
                "type": kind,
                "expires_at": expires_at,
                "data_access_expires_at": now + DATA_ACCESS_DAYS * 86400,
                "issued_at": now,
                "expired": False,
            }

    def expire_token(self, token):
        """From now on the token is refused as expired (Graph's code 190, subcode 463)."""
        with self.lock:
            self.tokens[token]["expired"] = True

    def rate_limit_next(self, minutes=5, account_id=""):
        """Answer the next request with the account's rate limit as Graph does: HTTP 400, usage headers."""
        code, message, usage_type = self.rate_limit
        usage = {
            account_id or "0": [
                {
                    "type": usage_type,
                    "call_count": 100,
                    "total_cputime": 12,
                    "total_time": 35,
                    "estimated_time_to_regain_access": minutes,
                }
            ]
        }
        self.fail_next(400, error_body(message, code), {"X-Business-Use-Case-Usage": json.dumps(usage)})

    def next_number(self):
        with self.lock:
            return next(self._numbers)

    # --- answering ------------------------------------------------------------------------

    def handle(self, request):
        try:
            return 200, self._answer(request), {}
        except GraphAnswer as answer:
            return answer.status, answer.body, answer.headers

    def failure_body(self, status):
        """Graph's transient error, code 2."""
        return error_body(
            "An unexpected error has occurred. Please retry your request later.", 2, is_transient=True
        )

    def response_headers(self, request):
        return [
            ("facebook-api-version", request.version or "v24.0"),
            ("x-fb-trace-id", secrets.token_urlsafe(8)),
            ("X-App-Usage", json.dumps({"call_count": 1, "total_cputime": 1, "total_time": 1})),
        ]

    def _answer(self, request):
        match = VERSION_PATH.match(request.path)
        if not match:
            raise GraphAnswer(400, error_body(f"Unknown path components: {request.path}", 2500))
        account = self._account(request)
        self.advance()
        path = match["path"].rstrip("/") or "/"
        if (request.method, path) == ("GET", "/debug_token"):
            return self._debug_token(request)
        handler = self.route(request.method, path)
        if handler is None:
            raise self.not_found(request, path.strip("/").split("/")[0])
        return handler(request, account)

    def _account(self, request):
        token = request.token
        if not token:
            raise GraphAnswer(400, error_body("An access token is required to request this resource.", 104))
        info = self.tokens.get(token)
        if info is None:
            raise GraphAnswer(400, error_body("Invalid OAuth access token - Cannot parse access token", 190))
        if info["expired"]:
            raise GraphAnswer(
                400,
                error_body(
                    "Error validating access token: Session has expired on "
                    f"{time.strftime('%A, %d-%b-%y %H:%M:%S', time.gmtime(info['issued_at']))} PDT. "
                    f"The current time is {time.strftime('%A, %d-%b-%y %H:%M:%S', time.gmtime())} PDT.",
                    190,
                    subcode=463,
                ),
            )
        return info["account_id"]

    def _debug_token(self, request):
        info = self.tokens.get(request.params.get("input_token", ""))
        if info is None:
            raise GraphAnswer(400, error_body("(#100) The parameter input_token is required", 100))
        data = {
            "app_id": "1000000000000001",
            "type": info["type"],
            "application": "Komunikat (sandbox)",
            "data_access_expires_at": info["data_access_expires_at"],
            "expires_at": info["expires_at"],
            "is_valid": not info["expired"],
            "issued_at": info["issued_at"],
            "profile_id": info["account_id"],
            "scopes": list(self.scopes),
            "user_id": "10000000000000001",
        }
        if info["expired"]:
            data["error"] = {"code": 190, "message": "Session has expired.", "subcode": 463}
        return {"data": data}

    # --- for handlers ---------------------------------------------------------------------

    def advance(self):
        """Let time act on the state before each request (scheduled posts go out...)."""

    def not_found(self, request, object_id):
        return GraphAnswer(
            400,
            error_body(
                f"Unsupported {request.method.lower()} request. Object with ID '{object_id}' does not exist, "
                "cannot be loaded due to missing permissions, or does not support this operation. "
                "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                100,
                kind="GraphMethodException",
                subcode=33,
            ),
        )

    def invalid(self, message, code=100, **extra):
        return GraphAnswer(400, error_body(message, code, **extra))

    def page(self, request, items, render, default_limit=25):
        """Graph's cursor paging over ``items`` (dicts with an ``id``), each shown with ``render``."""
        params = request.params
        limit = max(1, min(int(params.get("limit") or default_limit), 100))
        ids = [item["id"] for item in items]
        after = _decode_cursor(params.get("after"))
        start = ids.index(after) + 1 if after in ids else (len(ids) if after else 0)
        chunk = items[start : start + limit]
        answer = {"data": [render(item) for item in chunk]}
        if chunk:
            paging = {
                "cursors": {
                    "before": _encode_cursor(chunk[0]["id"]),
                    "after": _encode_cursor(chunk[-1]["id"]),
                }
            }
            if start + limit < len(items):
                paging["next"] = _with_query(request.uri, after=paging["cursors"]["after"], limit=limit)
            answer["paging"] = paging
        return answer

    def nested_page(self, request, path, items, render, limit):
        """A page embedded by field expansion (``messages.limit(5){...}``), with its own ``next``."""
        chunk = items[:limit]
        answer = {"data": [render(item) for item in chunk]}
        if chunk:
            after = _encode_cursor(chunk[-1]["id"])
            answer["paging"] = {"cursors": {"before": _encode_cursor(chunk[0]["id"]), "after": after}}
            if len(items) > limit:
                answer["paging"]["next"] = f"{request.base}/{request.version}{path}?" + urlencode(
                    {"access_token": request.token, "limit": limit, "after": after}
                )
        return answer


def select(obj, wanted):
    """The requested top-level fields of ``obj`` (``id`` always)."""
    return {"id": obj["id"], **{name: obj[name] for name in wanted if name in obj and name != "id"}}


def expansion_limit(spec, default=25):
    found = re.search(r"\.limit\((\d+)\)", spec)
    return int(found[1]) if found else default


def _split_fields(text):
    specs, depth, current = [], 0, ""
    for char in text:
        if char in "{(":
            depth += 1
        elif char in "})":
            depth -= 1
        if char == "," and depth == 0:
            specs.append(current.strip())
            current = ""
        else:
            current += char
    return [spec for spec in [*specs, current.strip()] if spec]


def _flat(values):
    return {key: items[-1] for key, items in values.items()}


def _encode_cursor(item_id):
    return base64.urlsafe_b64encode(str(item_id).encode()).decode().rstrip("=")


def _decode_cursor(cursor):
    if not cursor:
        return None
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except ValueError:
        return ""


def _with_query(uri, **changes):
    parts = urlsplit(uri)
    query = {
        **_flat(parse_qs(parts.query, keep_blank_values=True)),
        **{k: str(v) for k, v in changes.items()},
    }
    return urlunsplit(parts._replace(query=urlencode(query)))
