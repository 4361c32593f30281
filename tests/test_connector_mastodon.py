"""The Mastodon connector (Mastodon.py) against the Mastodon sandbox over real HTTP."""

import datetime

import pytest

from cms.outbox.connectors import (
    InvalidCredentials,
    ItemKind,
    Media,
    OutgoingPost,
    PermanentError,
    Published,
    RetryableError,
)
from cms.outbox.registry import connectors
from cms.outbox.sandboxes import Mount
from plugins.mastodon import connectors as mastodon_connectors
from plugins.mastodon.connectors import MastodonConnector, plain_text
from plugins.mastodon.sandbox import MastodonSandbox
from tests.connector_helpers import serve_wsgi

TOKEN = "token-konta-wierzbin"
KEY = "3f0e7a52-1c4b-4d4e-9a57-1f6c1e0b9d21"


@pytest.fixture
def sandbox():
    return MastodonSandbox()


@pytest.fixture
def base(sandbox):
    with serve_wsgi(sandbox) as url:
        yield url


def mastodon(base, token=TOKEN):
    return MastodonConnector({"access_token": token}, {"api_base_url": base})


def photo(name, alt):
    return Media(
        name, "image/png", alt, f"https://wierzbin.pl/media/{name}", read=lambda: b"\x89PNG " + name.encode()
    )


def outgoing(key=KEY, text="Od poniedziałku objazdy na ulicy Długiej.", **fields):
    return OutgoingPost(idempotency_key=key, text=text, **fields)


def paths(sandbox):
    return [(r["method"], r["path"]) for r in sandbox.requests]


def test_the_connector_is_registered_and_well_declared():
    assert connectors()["mastodon"] is MastodonConnector
    assert MastodonConnector.declaration_errors() == []
    assert MastodonConnector.deduplicates and MastodonConnector.limits.link_in_text


def test_check_credentials_gives_the_handle_without_probing_the_version(sandbox, base):
    check = mastodon(base).check_credentials()

    assert check.account_name == f"@wierzbin@{base.removeprefix('http://')}"
    assert check.expires_at is None
    assert paths(sandbox) == [("GET", "/api/v1/accounts/verify_credentials")]
    assert sandbox.requests[0]["headers"]["Authorization"] == f"Bearer {TOKEN}"


def test_publish_uploads_images_with_alt_text_then_posts_with_the_idempotency_key(sandbox, base):
    post = outgoing(
        link="https://wierzbin.pl/komunikaty/remont-dlugiej/",
        media=(photo("mapa.png", "Mapa objazdów"), photo("dluga.png", "Ulica Długa")),
    )
    result = mastodon(base).publish(post)

    assert paths(sandbox) == [
        ("POST", "/api/v2/media"),
        ("POST", "/api/v2/media"),
        ("POST", "/api/v1/statuses"),
    ]
    uploads = sandbox.requests[:2]
    assert [r["form"]["description"] for r in uploads] == ["Mapa objazdów", "Ulica Długa"]
    assert [r["files"]["file"]["data"] for r in uploads] == [b"\x89PNG mapa.png", b"\x89PNG dluga.png"]
    assert [r["files"]["file"]["content_type"] for r in uploads] == ["image/png", "image/png"]
    status = sandbox.requests[2]
    assert status["headers"]["Idempotency-Key"] == KEY
    assert status["form"]["status"] == (
        "Od poniedziałku objazdy na ulicy Długiej.\nhttps://wierzbin.pl/komunikaty/remont-dlugiej/"
    )
    assert status["form"]["visibility"] == "public" and "scheduled_at" not in status["form"]
    assert status["form"]["media_ids[]"] == list(sandbox.media)
    (made,) = sandbox.own_statuses()
    assert result == Published(made["id"], f"{base}/@wierzbin/{made['id']}")
    assert [m["description"] for m in made["media_attachments"]] == ["Mapa objazdów", "Ulica Długa"]


def test_a_link_already_in_the_text_is_not_added_again(sandbox, base):
    text = "Objazdy: https://wierzbin.pl/objazdy/ od poniedziałku."
    mastodon(base).publish(outgoing(text=text, link="https://wierzbin.pl/objazdy/"))
    assert sandbox.requests[0]["form"]["status"] == text


def test_publishing_again_with_the_same_key_makes_one_status(sandbox, base):
    connector = mastodon(base)
    first, again = connector.publish(outgoing()), connector.publish(outgoing())
    other = connector.publish(outgoing(key="7c2d8a43-0e1f-4b6a-8d3c-2b1a0f9e8d7c"))

    assert first == again and other != first
    assert len(sandbox.own_statuses()) == 2
    assert [r["headers"]["Idempotency-Key"] for r in sandbox.requests[:2]] == [KEY, KEY]


