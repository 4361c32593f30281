"""Contract tests of the Instagram connector against its Graph sandbox, over real HTTP."""

import datetime
import time

import pytest

from cms.outbox.connectors import (
    IncomingItem,
    InvalidCredentials,
    ItemKind,
    Media,
    OutgoingPost,
    PermanentError,
    RetryableError,
)
from plugins.facebook.graph_sandbox import error_body
from plugins.instagram.connectors import InstagramConnector
from plugins.instagram.sandbox import DEMO_IG_TOKEN, DEMO_IG_USER_ID, DEMO_IG_USERNAME, InstagramSandbox
from tests.connector_helpers import serve_wsgi

UTC = datetime.UTC


@pytest.fixture
def sandbox(monkeypatch):
    """The sandbox served over HTTP, with INSTAGRAM_GRAPH_URL pointing at it."""
    app = InstagramSandbox()
    with serve_wsgi(app) as url:
        monkeypatch.setenv("INSTAGRAM_GRAPH_URL", url)
        monkeypatch.delenv("KOMUNIKAT_FACEBOOK_GRAPH_VERSION", raising=False)
        yield app


def connector(token=DEMO_IG_TOKEN):
    instagram = InstagramConnector({"access_token": token}, {"ig_user_id": DEMO_IG_USER_ID})
    instagram.container_wait = 0
    return instagram


def image(name="park.jpg", alt="Nowy plac zabaw w parku Słowackiego"):
    return Media(
        filename=name,
        content_type="image/jpeg",
        alt_text=alt,
        url=f"https://cms.example/media/{name}",
        read=bytes,
    )


def post(text="Nowy plac zabaw już otwarty! #Testowo", media=None, **fields):
    fields.setdefault("first_attempt_at", datetime.datetime.now(UTC))
    return OutgoingPost(
        idempotency_key="k-1", text=text, media=(image(),) if media is None else media, **fields
    )


def only(requests_):
    assert len(requests_) == 1, requests_
    return requests_[0]


def test_check_credentials_names_the_account(sandbox):
    result = connector().check_credentials()

    assert result.account_name == f"@{DEMO_IG_USERNAME}"
    assert result.expires_at == datetime.datetime.fromtimestamp(
        sandbox.tokens[DEMO_IG_TOKEN]["expires_at"], UTC
    )
    account = only(sandbox.requests_to("GET", f"/{DEMO_IG_USER_ID}"))
    assert account.path == f"/v24.0/{DEMO_IG_USER_ID}"
    assert account.query == {"fields": "id,username,name", "access_token": DEMO_IG_TOKEN}


def test_the_base_url_prefers_instagram_graph_url_then_facebook_graph_url(monkeypatch):
    monkeypatch.setenv("INSTAGRAM_GRAPH_URL", "http://127.0.0.1:8010/instagram")
    monkeypatch.setenv("FACEBOOK_GRAPH_URL", "http://127.0.0.1:8010/facebook")
    assert connector().graph().base_url == "http://127.0.0.1:8010/instagram"
    monkeypatch.delenv("INSTAGRAM_GRAPH_URL")
    assert connector().graph().base_url == "http://127.0.0.1:8010/facebook"
    monkeypatch.delenv("FACEBOOK_GRAPH_URL")
    assert connector().graph().base_url == "https://graph.facebook.com"


def test_the_facebook_plugins_version_setting_goes_into_every_path(sandbox, monkeypatch):
    monkeypatch.setenv("KOMUNIKAT_FACEBOOK_GRAPH_VERSION", "v23.0")

    connector().publish(post())

    assert sandbox.requests and all(r.path.startswith("/v23.0/") for r in sandbox.requests)


def test_publish_one_image_creates_waits_for_and_publishes_a_container(sandbox):
    published = connector().publish(post())

    create = only(sandbox.requests_to("POST", f"/{DEMO_IG_USER_ID}/media"))
    assert create.path == f"/v24.0/{DEMO_IG_USER_ID}/media"
    assert create.form == {
        "image_url": "https://cms.example/media/park.jpg",
        "caption": "Nowy plac zabaw już otwarty! #Testowo",
        "alt_text": "Nowy plac zabaw w parku Słowackiego",
        "access_token": DEMO_IG_TOKEN,
    }
    (container_id,) = sandbox.containers
    polls = sandbox.requests_to("GET", f"/{container_id}")
    assert len(polls) == 2 and polls[0].query["fields"] == "status_code,status"  # IN_PROGRESS, then FINISHED
    publish = only(sandbox.requests_to("POST", "/media_publish"))
    assert publish.path == f"/v24.0/{DEMO_IG_USER_ID}/media_publish"
    assert publish.form["creation_id"] == container_id
    assert sandbox.requests.index(polls[-1]) < sandbox.requests.index(publish)
    media = sandbox.media[published.external_id]
    assert published.url == media["permalink"] and media["caption"] == "Nowy plac zabaw już otwarty! #Testowo"


def test_publish_several_images_as_a_carousel(sandbox):
    published = connector().publish(post(media=(image("a.jpg"), image("b.jpg", alt=""), image("c.jpg"))))

    creates = sandbox.requests_to("POST", "/media")
    items, carousel = creates[:3], creates[3]
    assert [r.form["image_url"].rsplit("/", 1)[1] for r in items] == ["a.jpg", "b.jpg", "c.jpg"]
    assert all(r.form["is_carousel_item"] == "true" and "caption" not in r.form for r in items)
    assert "alt_text" not in items[1].form
    children = [cid for cid, c in sandbox.containers.items() if c["carousel_item"]]
    assert carousel.form["media_type"] == "CAROUSEL"
    assert carousel.form["children"] == ",".join(children)
    assert carousel.form["caption"] == "Nowy plac zabaw już otwarty! #Testowo"
    assert sandbox.media[published.external_id]["media_type"] == "CAROUSEL_ALBUM"


