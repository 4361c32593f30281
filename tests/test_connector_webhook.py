"""The webhook connector against its sandbox receiver over real HTTP: signed JSON, one post per delivery."""

import json
import socket
import time

import pytest
import requests

from cms.outbox.connectors import (
    InvalidCredentials,
    Media,
    OutgoingPost,
    PermanentError,
    Published,
    RetryableError,
)
from cms.outbox.registry import connectors
from cms.outbox.sandboxes import Mount
from plugins.webhook.connectors import WebhookConnector
from plugins.webhook.sandbox import WebhookSandbox
from plugins.webhook.signing import sign, verify_signature
from tests.connector_helpers import serve_wsgi

SECRET = "sekret-ekranow-miejskich"
KEY = "0b5c8f5e-4a53-4a4b-9d0e-5f0f3c1b2a10"


@pytest.fixture
def sandbox():
    return WebhookSandbox(secret=SECRET)


@pytest.fixture
def base(sandbox):
    with serve_wsgi(sandbox) as url:
        yield url


def webhook(base, secret=SECRET):
    return WebhookConnector({"secret": secret}, {"url": f"{base}/hooks/ekrany"})


def outgoing(key=KEY):
    photo = Media(
        "dluga.jpg",
        "image/jpeg",
        "Ulica Długa w remoncie",
        "https://wierzbin.pl/media/dluga.jpg",
        read=lambda: b"",
    )
    return OutgoingPost(
        idempotency_key=key,
        text="Od poniedziałku objazdy na ulicy Długiej.",
        link="https://wierzbin.pl/komunikaty/remont-dlugiej/",
        title="Remont ulicy Długiej",
        media=(photo,),
    )


def test_the_connector_is_registered_and_well_declared():
    assert connectors()["webhook"] is WebhookConnector
    assert WebhookConnector.declaration_errors() == []
    assert WebhookConnector.deduplicates


def test_publish_posts_signed_json_with_the_delivery_id(sandbox, base):
    before = int(time.time())
    result = webhook(base).publish(outgoing())

    assert result == Published("ekran-1", f"{base}/posts/1")
    (request,) = sandbox.requests
    assert request["method"] == "POST" and request["path"] == "/hooks/ekrany"
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Komunikat-Event"] == "post.published"
    assert headers["X-Komunikat-Delivery"] == KEY
    assert before <= int(headers["X-Komunikat-Timestamp"]) <= time.time()
    expected = sign(SECRET, headers["X-Komunikat-Timestamp"], request["body"])
    assert headers["X-Komunikat-Signature"] == expected and expected.startswith("sha256=")
    body = json.loads(request["body"])
    assert set(body) == {"id", "title", "text", "link", "images", "sent_at"}
    assert body["id"] == KEY and body["title"] == "Remont ulicy Długiej"
    assert body["text"] == "Od poniedziałku objazdy na ulicy Długiej."
    assert body["link"] == "https://wierzbin.pl/komunikaty/remont-dlugiej/"
    assert body["images"] == [{"url": "https://wierzbin.pl/media/dluga.jpg", "alt": "Ulica Długa w remoncie"}]


def test_a_repeated_delivery_makes_one_post(sandbox, base):
    connector = webhook(base)
    first, again = connector.publish(outgoing()), connector.publish(outgoing())
    other = connector.publish(outgoing(key="9d1e0c55-2b1f-4c47-8a50-7a3c2d4e5f60"))

    assert first == again == Published("ekran-1", f"{base}/posts/1")
    assert other.external_id == "ekran-2"
    assert [post["id"] for post in sandbox.posts] == [KEY, "9d1e0c55-2b1f-4c47-8a50-7a3c2d4e5f60"]
    assert [r["headers"]["X-Komunikat-Delivery"] for r in sandbox.requests[:2]] == [KEY, KEY]


def test_without_an_id_in_the_answer_the_delivery_id_stands_for_the_post(sandbox, base):
    sandbox.fail_next(202, {"accepted": True})
    assert webhook(base).publish(outgoing()) == Published(KEY, "")


def test_check_credentials_sends_a_signed_ping(sandbox, base):
    check = webhook(base).check_credentials()

    assert check.account_name == f"{base}/hooks/ekrany"
    (request,) = sandbox.requests
    assert request["headers"]["X-Komunikat-Event"] == "ping"
    assert request["headers"]["X-Komunikat-Delivery"] != KEY
    assert verify_signature(
        SECRET,
        request["headers"]["X-Komunikat-Timestamp"],
        request["body"],
        request["headers"]["X-Komunikat-Signature"],
    )


