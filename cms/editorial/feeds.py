"""RSS and Atom feeds of a press room's live, unembargoed releases."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

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