def test_native_scheduling_and_deleting_a_scheduled_status(sandbox, base):
    at = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(hours=2)
    connector = mastodon(base)
    result = connector.publish(outgoing(scheduled_at=at))

    (scheduled_id,) = sandbox.scheduled
    assert result == Published(f"scheduled:{scheduled_id}")
    sent = datetime.datetime.fromisoformat(sandbox.requests[0]["form"]["scheduled_at"].replace("Z", "+00:00"))
    assert sent == at
    assert sandbox.own_statuses() == []
    assert connector.insights(result.external_id) == {}

    connector.delete(result.external_id)
    assert sandbox.scheduled == {}
    assert paths(sandbox)[-1] == ("DELETE", f"/api/v1/scheduled_statuses/{scheduled_id}")


def test_a_time_too_close_for_mastodons_scheduling_waits_and_a_past_one_publishes_now(sandbox, base):
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=2)
    with pytest.raises(RetryableError) as caught:
        mastodon(base).publish(outgoing(scheduled_at=soon))
    assert 110 <= caught.value.retry_after <= 121 and not caught.value.maybe_done
    assert sandbox.requests == []

    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    mastodon(base).publish(outgoing(scheduled_at=past))
    assert "scheduled_at" not in sandbox.requests[0]["form"] and len(sandbox.own_statuses()) == 1


def test_replies_are_comments_and_direct_mentions_are_messages(sandbox, base):
    connector = mastodon(base)
    first = connector.publish(outgoing(key="a"))
    second = connector.publish(outgoing(key="b", text="Nowe godziny otwarcia urzędu."))

    comments = connector.fetch_comments("")
    messages = connector.fetch_messages("")

    request = sandbox.requests[-1]
    assert request["path"] == "/api/v1/notifications"
    assert request["query"]["types[]"] == ["mention"] and "min_id" not in request["query"]
    replies = [s for s in sandbox.statuses.values() if s["in_reply_to_id"]]
    assert sorted(i.external_id for i in comments.items) == sorted(s["id"] for s in replies)
    assert {i.post_external_id for i in comments.items} == {first.external_id, second.external_id}
    assert all(i.kind == ItemKind.COMMENT for i in comments.items)
    (message,) = messages.items  # the second post brings a direct mention
    assert message.kind == ItemKind.MESSAGE and message.post_external_id == ""
    assert message.author_name == "Tomasz Wiśniewski" and message.thread_id == "tomek@pol.social"
    assert message.text.startswith("@wierzbin Witam, mam pytanie")
    newest = max(int(n["id"]) for n in sandbox.notifications)
    assert comments.cursor == messages.cursor == str(newest)
    assert not comments.more and not messages.more
    assert connector.fetch_comments(comments.cursor).items == ()


def test_comment_batches_page_from_the_cursor_without_skipping(sandbox, base, monkeypatch):
    monkeypatch.setattr(mastodon_connectors, "PAGE", 2)
    connector = mastodon(base)
    connector.publish(outgoing(key="start"))
    cursor = connector.fetch_comments("").cursor
    for number in range(5):
        connector.publish(outgoing(key=f"k{number}", text=f"Komunikat nr {number}"))
    expected = [
        n["status"]["id"]
        for n in sandbox.notifications
        if int(n["id"]) > int(cursor) and n["status"]["visibility"] != "direct"
    ]

    seen, cursors, more = [], [cursor], True
    while more:
        batch = connector.fetch_comments(cursors[-1])
        seen += [item.external_id for item in batch.items]
        cursors.append(batch.cursor)
        more = batch.more

    assert seen == expected  # oldest first, none twice, none left out
    assert len(cursors) > 3 and cursors == sorted(cursors, key=int)
    polls = [r["query"] for r in sandbox.requests if r["path"] == "/api/v1/notifications"]
    asked = [query["min_id"][0] for query in polls[1:]]
    assert asked[0] == cursor and set(cursors[:-1]) <= set(asked)
    assert all(query["limit"] == ["2"] for query in polls)


def test_reply_mentions_the_author_with_the_same_visibility_once(sandbox, base):
    connector = mastodon(base)
    connector.publish(outgoing(key="a"))
    connector.publish(outgoing(key="b"))
    comment = connector.fetch_comments("").items[0]
    (message,) = connector.fetch_messages("").items

    answer = connector.reply(comment, "Dziękujemy, szczegóły na stronie urzędu.")
    again = connector.reply(comment, "Dziękujemy, szczegóły na stronie urzędu.")
    connector.reply(message, "Prosimy o telefon: 12 345 67 89.")

    assert answer == again
    posted = [r for r in sandbox.requests if r["method"] == "POST" and r["form"].get("in_reply_to_id")]
    assert posted[0]["form"]["in_reply_to_id"] == comment.external_id
    assert posted[0]["form"]["status"] == f"@{comment.author_id} Dziękujemy, szczegóły na stronie urzędu."
    assert posted[0]["form"]["visibility"] == "public"
    assert posted[0]["headers"]["Idempotency-Key"] == posted[1]["headers"]["Idempotency-Key"]
    assert posted[2]["form"]["visibility"] == "direct"
    assert posted[2]["form"]["status"] == "@tomek@pol.social Prosimy o telefon: 12 345 67 89."
    replies = [s for s in sandbox.own_statuses() if s["in_reply_to_id"]]
    assert len(replies) == 2