def test_a_wrong_secret_is_refused_with_the_receivers_message(sandbox, base):
    with pytest.raises(InvalidCredentials) as caught:
        webhook(base, secret="inny-sekret-niz-u-odbiorcy").check_credentials()
    assert caught.value.status_code == 401
    assert caught.value.platform_message == "Signature does not match."
    assert sandbox.posts == []


def test_verify_signature_is_the_reference_check():
    body = json.dumps({"id": KEY, "text": "Zażółć gęślą jaźń"}, ensure_ascii=False).encode()
    now = 1_767_254_400
    header = sign(SECRET, str(now), body)

    assert verify_signature(SECRET, str(now), body, header, now=now + 10)
    assert not verify_signature(SECRET, str(now), body.replace("jaźń".encode(), b"jazn"), header, now=now)
    assert not verify_signature(SECRET, str(now + 1), body, header, now=now)
    assert not verify_signature("inny-sekret", str(now), body, header, now=now)
    assert not verify_signature(SECRET, str(now), body, header, now=now + 301)
    assert not verify_signature(SECRET, str(now), body, header.removeprefix("sha256="), now=now)
    assert not verify_signature(SECRET, "wczoraj", body, header, now=now)


def test_the_receiver_refuses_a_tampered_body_and_a_stale_timestamp(sandbox, base):
    body = json.dumps({"id": KEY, "text": "Komunikat"}).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Komunikat-Event": "post.published",
        "X-Komunikat-Delivery": KEY,
        "X-Komunikat-Timestamp": timestamp,
        "X-Komunikat-Signature": sign(SECRET, timestamp, body),
    }

    def send(data, **changed):
        return requests.post(f"{base}/hooks", data=data, headers={**headers, **changed}, timeout=5)

    tampered = send(body.replace(b"Komunikat", b"Falszywka"))
    assert tampered.status_code == 401 and tampered.json() == {"error": "Signature does not match."}
    stale = str(int(time.time()) - 600)
    resigned = {"X-Komunikat-Timestamp": stale, "X-Komunikat-Signature": sign(SECRET, stale, body)}
    replayed = send(body, **resigned)
    assert replayed.status_code == 401
    assert send(body).status_code == 201
    assert len(sandbox.posts) == 1


@pytest.mark.parametrize(
    ("status", "answer", "headers", "error", "retry_after"),
    [
        (429, {"error": "Too many deliveries, slow down."}, {"Retry-After": "30"}, RetryableError, 30),
        (503, {"error": "Screens are being updated."}, {}, RetryableError, None),
        (410, {"error": "This hook was removed."}, {}, PermanentError, None),
        (404, {"message": "No such hook."}, {}, PermanentError, None),
        (403, {"error": "Unknown sender."}, {}, InvalidCredentials, None),
    ],
)
def test_receiver_errors_are_typed(sandbox, base, status, answer, headers, error, retry_after):
    sandbox.fail_next(status, answer, headers)
    with pytest.raises(error) as caught:
        webhook(base).publish(outgoing())
    assert type(caught.value) is error
    assert caught.value.status_code == status
    assert caught.value.platform_message == next(iter(answer.values()))
    if error is RetryableError:
        assert caught.value.retry_after == retry_after and not caught.value.maybe_done
    assert sandbox.posts == []


def test_a_timeout_may_have_delivered(sandbox, base):
    sandbox.delay = 0.5
    connector = webhook(base)
    connector.timeout = 0.1
    with pytest.raises(RetryableError) as caught:
        connector.publish(outgoing())
    assert caught.value.maybe_done


def test_the_demo_channel_works_on_the_mounted_sandbox():
    demo = WebhookConnector.sandbox_channel
    with serve_wsgi(Mount({"webhook": WebhookSandbox()})) as root:
        settings = {"url": demo["settings"]["url"].replace("{sandbox}", f"{root}/webhook")}
        connector = WebhookConnector(demo["credentials"], settings)
        connector.check_credentials()
        assert connector.publish(outgoing()).url == f"{root}/webhook/posts/1"
        assert requests.get(f"{root}/webhook/posts/1", timeout=5).json()["title"] == "Remont ulicy Długiej"


def test_a_refused_connection_is_not_in_doubt_and_a_bad_address_is_permanent():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(RetryableError) as caught:
        webhook(f"http://127.0.0.1:{port}").publish(outgoing())
    assert not caught.value.maybe_done
    with pytest.raises(PermanentError):
        WebhookConnector({"secret": SECRET}, {"url": "ekrany.wierzbin.pl/hook"}).publish(outgoing())
