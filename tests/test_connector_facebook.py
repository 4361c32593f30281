"""Contract tests of the Facebook connector against its Graph sandbox, over real HTTP."""

import datetime
import io
import json
import socket
import time

import pytest
import requests
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from cms.organisation.models import Unit
from cms.outbox.connectors import (
    CannotTell,
    IncomingItem,
    InvalidCredentials,
    ItemKind,
    Media,
    OutgoingPost,
    PermanentError,
    RetryableError,
)
from cms.outbox.models import Channel, Health
from cms.outbox.sandboxes import Mount
from plugins.facebook.connectors import FacebookConnector
from plugins.facebook.graph_sandbox import error_body
from plugins.facebook.sandbox import DEMO_PAGE_ID, DEMO_PAGE_NAME, DEMO_PAGE_TOKEN, GraphSandbox
from tests.connector_helpers import serve_wsgi

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 32
UTC = datetime.UTC


@pytest.fixture
def sandbox(monkeypatch):
    """The sandbox served over HTTP, with FACEBOOK_GRAPH_URL pointing at it."""
    app = GraphSandbox()
    with serve_wsgi(app) as url:
        monkeypatch.setenv("FACEBOOK_GRAPH_URL", url)
        monkeypatch.delenv("KOMUNIKAT_FACEBOOK_GRAPH_VERSION", raising=False)
        yield app


def connector(token=DEMO_PAGE_TOKEN, page_id=DEMO_PAGE_ID):
    return FacebookConnector({"access_token": token}, {"page_id": page_id})


def post(text="Od poniedziałku ul. Kościuszki będzie zamknięta.", **fields):
    fields.setdefault("first_attempt_at", datetime.datetime.now(UTC))
    return OutgoingPost(idempotency_key="k-1", text=text, **fields)


def image(name="plac.jpg", alt="Plac Wolności po remoncie"):
    return Media(
        filename=name,
        content_type="image/jpeg",
        alt_text=alt,
        url=f"https://cms.example/{name}",
        read=lambda: JPEG,
    )


def only(requests_):
    assert len(requests_) == 1, requests_
    return requests_[0]


# --- credentials, version, base URL -------------------------------------------------------


def test_check_credentials_names_the_page_and_the_token_expiry(sandbox):
    result = connector().check_credentials()

    assert result.account_name == DEMO_PAGE_NAME
    expected = sandbox.tokens[DEMO_PAGE_TOKEN]["data_access_expires_at"]
    assert result.expires_at == datetime.datetime.fromtimestamp(expected, UTC)
    me = only(sandbox.requests_to("GET", "/me"))
    assert me.path == "/v24.0/me"
    assert me.query == {"fields": "id,name", "access_token": DEMO_PAGE_TOKEN}
    debug = only(sandbox.requests_to("GET", "/debug_token"))
    assert debug.query["input_token"] == DEMO_PAGE_TOKEN


def test_a_token_of_someone_else_than_the_page_is_refused(sandbox):
    sandbox.add_token("user-token", "10000000000000001", kind="USER")

    with translation.override("en"), pytest.raises(InvalidCredentials, match="not to the Page"):
        connector(token="user-token").check_credentials()


def test_the_version_setting_goes_into_every_path(sandbox, monkeypatch):
    monkeypatch.setenv("KOMUNIKAT_FACEBOOK_GRAPH_VERSION", "v23.0")

    connector().check_credentials()
    connector().publish(post())

    assert sandbox.requests and all(r.path.startswith("/v23.0/") for r in sandbox.requests)


def test_a_malformed_version_setting_is_refused_before_any_request(sandbox, monkeypatch):
    monkeypatch.setenv("KOMUNIKAT_FACEBOOK_GRAPH_VERSION", "latest")

    with pytest.raises(PermanentError, match="latest"):
        connector().check_credentials()
    assert sandbox.requests == []


def test_facebook_graph_url_may_carry_a_path(monkeypatch):
    app = GraphSandbox()

    with serve_wsgi(Mount({"facebook": app})) as url:  # as `manage.py platform_sandbox` serves it
        monkeypatch.setenv("FACEBOOK_GRAPH_URL", f"{url}/facebook/")
        assert connector().check_credentials().account_name == DEMO_PAGE_NAME
    assert app.requests[0].path == "/v24.0/me"


def test_the_graph_url_is_read_at_call_time_and_defaults_to_facebook(monkeypatch):
    monkeypatch.delenv("FACEBOOK_GRAPH_URL", raising=False)
    facebook = connector()
    assert facebook.graph().base_url == "https://graph.facebook.com"

    monkeypatch.setenv("FACEBOOK_GRAPH_URL", "http://127.0.0.1:8010/facebook")
    assert facebook.graph().base_url == "http://127.0.0.1:8010/facebook"


