"""A webhook receiver for demos and tests: checks signatures and timestamps, keeps each delivery once.

``POST <any path>`` takes a signed event (see :mod:`plugins.webhook.connectors`);
``GET /`` lists what was received, ``GET /posts/<n>`` shows one post.
"""

import json
import threading
import time
from urllib.parse import parse_qs
from wsgiref.util import application_uri

from plugins.webhook.signing import TOLERANCE, verify_signature

#: The secret of the demo channel.
DEMO_SECRET = "komunikat-demo-webhook-secret"  # noqa: S105 (a demo value, public on purpose)

_REASONS = {
    200: "OK",
    201: "Created",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class WebhookSandbox:
    """A receiver like a city app's: verifies, deduplicates by delivery id, stores posts in memory."""

    def __init__(self, secret=DEMO_SECRET):
        self.secret = secret
        self.delay = 0.0
        self.requests = []
        self.posts = []
        self._deliveries = {}
        self._failures = []
        self._lock = threading.Lock()

    def fail_next(self, status, body=None, headers=None):
        """Answer the next request with ``status`` and ``body`` (JSON) instead of handling it."""
        with self._lock:
            self._failures.append(
                (status, body if body is not None else {"error": _REASONS.get(status, "")}, headers or {})
            )

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        request = {
            "method": environ["REQUEST_METHOD"],
            "path": environ.get("PATH_INFO", "/"),
            "query": parse_qs(environ.get("QUERY_STRING", "")),
            "headers": {
                key[5:].replace("_", "-").title(): value
                for key, value in environ.items()
                if key.startswith("HTTP_")
            }
            | {"Content-Type": environ.get("CONTENT_TYPE", "")},
            "body": body,
        }
        with self._lock:
            self.requests.append(request)
            failure = self._failures.pop(0) if self._failures else None
        if self.delay:
            time.sleep(self.delay)
        if failure:
            status, answer, headers = failure
        else:
            status, answer, headers = self._handle(request, application_uri(environ).rstrip("/"))
        start_response(
            f"{status} {_REASONS.get(status, '')}", [("Content-Type", "application/json"), *headers.items()]
        )
        return [json.dumps(answer, ensure_ascii=False).encode()]

    def _handle(self, request, base):
        if request["method"] == "GET":
            return self._show(request["path"])
        if request["method"] != "POST":
            return 405, {"error": "Only POST is accepted."}, {}
        headers = request["headers"]
        timestamp = headers.get("X-Komunikat-Timestamp", "")
        signature = headers.get("X-Komunikat-Signature", "")
        if not signature:
            return 401, {"error": "Missing X-Komunikat-Signature header."}, {}
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE:
            return 401, {"error": "Timestamp missing or more than 5 minutes off."}, {}
        if not verify_signature(self.secret, timestamp, request["body"], signature):
            return 401, {"error": "Signature does not match."}, {}
        event, delivery = headers.get("X-Komunikat-Event", ""), headers.get("X-Komunikat-Delivery", "")
        if event == "ping":
            return 200, {"ok": True}, {}
        if event != "post.published" or not delivery:
            return 400, {"error": f"Unknown event {event!r} or no delivery id."}, {}
        try:
            payload = json.loads(request["body"])
        except ValueError:
            return 400, {"error": "Body is not JSON."}, {}
        with self._lock:
            if delivery in self._deliveries:
                return 200, self._deliveries[delivery], {}
            self.posts.append(payload)
            number = len(self.posts)
            answer = {"id": f"ekran-{number}", "url": f"{base}/posts/{number}"}
            self._deliveries[delivery] = answer
        return 201, answer, {}

    def _show(self, path):
        with self._lock:
            posts = list(self.posts)
        if path.rstrip("/") == "":
            return 200, {"posts": posts}, {}
        number = path.removeprefix("/posts/")
        if number.isdigit() and 0 < int(number) <= len(posts):
            return 200, posts[int(number) - 1], {}
        return 404, {"error": "No such post."}, {}
