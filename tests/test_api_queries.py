"""The page API answers a listing in the same number of SQL queries whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cms.core.models import Topic
from cms.editorial.models import (
    PressReleasePage,
    SocialPostMedia,
    SocialPostPage,
    SocialPostVariant,
)

pytestmark = pytest.mark.django_db

RELEASES = "/api/v2/pages/?type=editorial.PressReleasePage"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def add_releases(press_room):
    """Add live releases, each with two topics, two tags, a listing image and a paragraph."""
    topics = [Topic.objects.create(name=f"Temat {n}", slug=f"temat-{n}") for n in range(4)]
    images = [Image.objects.create(title=f"Zdjęcie {n}", file=get_test_image_file()) for n in range(3)]
    made = []

    def add(count):
        for _ in range(count):
            n = len(made)
            release = PressReleasePage(
                title=f"Komunikat {n}",
                lead=f"Najważniejsze fakty komunikatu {n}.",
                body=[("paragraph", RichText(f"<p>Treść komunikatu {n}.</p>"))],
                listing_image=images[n % 3],
                listing_image_alt=f"Zdjęcie do komunikatu {n}",
                live=True,
            )
            release.topics = [topics[n % 4], topics[(n + 1) % 4]]
            release.tags.add(f"tag-{n}", "miasto")
            press_room.add_child(instance=release)
            made.append(release)
        return made

    return add


def listing(client, url):
    """(SQL queries, items) of a listing; a first request makes the image renditions."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()["items"]


@pytest.mark.parametrize(
    "fields",
    ["&fields=lead,topic_slugs,tag_names,listing_image", "&fields=*", ""],
    ids=["related fields", "all fields", "default fields"],
)
def test_release_listing_queries_do_not_grow_with_the_page_size(client, add_releases, fields):
    add_releases(5)
    five_queries, five = listing(client, f"{RELEASES}{fields}&limit=5")
    releases = add_releases(20)
    queries, items = listing(client, f"{RELEASES}{fields}&limit=25")

    assert len(five) == 5
    assert len(items) == 25
    assert queries == five_queries
    if "topic_slugs" in fields or "*" in fields:
        by_id = {release.pk: release for release in releases}
        for item in items:
            release = by_id[item["id"]]
            assert item["topic_slugs"] == [topic.slug for topic in release.topics.all()]
            assert sorted(item["tag_names"]) == sorted(
                ["miasto", release.title.replace("Komunikat ", "tag-")]
            )
            assert item["listing_image"]["url"].endswith(".png")


def test_page_listing_of_every_type_queries_do_not_grow_with_the_page_size(client, add_releases):
    add_releases(3)
    few_queries, few = listing(client, "/api/v2/pages/?fields=*&limit=3")
    add_releases(20)
    queries, items = listing(client, "/api/v2/pages/?fields=*&limit=23")

    assert (len(few), len(items)) == (3, 23)
    assert queries == few_queries
    assert {item["meta"]["locale"] for item in items} == {"pl"}


def test_post_listing_with_media_and_variants_queries_do_not_grow(client, press_room, make_channel):
    image = Image.objects.create(title="Rynek", file=get_test_image_file())
    facebook = make_channel("facebook")

    def add_posts(count):
        for n in range(count):
            post = SocialPostPage(
                title=f"Post {n}", text="Zapraszamy na Rynek!", target_channels=[facebook], live=True
            )
            post.media = [SocialPostMedia(image=image, alt_text="Rynek nocą")]
            post.variants = [SocialPostVariant(platform="facebook", text="Zapraszamy!")]
            press_room.add_child(instance=post)

    url = "/api/v2/pages/?type=editorial.SocialPostPage&fields=text,media,variants&limit="
    add_posts(2)
    few_queries, _ = listing(client, url + "2")
    add_posts(8)
    queries, items = listing(client, url + "10")

    assert len(items) == 10
    assert queries == few_queries
    assert all(item["media"][0]["alt_text"] == "Rynek nocą" for item in items)
    assert all(item["variants"][0]["text"] == "Zapraszamy!" for item in items)


def test_release_detail_queries_do_not_grow_with_topics_tags_and_images(client, add_releases):
    small, large = add_releases(2)
    images = [Image.objects.create(title=f"Ilustracja {n}", file=get_test_image_file()) for n in range(3)]
    small.body = [("image", {"image": images[0], "alt_text": "Ilustracja", "caption": ""})]
    small.save()
    large.topics = Topic.objects.all()
    large.tags.add("remont", "objazdy", "MPK")
    large.body = [("image", {"image": image, "alt_text": "Ilustracja", "caption": ""}) for image in images]
    large.save()

    def detail(release):
        client.get(f"/api/v2/pages/{release.pk}/")
        with CaptureQueriesContext(connection) as queries:
            data = client.get(f"/api/v2/pages/{release.pk}/").json()
        return len(queries), data

    small_queries, _ = detail(small)
    queries, data = detail(large)

    assert queries == small_queries
    assert len(data["topic_slugs"]) == 4
    assert len(data["tag_names"]) == 5
    assert len(data["body"]) == 3