def test_insights_count_favourites_boosts_and_replies_but_no_reach(sandbox, base):
    connector = mastodon(base)
    published = connector.publish(outgoing())
    status = sandbox.statuses[published.external_id]

    figures = connector.insights(published.external_id)

    assert figures == {
        "reactions": status["favourites_count"],
        "shares": status["reblogs_count"],
        "comments": status["replies_count"],
    }
    assert figures["comments"] > 0 and "reach" not in figures
    assert paths(sandbox)[-1] == ("GET", f"/api/v1/statuses/{published.external_id}")


def test_delete_removes_the_status_and_a_gone_one_counts_as_deleted(sandbox, base):
    connector = mastodon(base)
    published = connector.publish(outgoing())
    connector.delete(published.external_id)
    connector.delete(published.external_id)

    assert sandbox.own_statuses() == []
    assert paths(sandbox)[-2:] == [("DELETE", f"/api/v1/statuses/{published.external_id}")] * 2


def test_an_invalid_token_is_invalid_credentials_with_mastodons_message(sandbox, base):
    sandbox.revoked.add("cofniety")
    with pytest.raises(InvalidCredentials) as caught:
        mastodon(base, token="cofniety").check_credentials()
    assert caught.value.platform_message == "The access token is invalid"
    assert caught.value.status_code == 401


def test_rate_limit_is_retryable_after_mastodons_reset_without_sleeping(sandbox, base):
    sandbox.rate_limit(30)
    with pytest.raises(RetryableError) as caught:
        mastodon(base).publish(outgoing())
    assert 28 <= caught.value.retry_after <= 31
    assert caught.value.status_code == 429 and not caught.value.maybe_done
    assert len(sandbox.requests) == 1


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retryable_with_the_message(sandbox, base, status):
    sandbox.fail_next(status, {"error": "Mastodon jest w trakcie aktualizacji"})
    with pytest.raises(RetryableError) as caught:
        mastodon(base).publish(outgoing())
    assert caught.value.status_code == status
    assert caught.value.platform_message == "Mastodon jest w trakcie aktualizacji"


def test_rejected_content_is_permanent_with_mastodons_message(sandbox, base):
    with pytest.raises(PermanentError) as caught:
        mastodon(base).publish(outgoing(text="Bardzo długi komunikat. " * 30))
    assert type(caught.value) is PermanentError
    assert caught.value.status_code == 422
    assert caught.value.platform_message == "Validation failed: Text character limit of 500 exceeded"
    assert sandbox.own_statuses() == []


def test_every_url_counts_as_23_characters_on_mastodon(sandbox, base):
    link = "https://wierzbin.pl/komunikaty/2026/11/remont-ulicy-dlugiej-objazdy-od-poniedzialku/"
    mastodon(base).publish(outgoing(text="x" * (500 - 24), link=link))
    assert len(sandbox.own_statuses()) == 1


def test_a_timeout_may_have_published_but_repeating_is_safe(sandbox, base):
    sandbox.delay = 0.5
    connector = mastodon(base)
    connector.timeout = 0.1
    with pytest.raises(RetryableError) as caught:
        connector.publish(outgoing())
    assert caught.value.maybe_done

    sandbox.delay = 0
    again = mastodon(base).publish(outgoing())
    assert [s["id"] for s in sandbox.own_statuses()] == [again.external_id]


def test_a_timeout_of_a_read_is_not_in_doubt(sandbox, base):
    sandbox.delay = 0.5
    connector = mastodon(base)
    connector.timeout = 0.1
    with pytest.raises(RetryableError) as caught:
        connector.check_credentials()
    assert not caught.value.maybe_done


def test_the_demo_channel_works_on_the_mounted_sandbox():
    demo = MastodonConnector.sandbox_channel
    with serve_wsgi(Mount({"mastodon": MastodonSandbox()})) as root:
        settings = {k: v.replace("{sandbox}", f"{root}/mastodon") for k, v in demo["settings"].items()}
        connector = MastodonConnector(demo["credentials"], settings)
        assert connector.check_credentials().account_name.startswith("@wierzbin@")
        assert connector.publish(outgoing()).url.startswith(f"{root}/mastodon/@wierzbin/")
        assert connector.fetch_comments("").items


def test_plain_text_of_a_status():
    content = (
        '<p><span class="h-card"><a href="https://x.social/@wierzbin" class="u-url mention">@<span>wierzbin'
        '</span></a></span> Pierwsza linia<br />druga &amp; trzecia</p><p>Nowy akapit: <a href="https://'
        'wierzbin.pl/"><span class="invisible">https://</span><span class="">wierzbin.pl/</span></a></p>'
    )
    assert (
        plain_text(content)
        == "@wierzbin Pierwsza linia\ndruga & trzecia\n\nNowy akapit: https://wierzbin.pl/"
    )
