"""The LinkedIn connector (Posts API, REST) against the LinkedIn sandbox over real HTTP."""

import datetime
import socket

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
from plugins.linkedin.connectors import LinkedInConnector, little_text
from plugins.linkedin.sandbox import LinkedInSandbox, visible_text
from tests.connector_helpers import serve_wsgi

TOKEN = "AQX-token-administratora"
ORGANIZATION = "2414183"
AUTHOR = f"urn:li:organization:{ORGANIZATION}"


@pytest.fixture
def sandbox():
    return LinkedInSandbox()


@pytest.fixture
def base(sandbox, monkeypatch):
    with serve_wsgi(sandbox) as url:
        monkeypatch.setenv("LINKEDIN_API_URL", url)
        yield url


def linkedin(token=TOKEN):
    return LinkedInConnector({"access_token": token}, {"organization_id": ORGANIZATION})


def photo(name, alt):
    data = b"\xff\xd8\xff JPEG " + name.encode()
    return Media(name, "image/jpeg", alt, f"https://wierzbin.pl/media/{name}", read=lambda: data)


def outgoing(text="Ruszył nabór do programu „Wierzbin dla biznesu”.", **fields):
    return OutgoingPost(idempotency_key="2c9e4b1a-7d3f-4e2a-9b8c-1a2b3c4d5e6f", text=text, **fields)


def calls(sandbox):
    return [(r["method"], r["path"]) for r in sandbox.requests]


def test_the_connector_is_registered_and_well_declared():
    assert connectors()["linkedin"] is LinkedInConnector
    assert LinkedInConnector.declaration_errors() == []
    assert not LinkedInConnector.deduplicates


