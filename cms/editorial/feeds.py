"""RSS, Atom and JSON feeds of a press room's live, unembargoed releases."""

from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.utils.feedgenerator import Atom1Feed
from wagtail.images.models import SourceImageIOError

FEED_SIZE = 30


class PressReleaseRss(Feed):
    def __init__(self, press_room):
        super().__init__()
        self.press_room = press_room

    def title(self):
        return self.press_room.title

    def link(self):
        return self.press_room.url

    def description(self):
        return self.press_room.intro

    def items(self):
        return self.press_room.releases()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class PressReleaseAtom(PressReleaseRss):
    feed_type = Atom1Feed
    subtitle = PressReleaseRss.description


def json_feed(press_room, request):
    """The same releases as a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1)."""
    site = press_room.get_site()
    home = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    items = [_json_item(release, request) for release in press_room.releases()[:FEED_SIZE]]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": press_room.title,
        "home_page_url": press_room.get_full_url(request),
        "feed_url": request.build_absolute_uri(),
        "description": press_room.intro,
        "language": "pl",
        "items": items,
    }
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    response["Link"] = f'<{home}>; rel="home"'
    return response


def _json_item(release, request):
    url = release.get_full_url(request)
    item = {
        "id": url,
        "url": url,
        "title": release.title,
        "summary": release.lead,
        "content_html": str(release.body.render_as_block()) if release.body else f"<p>{release.lead}</p>",
        "date_published": release.first_published_at.isoformat(),
        "date_modified": release.last_published_at.isoformat(),
        "tags": [topic.name for topic in release.topics.all()],
    }
    if release.listing_image:
        try:
            rendition = release.listing_image.get_rendition("fill-1200x630")
        except SourceImageIOError:
            rendition = None
        if rendition:
            item["image"] = request.build_absolute_uri(rendition.url)
    return item
