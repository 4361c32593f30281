"""Headless delivery: what front-end sites read from the page API and the JSON feed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cms.core.models import Topic
from cms.editorial.models import PressReleasePage, SocialPostMedia, SocialPostPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return Image.objects.create(title="Rynek", file=get_test_image_file())


def publish(room, page, published_at=None):
    room.add_child(instance=page)
    page.save_revision().publish()
    if published_at:
        type(page).objects.filter(pk=page.pk).update(first_published_at=published_at)
    return page


def ids(client, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_releases_filter_by_topic_and_publication_date(client, press_room):
    transport = Topic.objects.create(name="Transport", slug="transport")
    day = timezone.make_aware(timezone.datetime(2026, 11, 10, 12))
    tram = PressReleasePage(title="Tramwaj", lead="Nowa linia.")
    tram.topics = [transport]
    publish(press_room, tram, day)
    school = publish(press_room, PressReleasePage(title="Szkoła", lead="Nabór."), day + timedelta(days=5))

    releases = "type=editorial.PressReleasePage"
    assert ids(client, f"{releases}&topic=transport") == [tram.pk]
    assert ids(client, f"{releases}&published_after=2026-11-11") == [school.pk]
    assert ids(client, f"{releases}&published_before=2026-11-10") == [tram.pk]
    assert ids(client, f"{releases}&published_after=2026-11-10&published_before=2026-11-15") == [
        tram.pk,
        school.pk,
    ]


def test_a_bad_date_is_a_clear_json_error(client, press_room):
    response = client.get("/api/v2/pages/?published_after=jutro")
    assert response.status_code == 400
    assert "published_after" in response.json()["message"]


def test_rich_text_comes_rendered_and_images_with_renditions_and_alt_text(client, press_room, image):
    target = publish(press_room, PressReleasePage(title="Objazdy", lead="Mapa objazdów."))
    release = publish(
        press_room,
        PressReleasePage(
            title="Remont",
            lead="Remont ul. Długiej.",
            body=[
                ("paragraph", RichText(f'<p>Zobacz <a linktype="page" id="{target.pk}">objazdy</a>.</p>')),
                ("image", {"image": image, "alt_text": "Koparka na ul. Długiej", "caption": ""}),
            ],
            listing_image=image,
            listing_image_alt="Ulica Długa",
        ),
    )
    data = client.get(f"/api/v2/pages/{release.pk}/").json()
    paragraph, picture = data["body"]
    assert f'href="{target.url}"' in paragraph["value"]
    assert picture["value"]["alt_text"] == "Koparka na ul. Długiej"
    assert picture["value"]["image"]["url"].endswith(".jpg") or picture["value"]["image"]["url"].endswith(
        ".png"
    )
    assert data["listing_image"]["width"] <= 1200
    assert data["listing_image_alt"] == "Ulica Długa"


def test_posts_are_listed_with_their_channels_and_images(client, press_room, image, make_channel):
    post = SocialPostPage(
        title="Jarmark", text="Zapraszamy na jarmark!", target_channels=[make_channel("facebook")]
    )
    post.media = [SocialPostMedia(image=image, alt_text="Choinka na Rynku")]
    publish(press_room, post)
    draft = SocialPostPage(title="Szkic posta", text="Jeszcze nie", live=False)
    press_room.add_child(instance=draft)

    listing = client.get("/api/v2/pages/?type=editorial.SocialPostPage&fields=text,channels,media").json()
    assert [item["id"] for item in listing["items"]] == [post.pk]
    item = listing["items"][0]
    assert item["channels"] == ["facebook"]
    assert item["media"][0]["alt_text"] == "Choinka na Rynku"
    assert "url" in item["media"][0]["image"]


def test_json_feed_lists_public_releases_only(client, press_room):
    visible = publish(press_room, PressReleasePage(title="Nowe nasadzenia", lead="320 drzew w parku."))
    publish(
        press_room,
        PressReleasePage(
            title="Budżet 2027", lead="Tajne", embargo_until=timezone.now() + timedelta(hours=2)
        ),
    )
    press_room.add_child(instance=PressReleasePage(title="Szkic", lead="Jeszcze nie", live=False))

    response = client.get(press_room.url + "json/")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in feed["items"]] == ["Nowe nasadzenia"]
    assert feed["items"][0]["summary"] == visible.lead
    assert feed["items"][0]["url"].endswith(visible.url)
    assert 'type="application/feed+json"' in client.get(press_room.url).content.decode()