def test_check_credentials_reads_the_page_with_the_versioned_headers(sandbox, base):
    check = linkedin().check_credentials()

    assert check.account_name == "Urząd Miasta Wierzbin" and check.expires_at is None
    (request,) = sandbox.requests
    assert (request["method"], request["path"]) == ("GET", f"/rest/organizations/{ORGANIZATION}")
    assert request["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert request["headers"]["Linkedin-Version"] == "202510"
    assert request["headers"]["X-Restli-Protocol-Version"] == "2.0.0"


def test_the_api_version_is_a_plugin_setting(sandbox, base, monkeypatch):
    monkeypatch.setenv("KOMUNIKAT_LINKEDIN_API_VERSION", "202601")
    linkedin().check_credentials()
    assert sandbox.requests[-1]["headers"]["Linkedin-Version"] == "202601"

    monkeypatch.setenv("KOMUNIKAT_LINKEDIN_API_VERSION", "202301")
    with pytest.raises(PermanentError) as caught:
        linkedin().check_credentials()
    assert caught.value.status_code == 426
    assert caught.value.platform_message == "Requested version 202301 is not active"

    monkeypatch.setenv("KOMUNIKAT_LINKEDIN_API_VERSION", "2025-10")
    count = len(sandbox.requests)
    with pytest.raises(PermanentError):
        linkedin().check_credentials()
    assert len(sandbox.requests) == count


def test_a_link_post_is_an_article_and_the_id_comes_from_the_header(sandbox, base):
    result = linkedin().publish(
        outgoing(
            text="Nabór (do 30 listopada) #Wierzbin",
            link="https://wierzbin.pl/nabor/",
            title="Wierzbin dla biznesu",
        )
    )

    ((urn, post),) = sandbox.posts.items()
    assert result == Published(urn, f"https://www.linkedin.com/feed/update/{urn}")
    assert urn.startswith("urn:li:share:")
    (request,) = sandbox.requests
    assert (request["method"], request["path"]) == ("POST", "/rest/posts")
    assert request["headers"]["Linkedin-Version"] == "202510"
    assert request["json"] == {
        "author": AUTHOR,
        "commentary": r"Nabór \(do 30 listopada\) {hashtag|\#|Wierzbin}",
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
        "content": {"article": {"source": "https://wierzbin.pl/nabor/", "title": "Wierzbin dla biznesu"}},
    }
    assert post["lifecycleState"] == "PUBLISHED"


def test_an_image_is_registered_uploaded_and_attached_with_its_alt_text(sandbox, base):
    linkedin().publish(
        outgoing(link="https://wierzbin.pl/nabor/", media=(photo("ratusz.jpg", "Ratusz nocą"),))
    )

    assert calls(sandbox) == [
        ("POST", "/rest/images"),
        ("PUT", next(r["path"] for r in sandbox.requests if r["method"] == "PUT")),
        ("POST", "/rest/posts"),
    ]
    initialize, upload, create = sandbox.requests
    assert initialize["query"] == {"action": ["initializeUpload"]}
    assert initialize["json"] == {"initializeUploadRequest": {"owner": AUTHOR}}
    assert upload["path"].startswith("/dms-uploads/")
    assert upload["body"] == b"\xff\xd8\xff JPEG ratusz.jpg"
    assert upload["headers"]["Authorization"] == f"Bearer {TOKEN}"
    (image_urn,) = sandbox.images
    assert create["json"]["content"] == {"media": {"id": image_urn, "altText": "Ratusz nocą"}}
    # No article card next to an image: the link goes into the text.
    assert create["json"]["commentary"].endswith("\nhttps://wierzbin.pl/nabor/")


def test_several_images_are_a_multi_image_post_in_order(sandbox, base):
    images = (photo("a.jpg", "Pierwsze"), photo("b.jpg", "Drugie"), photo("c.jpg", "Trzecie"))
    linkedin().publish(outgoing(media=images))

    content = sandbox.requests[-1]["json"]["content"]
    pairs = zip(sandbox.images, ["Pierwsze", "Drugie", "Trzecie"], strict=True)
    assert content == {"multiImage": {"images": [{"id": urn, "altText": alt} for urn, alt in pairs]}}
    assert all(image["uploaded"] for image in sandbox.images.values())


def test_little_text_escapes_reserved_characters_and_keeps_hashtags():
    text = "Spotkanie (sala #2) z @burmistrz: a*b_c ~ [x] {y} <z> | \\ #Wierzbin #zielone_wzgorza"
    escaped = little_text(text)
    assert escaped == (
        r"Spotkanie \(sala {hashtag|\#|2}\) z \@burmistrz: a\*b\_c \~ \[x\] \{y\} \<z\> \| \\ "
        r"{hashtag|\#|Wierzbin} {hashtag|\#|zielone\_wzgorza}"
    )
    assert visible_text(escaped) == text


def test_find_published_finds_the_post_made_since_the_first_attempt(sandbox, base):
    post = outgoing(first_attempt_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1))
    published = linkedin().publish(post)

    assert linkedin().find_published(post) == published
    assert (
        linkedin().find_published(outgoing(text="Inny komunikat", first_attempt_at=post.first_attempt_at))
        is None
    )
    later = post.first_attempt_at + datetime.timedelta(hours=1)
    assert linkedin().find_published(outgoing(first_attempt_at=later)) is None
    finder = sandbox.requests[-1]
    assert finder["path"] == "/rest/posts" and finder["headers"]["X-Restli-Method"] == "FINDER"
    assert finder["query"] == {"author": [AUTHOR], "q": ["author"], "count": ["20"], "sortBy": ["CREATED"]}
    assert "author=urn%3Ali%3Aorganization%3A2414183" in finder["query_string"]


def test_comments_of_recent_posts_come_oldest_first_from_the_cursor(sandbox, base):
    connector = linkedin()
    first = connector.publish(outgoing(text="Pierwszy komunikat"))
    second = connector.publish(outgoing(text="Drugi komunikat"))

    batch = connector.fetch_comments("")

    expected = sorted(
        (c for urn in (first.external_id, second.external_id) for c in sandbox.comments[urn]),
        key=lambda c: c["created"]["time"],
    )
    assert [item.external_id for item in batch.items] == [c["commentUrn"] for c in expected]
    assert {item.post_external_id for item in batch.items} == {first.external_id, second.external_id}
    item = batch.items[0]
    assert item.kind == ItemKind.COMMENT and item.text == expected[0]["message"]["text"]
    assert item.author_id == expected[0]["actor"]
    assert item.created_at == datetime.datetime.fromtimestamp(
        expected[0]["created"]["time"] / 1000, datetime.UTC
    )
    assert batch.cursor == str(expected[-1]["created"]["time"]) and not batch.more
    comment_calls = [r for r in sandbox.requests if r["path"].startswith("/rest/socialActions/")]
    assert {r["path"] for r in comment_calls} == {
        f"/rest/socialActions/{urn}/comments" for urn in (first.external_id, second.external_id)
    }
    assert all(r["query"] == {"start": ["0"], "count": ["100"]} for r in comment_calls)

    assert connector.fetch_comments(batch.cursor).items == ()
    new = sandbox.add_comment(first.external_id, "Czy będzie transmisja online?")
    assert [i.external_id for i in connector.fetch_comments(batch.cursor).items] == [new["commentUrn"]]