# --- publishing ------------------------------------------------------------------------------


def test_publish_a_text_post_with_a_link(sandbox):
    published = connector().publish(post(link="https://testowo.pl/utrudnienia"))

    feed = only(sandbox.requests_to("POST", f"/{DEMO_PAGE_ID}/feed"))
    assert feed.path == f"/v24.0/{DEMO_PAGE_ID}/feed"
    assert feed.form == {
        "message": "Od poniedziałku ul. Kościuszki będzie zamknięta.",
        "link": "https://testowo.pl/utrudnienia",
        "access_token": DEMO_PAGE_TOKEN,
    }
    stored = sandbox.posts[published.external_id]
    assert stored["is_published"] and stored["link"] == "https://testowo.pl/utrudnienia"
    assert published.url == stored["permalink_url"]


def test_publish_at_a_time_lets_facebook_schedule_the_post(sandbox):
    at = (datetime.datetime.now(UTC) + datetime.timedelta(hours=2)).replace(microsecond=0)

    published = connector().publish(post(scheduled_at=at))

    feed = only(sandbox.requests_to("POST", "/feed"))
    assert feed.form["published"] == "false"
    assert feed.form["scheduled_publish_time"] == str(int(at.timestamp()))
    assert not sandbox.posts[published.external_id]["is_published"]
    assert connector().find_published(post(scheduled_at=at)).external_id == published.external_id


def test_a_time_too_near_to_schedule_is_published_at_once(sandbox):
    soon = datetime.datetime.now(UTC) + datetime.timedelta(minutes=3)

    published = connector().publish(post(scheduled_at=soon))

    assert "scheduled_publish_time" not in only(sandbox.requests_to("POST", "/feed")).form
    assert sandbox.posts[published.external_id]["is_published"]


def test_publish_one_photo_uploads_it_with_the_caption(sandbox):
    published = connector().publish(post(link="https://testowo.pl/plac", media=(image(),)))

    upload = only(sandbox.requests_to("POST", f"/{DEMO_PAGE_ID}/photos"))
    assert upload.path == f"/v24.0/{DEMO_PAGE_ID}/photos"
    assert upload.files["source"] == ("plac.jpg", "image/jpeg", JPEG)
    assert (
        upload.form["caption"]
        == "Od poniedziałku ul. Kościuszki będzie zamknięta.\n\nhttps://testowo.pl/plac"
    )
    assert upload.form["alt_text_custom"] == "Plac Wolności po remoncie"
    assert "published" not in upload.form
    assert sandbox.posts[published.external_id]["photos"]
    assert sandbox.requests_to("POST", "/feed") == []


def test_publish_several_photos_attaches_unpublished_uploads_to_one_post(sandbox):
    media = (image("a.jpg"), image("b.jpg"), image("c.jpg", alt=""))

    published = connector().publish(post(media=media))

    uploads = sandbox.requests_to("POST", "/photos")
    assert [u.files["source"][0] for u in uploads] == ["a.jpg", "b.jpg", "c.jpg"]
    assert all(u.form["published"] == "false" and "temporary" not in u.form for u in uploads)
    photo_ids = [pid for pid, photo in sandbox.photos.items()]
    feed = only(sandbox.requests_to("POST", "/feed"))
    assert {k: json.loads(v) for k, v in feed.form.items() if k.startswith("attached_media")} == {
        f"attached_media[{i}]": {"media_fbid": pid} for i, pid in enumerate(photo_ids)
    }
    assert sandbox.posts[published.external_id]["photos"] == photo_ids


def test_scheduled_photos_are_uploaded_as_temporary(sandbox):
    at = datetime.datetime.now(UTC) + datetime.timedelta(days=1)

    connector().publish(post(media=(image("a.jpg"), image("b.jpg")), scheduled_at=at))

    assert all(u.form["temporary"] == "true" for u in sandbox.requests_to("POST", "/photos"))
    assert only(sandbox.requests_to("POST", "/feed")).form["scheduled_publish_time"] == str(
        int(at.timestamp())
    )


def test_delete_removes_the_post(sandbox):
    published = connector().publish(post())

    connector().delete(published.external_id)

    assert (
        only(sandbox.requests_to("DELETE", published.external_id)).path == f"/v24.0/{published.external_id}"
    )
    assert published.external_id not in sandbox.posts
    with pytest.raises(PermanentError, match="does not exist"):
        connector().delete(published.external_id)