def test_a_post_without_an_image_is_refused_before_any_request(sandbox):
    with pytest.raises(PermanentError):
        connector().publish(post(media=()))
    assert sandbox.requests == []


def test_a_container_still_processing_is_retried_later_and_nothing_is_published(sandbox):
    sandbox.processing_polls = 5
    instagram = connector()
    instagram.container_checks = 3

    with pytest.raises(RetryableError) as raised:
        instagram.publish(post())

    assert not raised.value.maybe_done
    assert sandbox.requests_to("POST", "/media_publish") == [] and sandbox.media == {}


def test_an_unsupported_image_is_permanent_with_the_platforms_message(sandbox):
    png = Media(
        filename="plan.png",
        content_type="image/png",
        alt_text="",
        url="https://cms.example/plan.png",
        read=bytes,
    )

    with pytest.raises(PermanentError) as raised:
        connector().publish(post(media=(png,)))

    assert "Supported formats are: JPEG" in raised.value.platform_message
    assert "#100/2207005" in str(raised.value)


def test_an_expired_token_is_invalid_credentials(sandbox):
    sandbox.expire_token(DEMO_IG_TOKEN)

    with pytest.raises(InvalidCredentials) as raised:
        connector().check_credentials()

    assert "Session has expired" in raised.value.platform_message


def test_a_rate_limit_is_retryable(sandbox):
    sandbox.rate_limit_next(minutes=3, account_id=DEMO_IG_USER_ID)

    with pytest.raises(RetryableError) as raised:
        connector().publish(post())

    assert raised.value.retry_after == 180
    assert "too many calls to this Instagram account" in raised.value.platform_message


def test_the_publishing_limit_is_retryable(sandbox):
    body = error_body(
        "Application request limit reached",
        9,
        subcode=2207042,
        error_user_msg="You reached maximum number of posts",
    )
    sandbox.fail_next(400, body)

    with pytest.raises(RetryableError):
        connector().publish(post())


def test_a_lost_publish_answer_is_maybe_done_and_reconciliation_finds_the_media(sandbox, monkeypatch):
    instagram = connector()
    instagram.timeout = 0.3
    wait = instagram._wait_until_ready

    def slow_down_after_waiting(graph, container):  # only media_publish answers too late
        wait(graph, container)
        sandbox.delay = 1.0

    monkeypatch.setattr(instagram, "_wait_until_ready", slow_down_after_waiting)
    sent = post()

    with pytest.raises(RetryableError) as raised:
        instagram.publish(sent)

    assert raised.value.maybe_done
    sandbox.delay = 0
    deadline = time.monotonic() + 5
    while not sandbox.media and time.monotonic() < deadline:
        time.sleep(0.05)
    (media_id,) = sandbox.media
    found = connector().find_published(sent)
    assert found.external_id == media_id and found.url == sandbox.media[media_id]["permalink"]
    assert connector().find_published(post(text="Inny podpis")) is None


def test_comments_come_in_batches_that_advance_the_cursor_without_skipping(sandbox):
    published = connector().publish(post())
    base = int(time.time()) - 900
    for i in range(70):
        sandbox.add_comment(published.external_id, f"Pytanie {i}", created=base + i // 5)
    instagram = connector()
    instagram.batch_size = 25
    expected = {c["id"] for c in sandbox.comments.values()}

    items, cursor = [], ""
    while True:
        batch = instagram.fetch_comments(cursor)
        items += batch.items
        assert batch.cursor != cursor
        cursor = batch.cursor
        if not batch.more:
            break

    assert len(items) == len(expected) and {i.external_id for i in items} == expected
    assert all(i.kind == ItemKind.COMMENT and i.post_external_id == published.external_id for i in items)
    assert any("after" in r.query for r in sandbox.requests_to("GET", "/comments"))
    listing = sandbox.requests_to("GET", f"/{DEMO_IG_USER_ID}/media")[-1]
    assert "comments_count" in listing.query["fields"]
    assert instagram.fetch_comments(cursor).items == ()


def test_reply_to_a_comment(sandbox):
    published = connector().publish(post())
    comment = next(c for c in sandbox.comments.values() if c["media_id"] == published.external_id)
    item = IncomingItem(
        kind=ItemKind.COMMENT, external_id=comment["id"], text="", created_at=datetime.datetime.now(UTC)
    )

    reply = connector().reply(item, "Tak, od 8 do 20.")

    sent = only(sandbox.requests_to("POST", "/replies"))
    assert sent.path == f"/v24.0/{comment['id']}/replies" and sent.form["message"] == "Tak, od 8 do 20."
    assert sandbox.comments[reply.external_id]["parent"] == comment["id"]


def test_insights_map_instagrams_metrics(sandbox):
    published = connector().publish(post())

    counts = connector().insights(published.external_id)

    request = only(sandbox.requests_to("GET", "/insights"))
    assert request.path == f"/v24.0/{published.external_id}/insights"
    assert request.query["metric"] == "reach,likes,comments,shares"
    assert counts["reactions"] == sandbox.media[published.external_id]["like_count"]
    assert counts["comments"] == sum(
        1 for c in sandbox.comments.values() if c["media_id"] == published.external_id
    )
    assert set(counts) == {"reach", "reactions", "comments", "shares"}
