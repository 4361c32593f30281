"""A webhook receiver for demos and tests: checks signatures and timestamps, keeps each delivery once.

``POST <any path>`` takes a signed event (see :mod:`plugins.webhook.connectors`);
``GET /`` lists what was received, ``GET /posts/<n>`` shows one post.
"""

import json
import time

from cms.outbox.sandbox_base import Sandbox
from plugins.webhook.signing import TOLERANCE, verify_signature

#: The secret of the demo channel.
DEMO_SECRET = "komunikat-demo-webhook-secret"  # noqa: S105 (a demo value, public on purpose)


class WebhookSandbox(Sandbox):
    """A receiver like a city app's: verifies, deduplicates by delivery id, stores posts in memory."""

    def __init__(self, secret=DEMO_SECRET):
        super().__init__()
        self.secret = secret
        self.posts = []
        self._deliveries = {}

    def handle(self, request):
        if request.method == "GET":
            return self._show(request.path)
        if request.method != "POST":
            return 405, {"error": "Only POST is accepted."}, {}
        headers = request.headers
        timestamp = headers.get("X-Komunikat-Timestamp", "")
        signature = headers.get("X-Komunikat-Signature", "")
        if not signature:
            return 401, {"error": "Missing X-Komunikat-Signature header."}, {}
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE:
            return 401, {"error": "Timestamp missing or more than 5 minutes off."}, {}
        if not verify_signature(self.secret, timestamp, request.body, signature):
            return 401, {"error": "Signature does not match."}, {}
        event, delivery = headers.get("X-Komunikat-Event", ""), headers.get("X-Komunikat-Delivery", "")
        if event == "ping":
            return 200, {"ok": True}, {}
        if event != "post.published" or not delivery:
            return 400, {"error": f"Unknown event {event!r} or no delivery id."}, {}
        try:
            payload = json.loads(request.body)
        except ValueError:
            return 400, {"error": "Body is not JSON."}, {}
        if delivery in self._deliveries:
            return 200, self._deliveries[delivery], {}
        self.posts.append(payload)
        number = len(self.posts)
        answer = {"id": f"ekran-{number}", "url": f"{request.base}/posts/{number}"}
        self._deliveries[delivery] = answer
        return 201, answer, {}

    def _show(self, path):
        if path.rstrip("/") == "":
            return 200, {"posts": self.posts}, {}
        number = path.removeprefix("/posts/")
        if number.isdigit() and 0 < int(number) <= len(self.posts):
            return 200, self.posts[int(number) - 1], {}
        return 404, {"error": "No such post."}, {}