def test_comment_batches_page_without_skipping_or_splitting_a_millisecond(sandbox, base):
    connector = linkedin()
    connector.page_size, connector.batch_size = 2, 3
    posts = [connector.publish(outgoing(text=f"Komunikat {n}")).external_id for n in range(3)]
    for n in range(4):
        sandbox.add_comment(posts[n % 3], f"Pytanie {n}")
    everything = sorted(
        (c for urn in posts for c in sandbox.comments[urn]), key=lambda c: c["created"]["time"]
    )
    # Two comments of one millisecond exactly where the first batch would end.
    everything[3]["created"]["time"] = everything[2]["created"]["time"]

    seen, cursor, batches = [], "", 0
    while True:
        batch = connector.fetch_comments(cursor)
        seen += [item.external_id for item in batch.items]
        cursor, batches = batch.cursor, batches + 1
        if not batch.more:
            break

    assert sorted(seen) == sorted(c["commentUrn"] for c in everything) and len(seen) == len(set(seen))
    assert batches >= 3
    starts = {
        r["query"]["start"][0] for r in sandbox.requests if r["path"].startswith("/rest/socialActions/")
    }
    assert {"0", "2"} <= starts


def test_reply_is_a_nested_comment_by_the_page_and_does_not_come_back(sandbox, base):
    connector = linkedin()
    published = connector.publish(outgoing())
    batch = connector.fetch_comments("")
    comment = batch.items[0]

    answer = connector.reply(comment, "Dziękujemy, szczegóły na stronie urzędu.")

    request = sandbox.requests[-1]
    assert (request["method"], request["path"]) == (
        "POST",
        f"/rest/socialActions/{comment.external_id}/comments",
    )
    assert request["json"] == {
        "actor": AUTHOR,
        "object": published.external_id,
        "message": {"text": "Dziękujemy, szczegóły na stronie urzędu."},
        "parentComment": comment.external_id,
    }
    stored = sandbox.comments[published.external_id][-1]
    assert answer.external_id == stored["commentUrn"] and stored["parentComment"] == comment.external_id
    assert connector.fetch_comments(batch.cursor).items == ()


def test_insights_come_from_the_share_statistics(sandbox, base):
    connector = linkedin()
    urn = connector.publish(outgoing()).external_id

    figures = connector.insights(urn)

    request = sandbox.requests[-1]
    assert request["path"] == "/rest/organizationalEntityShareStatistics"
    assert request["query_string"] == (
        "q=organizationalEntity&organizationalEntity=urn%3Ali%3Aorganization%3A2414183"
        f"&shares=List({urn.replace(':', '%3A')})"
    )
    totals = sandbox._figures(sandbox.posts[urn])
    assert figures == {
        "reach": totals["uniqueImpressionsCount"],
        "impressions": totals["impressionCount"],
        "reactions": totals["likeCount"],
        "comments": len(sandbox.comments[urn]),
        "shares": totals["shareCount"],
        "clicks": totals["clickCount"],
    }
    assert connector.insights("urn:li:share:1") == {}


def test_delete_removes_the_post_and_a_gone_one_counts_as_deleted(sandbox, base):
    connector = linkedin()
    urn = connector.publish(outgoing()).external_id
    connector.delete(urn)
    connector.delete(urn)

    assert sandbox.posts == {}
    deletes = [r for r in sandbox.requests if r["method"] == "DELETE"]
    assert [r["path"] for r in deletes] == [f"/rest/posts/{urn}"] * 2
    assert deletes[0]["headers"]["X-Restli-Method"] == "DELETE"