# --- errors ----------------------------------------------------------------------------------


def test_an_expired_token_is_invalid_credentials_with_the_platforms_message(sandbox):
    sandbox.expire_token(DEMO_PAGE_TOKEN)

    with pytest.raises(InvalidCredentials) as raised:
        connector().publish(post())

    assert raised.value.platform_message.startswith("Error validating access token: Session has expired")
    assert "#190/463" in str(raised.value)


def test_an_unknown_token_is_invalid_credentials(sandbox):
    with pytest.raises(InvalidCredentials) as raised:
        connector(token="nope").check_credentials()

    assert raised.value.platform_message == "Invalid OAuth access token - Cannot parse access token"


def test_a_rate_limit_is_retryable_after_the_time_graph_estimates(sandbox):
    sandbox.rate_limit_next(minutes=7, account_id=DEMO_PAGE_ID)

    with pytest.raises(RetryableError) as raised:
        connector().publish(post())

    assert raised.value.retry_after == 7 * 60
    assert not raised.value.maybe_done
    assert "too many calls to this Page account" in raised.value.platform_message
    assert sandbox.posts == {}


def test_http_429_uses_retry_after(sandbox):
    sandbox.fail_next(429, error_body("(#4) Application request limit reached", 4), {"Retry-After": "30"})

    with pytest.raises(RetryableError) as raised:
        connector().fetch_comments("")

    assert raised.value.retry_after == 30
    assert raised.value.status_code == 429


def test_server_errors_are_retryable(sandbox):
    sandbox.fail_next()  # Graph's code 2, HTTP 500
    with translation.override("en"), pytest.raises(RetryableError, match="temporarily unavailable") as raised:
        connector().publish(post())
    assert (
        raised.value.platform_message == "An unexpected error has occurred. Please retry your request later."
    )

    sandbox.fail_next(502, "<html>Bad Gateway</html>")
    with pytest.raises(RetryableError) as raised:
        connector().publish(post())
    assert raised.value.status_code == 502


def test_rejected_content_is_permanent_with_the_platforms_message(sandbox):
    message = "(#368) The action attempted has been deemed abusive or is otherwise disallowed"
    sandbox.fail_next(400, error_body(message, 368))

    with pytest.raises(PermanentError) as raised:
        connector().publish(post())

    assert not isinstance(raised.value, InvalidCredentials)
    assert raised.value.platform_message == message


def test_a_duplicate_post_is_permanent(sandbox):
    connector().publish(post())

    with pytest.raises(PermanentError) as raised:
        connector().publish(post())

    assert raised.value.platform_message == "(#506) Duplicate status message"


def test_a_timeout_leaves_the_post_maybe_done_and_reconciliation_finds_it(sandbox):
    facebook = connector()
    facebook.timeout = 0.3
    sandbox.delay = 1.0
    sent = post(first_attempt_at=datetime.datetime.now(UTC))

    with pytest.raises(RetryableError) as raised:
        facebook.publish(sent)

    assert raised.value.maybe_done
    sandbox.delay = 0
    deadline = time.monotonic() + 5
    while not sandbox.published_posts() and time.monotonic() < deadline:  # the platform went on without us
        time.sleep(0.05)
    (on_page,) = sandbox.published_posts()
    found = facebook.find_published(sent)
    assert found.external_id == on_page["id"]
    assert found.url == on_page["permalink_url"]
    listing = sandbox.requests_to("GET", "/published_posts")[-1]
    assert listing.query["since"] == str(
        int((sent.first_attempt_at - datetime.timedelta(minutes=5)).timestamp())
    )


def test_find_published_says_none_when_the_post_is_not_there(sandbox):
    connector().publish(post(text="Inny komunikat"))

    assert connector().find_published(post()) is None


def test_find_published_needs_the_first_attempts_time(sandbox):
    with pytest.raises(CannotTell):
        connector().find_published(post(first_attempt_at=None))


