"""A generic outgoing webhook: each approved post goes to one address as signed JSON.

For city apps, information screens and anything else that can take an HTTP request.
What the receiver gets, per post::

    POST <url>
    Content-Type: application/json
    X-Komunikat-Event: post.published
    X-Komunikat-Delivery: <delivery id>
    X-Komunikat-Timestamp: <Unix time in seconds, e.g. 1767254400>
    X-Komunikat-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">

    {"id": "<delivery id>", "title": "...", "text": "...", "link": "https://... or empty",
     "images": [{"url": "https://...", "alt": "..."}], "sent_at": "2026-01-01T08:00:00+00:00"}

**Delivery id.** The same for every attempt of one post on one channel (the
post's idempotency key). After a timeout Komunikat sends the post again with the
same id, so a receiver must treat the id as an idempotency key: a delivery it
has seen is answered 2xx again and not shown twice.

**Signature.** The key is the channel's secret as UTF-8. The signed message is
the ``X-Komunikat-Timestamp`` value exactly as sent, one full stop (``.``), and
the raw request body bytes exactly as received. The header is ``sha256=``
followed by the lowercase hex HMAC-SHA256 of that message. A receiver recomputes
it over the raw body before parsing the JSON, compares in constant time, and
refuses timestamps more than 5 minutes from its own clock (replays).
``plugins.webhook.signing.verify_signature(secret, timestamp, body, header)`` is
the reference implementation.

**Answer.** Any 2xx takes the post. A JSON body ``{"id": ..., "url": ...}``
names it on the receiver's side; without it the delivery id stands for it.
401/403 mean the receiver refuses the signature (the channel is marked
unhealthy); 404/410 that the address is gone; 429 (``Retry-After`` honoured)
and 5xx are tried again later. Redirects are not followed.

**Connection check.** ``X-Komunikat-Event: ping``, a fresh delivery id, signed
the same way, body ``{"id": "<delivery id>", "sent_at": "..."}``. A 2xx means the
receiver takes our signature.
"""

import datetime
import json
import time
import uuid

import requests
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.outbox.connectors import (
    Capability,
    Connector,
    CredentialCheck,
    InvalidCredentials,
    Limits,
    PermanentError,
    Published,
    RetryableError,
)
from cms.outbox.http_failures import may_have_arrived, retry_after
from plugins.webhook.sandbox import DEMO_SECRET
from plugins.webhook.signing import sign


class WebhookConnector(Connector):
    platform = "webhook"
    verbose_name = gettext_lazy("Webhook")
    capabilities = frozenset({Capability.TEXT, Capability.LINK, Capability.IMAGES})
    limits = Limits(
        max_length=10_000, max_media=10, media_types=("image/jpeg", "image/png", "image/gif", "image/webp")
    )
    credential_fields = {
        "secret": forms.CharField(
            label=gettext_lazy("Signing secret"),
            min_length=16,
            help_text=gettext_lazy(
                "Shared with the receiver, which checks the signature of every request with it."
            ),
        )
    }
    setting_fields = {
        "url": forms.URLField(
            label=gettext_lazy("Receiver address"),
            help_text=gettext_lazy("Posts are sent here with POST."),
            assume_scheme="https",
        )
    }
    account_field = "url"
    deduplicates = True
    timeout = 15
    sandbox = "plugins.webhook.sandbox.WebhookSandbox"
    sandbox_channel = {
        "name": "Ekrany miejskie (webhook)",
        "credentials": {"secret": DEMO_SECRET},
        "settings": {"url": "{sandbox}/hooks/ekrany"},
    }

    def check_credentials(self):
        self._send("ping", str(uuid.uuid4()), {}, in_doubt=False)
        return CredentialCheck(account_name=self.settings["url"])

    def publish(self, post):
        payload = {
            "title": post.title,
            "text": post.text,
            "link": post.link,
            "images": [{"url": media.url, "alt": media.alt_text} for media in post.media],
        }
        answer = self._send("post.published", post.idempotency_key, payload, in_doubt=True)
        return Published(str(answer.get("id") or post.idempotency_key), str(answer.get("url") or ""))

    def _send(self, event, delivery, payload, *, in_doubt):
        """POST one signed event; the receiver's JSON answer (``{}`` when it gave none)."""
        sent_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        body = json.dumps({"id": delivery, **payload, "sent_at": sent_at}, ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Komunikat-Webhook/1",
            "X-Komunikat-Event": event,
            "X-Komunikat-Delivery": delivery,
            "X-Komunikat-Timestamp": timestamp,
            "X-Komunikat-Signature": sign(self.credentials["secret"], timestamp, body),
        }
        try:
            response = requests.post(
                self.settings["url"], data=body, headers=headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            raise _transport_error(exc, in_doubt=in_doubt) from exc
        if not 200 <= response.status_code < 300:
            raise _error(response)
        try:
            answer = response.json()
        except ValueError:
            return {}
        return answer if isinstance(answer, dict) else {}


def _transport_error(exc, *, in_doubt):
    """No answer: in doubt only if the request may have reached the receiver."""
    if isinstance(exc, ValueError):  # InvalidURL, MissingSchema...
        return PermanentError(_("The receiver address cannot be used: %(error)s") % {"error": exc})
    if not may_have_arrived(exc):
        return RetryableError(_("The receiver could not be reached."), platform_message=str(exc))
    return RetryableError(_("The receiver did not answer."), platform_message=str(exc), maybe_done=in_doubt)


def _error(response):
    status = response.status_code
    said = {"platform_message": _receiver_message(response), "status_code": status}
    if status in (401, 403):
        return InvalidCredentials(_("The receiver refused the signature."), **said)
    if status == 429:
        return RetryableError(
            _("The receiver asks to slow down."), retry_after=retry_after(response.headers), **said
        )
    if status >= 500:
        return RetryableError(_("The receiver failed."), retry_after=retry_after(response.headers), **said)
    if 300 <= status < 400:
        return PermanentError(
            _("The receiver redirects to %(location)s; enter that address instead.")
            % {"location": response.headers.get("Location", "?")},
            **said,
        )
    return PermanentError(_("The receiver refused the post (HTTP %(status)d).") % {"status": status}, **said)


def _receiver_message(response):
    try:
        answer = response.json()
    except ValueError:
        return response.text[:500]
    if isinstance(answer, dict):
        return str(answer.get("error") or answer.get("message") or answer)[:500]
    return str(answer)[:500]


CONNECTORS = (WebhookConnector,)