def test_an_invalid_token_is_invalid_credentials_with_linkedins_message(sandbox, base):
    sandbox.revoked.add("wygasly")
    with pytest.raises(InvalidCredentials) as caught:
        linkedin(token="wygasly").publish(outgoing())
    assert caught.value.status_code == 401 and caught.value.platform_message == "Invalid access token"


def test_rate_limit_is_retryable_after_linkedins_wait(sandbox, base):
    message = "Resource level throttle APPLICATION DAY limit for calls to this resource is reached."
    sandbox.fail_next(
        429, {"status": 429, "serviceErrorCode": 101, "message": message}, {"Retry-After": "60"}
    )
    with pytest.raises(RetryableError) as caught:
        linkedin().publish(outgoing())
    assert caught.value.retry_after == 60 and caught.value.platform_message == message
    assert not caught.value.maybe_done and sandbox.posts == {}


@pytest.mark.parametrize(("status", "maybe_done"), [(500, False), (503, False), (504, True)])
def test_server_errors_are_retryable(sandbox, base, status, maybe_done):
    sandbox.fail_next(status, {"status": status, "message": "Internal Server Error"})
    with pytest.raises(RetryableError) as caught:
        linkedin().publish(outgoing())
    assert caught.value.status_code == status and caught.value.maybe_done is maybe_done
    assert caught.value.platform_message == "Internal Server Error"


def test_rejected_content_is_permanent_with_linkedins_message(sandbox, base):
    with pytest.raises(PermanentError) as caught:
        linkedin().publish(outgoing(text="Długi tekst. " * 250))
    assert type(caught.value) is PermanentError and caught.value.status_code == 422
    assert caught.value.platform_message == "ERROR :: /commentary :: length of string is more than 3000"


def test_a_duplicate_post_is_refused_by_linkedin(sandbox, base):
    first = linkedin().publish(outgoing())
    with pytest.raises(PermanentError) as caught:
        linkedin().publish(outgoing())
    assert caught.value.platform_message == f"Content is a duplicate of {first.external_id}"
    assert len(sandbox.posts) == 1


def test_a_missing_permission_is_permanent_not_invalid_credentials(sandbox, base):
    message = "Not enough permissions to access: partnerApiPostsExternal.CREATE.20251001"
    sandbox.fail_next(
        403, {"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED", "message": message}
    )
    with pytest.raises(PermanentError) as caught:
        linkedin().publish(outgoing())
    assert not isinstance(caught.value, InvalidCredentials) and caught.value.platform_message == message


def test_a_timeout_creating_the_post_may_have_published(sandbox, base):
    sandbox.delay = 0.5
    connector = linkedin()
    connector.timeout = 0.1
    with pytest.raises(RetryableError) as caught:
        connector.publish(outgoing())
    assert caught.value.maybe_done
    assert calls(sandbox) == [("POST", "/rest/posts")]


def test_a_timeout_before_the_post_is_sent_is_not_in_doubt(sandbox, base):
    sandbox.delay = 0.5
    connector = linkedin()
    connector.timeout = 0.1
    with pytest.raises(RetryableError) as caught:
        connector.publish(outgoing(media=(photo("a.jpg", "Zdjęcie"),)))
    assert not caught.value.maybe_done
    assert calls(sandbox) == [("POST", "/rest/images")]


def test_a_refused_connection_is_not_in_doubt(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("LINKEDIN_API_URL", f"http://127.0.0.1:{port}")
    with pytest.raises(RetryableError) as caught:
        linkedin().publish(outgoing())
    assert not caught.value.maybe_done


def test_the_demo_channel_works_on_the_mounted_sandbox(monkeypatch):
    demo = LinkedInConnector.sandbox_channel
    with serve_wsgi(Mount({"linkedin": LinkedInSandbox()})) as root:
        monkeypatch.setenv("LINKEDIN_API_URL", f"{root}/linkedin")
        connector = LinkedInConnector(demo["credentials"], demo["settings"])
        assert connector.check_credentials().account_name == "Urząd Miasta Wierzbin"
        published = connector.publish(outgoing(media=(photo("a.jpg", "Zdjęcie"),)))
        assert published.external_id.startswith("urn:li:share:")
        assert connector.fetch_comments("").items