def test_a_refused_connection_is_retryable_and_surely_not_done(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("FACEBOOK_GRAPH_URL", f"http://127.0.0.1:{port}")

    with pytest.raises(RetryableError) as raised:
        connector().publish(post())

    assert not raised.value.maybe_done


# --- inbox -----------------------------------------------------------------------------------


def drain(fetch, cursor=""):
    """Every batch until ``more`` is False: the items, and the cursors one after another."""
    items, cursors = [], []
    while True:
        batch = fetch(cursor)
        items += batch.items
        cursors.append(batch.cursor)
        cursor = batch.cursor
        if not batch.more:
            return items, cursors


def test_fetch_comments_reads_recent_posts_newest_first(sandbox):
    published = connector().publish(post())

    batch = connector().fetch_comments("")

    generated = [c for c in sandbox.comments.values() if c["post_id"] == published.external_id]
    assert 2 <= len(generated) <= 3
    assert {item.external_id for item in batch.items} == {c["id"] for c in generated}
    first = batch.items[0]
    assert first.kind == ItemKind.COMMENT and first.post_external_id == published.external_id
    assert first.author_name and first.text and first.created_at.tzinfo
    listing = only(sandbox.requests_to("GET", "/published_posts"))
    assert listing.path == f"/v24.0/{DEMO_PAGE_ID}/published_posts"
    comments = only(sandbox.requests_to("GET", "/comments"))
    assert comments.path == f"/v24.0/{published.external_id}/comments"
    assert comments.query["filter"] == "stream" and comments.query["order"] == "reverse_chronological"


def test_comment_batches_advance_the_cursor_and_never_skip_across_pages(sandbox):
    published = connector().publish(post())
    base = int(time.time()) - 600
    for i in range(130):  # several per second, more than one Graph page (100) and many batches
        sandbox.add_comment(published.external_id, f"Komentarz {i}", created=base + i // 4)
    facebook = connector()
    facebook.batch_size = 40
    expected = [c["id"] for c in sandbox.comments.values()]

    items, cursors = drain(facebook.fetch_comments)

    assert sorted(item.external_id for item in items) == sorted(expected)
    assert len(items) == len(expected)
    assert len(cursors) == 4 and len(set(cursors)) == 4
    assert [int(c.split("|")[0]) for c in cursors] == sorted(int(c.split("|")[0]) for c in cursors)
    assert any("after" in r.query for r in sandbox.requests_to("GET", "/comments"))
    again = facebook.fetch_comments(cursors[-1])
    assert again.items == () and again.cursor == cursors[-1] and not again.more

    late = sandbox.add_comment(published.external_id, "Jeszcze jedno pytanie o objazd")
    assert [item.external_id for item in facebook.fetch_comments(cursors[-1]).items] == [late["id"]]


def test_the_pages_own_replies_are_not_inbox_items(sandbox):
    published = connector().publish(post())
    comment = next(c for c in sandbox.comments.values() if c["post_id"] == published.external_id)
    item = IncomingItem(
        kind=ItemKind.COMMENT, external_id=comment["id"], text="", created_at=datetime.datetime.now(UTC)
    )

    reply = connector().reply(item, "Zamknięcie potrwa do piątku.")

    sent = only(sandbox.requests_to("POST", "/comments"))
    assert sent.path == f"/v24.0/{comment['id']}/comments"
    assert sent.form["message"] == "Zamknięcie potrwa do piątku."
    assert sandbox.comments[reply.external_id]["parent"] == comment["id"]
    items = connector().fetch_comments("").items
    assert reply.external_id not in {i.external_id for i in items}


def test_fetch_messages_reads_messenger_conversations(sandbox):
    batch = connector().fetch_messages("")

    assert [item.text for item in batch.items][:2] == [
        "Dzień dobry, kiedy w tym miesiącu jest odbiór odpadów wielkogabarytowych na osiedlu Słonecznym?",
        "I czy trzeba to wcześniej zgłaszać w urzędzie?",
    ]
    (conversation,) = sandbox.conversations.values()
    assert all(i.kind == ItemKind.MESSAGE and i.thread_id == conversation["id"] for i in batch.items)
    assert batch.items[0].author_name == "Jan Mazur"
    listing = only(sandbox.requests_to("GET", "/conversations"))
    assert listing.path == f"/v24.0/{DEMO_PAGE_ID}/conversations"
    assert listing.query["platform"] == "messenger"
    assert "messages" in listing.query["fields"] and "created_time" in listing.query["fields"]
    assert connector().fetch_messages(batch.cursor).items == ()


def test_message_batches_follow_the_conversations_pages_without_skipping(sandbox):
    (conversation_id,) = sandbox.conversations
    base = int(time.time()) - 300
    added = [
        sandbox.add_message(conversation_id, f"Wiadomość {i}", created=base + i // 3)["id"] for i in range(75)
    ]
    facebook = connector()
    facebook.batch_size = 20

    items, cursors = drain(facebook.fetch_messages)

    ids = [item.external_id for item in items]
    assert len(ids) == len(set(ids)) == 77
    assert set(added) <= set(ids)
    assert sandbox.requests_to("GET", f"/{conversation_id}/messages")  # beyond the embedded first 50
    assert len(cursors) == 4


def test_reply_to_a_message_goes_through_the_send_api(sandbox):
    item = connector().fetch_messages("").items[0]

    connector().reply(item, "Dzień dobry, odbiór jest w trzeci czwartek miesiąca.")

    sent = only(sandbox.requests_to("POST", f"/{DEMO_PAGE_ID}/messages"))
    assert json.loads(sent.form["recipient"]) == {"id": item.author_id}
    assert sent.form["messaging_type"] == "RESPONSE"
    assert json.loads(sent.form["message"]) == {
        "text": "Dzień dobry, odbiór jest w trzeci czwartek miesiąca."
    }
    (conversation,) = sandbox.conversations.values()
    assert conversation["messages"][-1]["from"]["id"] == DEMO_PAGE_ID
    assert len(connector().fetch_messages("").items) == 2  # the Page's own message is not an inbox item


def test_insights_count_reach_reactions_comments_and_shares(sandbox):
    published = connector().publish(post())

    counts = connector().insights(published.external_id)

    expected = sandbox.counts(published.external_id)
    assert counts == {
        "reach": expected["post_total_media_view_unique"],
        "reactions": expected["reactions"],
        "comments": expected["comments"],
        "shares": expected["shares"],
    }
    assert counts["comments"] >= 2
    summary = sandbox.requests_to("GET", published.external_id)[-1]
    assert "reactions.summary(total_count)" in summary.query["fields"] and "shares" in summary.query["fields"]
    metrics = only(sandbox.requests_to("GET", "/insights"))
    assert metrics.path == f"/v24.0/{published.external_id}/insights"
    assert metrics.query["metric"] == "post_total_media_view_unique"


# --- the sandbox itself ----------------------------------------------------------------------


def test_the_sandbox_wants_a_versioned_path_and_a_token(sandbox):
    url = connector().graph().base_url
    unversioned = requests.get(f"{url}/me", params={"access_token": DEMO_PAGE_TOKEN}, timeout=5)
    assert unversioned.status_code == 400 and unversioned.json()["error"]["code"] == 2500
    anonymous = requests.get(f"{url}/v24.0/me", timeout=5)
    assert anonymous.json()["error"]["code"] == 104
    with pytest.raises(InvalidCredentials):
        connector(token="").check_credentials()


def test_the_sandboxs_comments_are_the_same_for_the_same_post(sandbox, monkeypatch):
    published = connector().publish(post())
    texts = [c["message"] for c in sandbox.comments.values()]

    other = GraphSandbox()
    with serve_wsgi(other) as url:
        monkeypatch.setenv("FACEBOOK_GRAPH_URL", url)
        assert connector().publish(post()).external_id == published.external_id
    assert [c["message"] for c in other.comments.values()] == texts
    assert all(c["from"]["id"] != DEMO_PAGE_ID for c in other.comments.values())


# --- connecting a Page from the command line --------------------------------------------------


@pytest.mark.django_db
def test_channels_add_facebook_verifies_the_page_token_then_saves_the_channel(sandbox):
    unit = Unit.objects.create(code="BP", name="Biuro Prasowe")
    out = io.StringIO()
    call_command(
        "channels",
        "add",
        "facebook",
        "--name",
        "Miasto na Facebooku",
        "--page-id",
        DEMO_PAGE_ID,
        "--access-token",
        DEMO_PAGE_TOKEN,
        "--owner-unit",
        "BP",
        stdout=out,
    )

    channel = Channel.objects.get()
    assert (channel.platform, channel.owner_unit, channel.account_id) == ("facebook", unit, DEMO_PAGE_ID)
    assert channel.credentials == {"access_token": DEMO_PAGE_TOKEN}
    assert channel.settings == {"page_id": DEMO_PAGE_ID}
    assert channel.health == Health.VALID
    assert DEMO_PAGE_NAME in out.getvalue()
    assert sandbox.requests_to("GET", "/me")


@pytest.mark.django_db
def test_channels_add_facebook_refuses_a_bad_token_with_the_platforms_message(sandbox):
    Unit.objects.create(code="BP", name="Biuro Prasowe")

    with pytest.raises(CommandError, match="Cannot parse access token"):
        call_command(
            "channels",
            "add",
            "facebook",
            "--name",
            "Miasto",
            "--page-id",
            DEMO_PAGE_ID,
            "--access-token",
            "wrong",
            "--owner-unit",
            "BP",
            stdout=io.StringIO(),
        )
    assert not Channel.objects.exists()
