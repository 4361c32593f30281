"""Shared setup of the engage tests: a press office and two units, channels on the in-memory dummy
platform, a post delivered to them, and comments arriving on the platform."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from cms.organisation.models import MembershipRole, Unit
from cms.outbox.models import Delivery, DeliveryStatus
from cms.plugin_api import migrations as groups
from tests.dummy_plugin.connectors import PLATFORM, comment


def build_inbox(make_user, make_channel, press_room):
    """Units BP (press office), MPWIK and ZGO; people of each; a channel of BP and one of MPWIK.

    ``post`` (a social post) went out to both channels as platform posts "1" (city) and "2" (mpwik).
    """
    PLATFORM.reset()
    s = SimpleNamespace()
    s.bp = Unit.objects.create(code="BP", name="Biuro Prasowe")
    s.mpwik = Unit.objects.create(code="MPWIK", name="MPWiK sp. z o.o.", kind="municipal_company")
    s.zgo = Unit.objects.create(code="ZGO", name="ZGO sp. z o.o.", kind="municipal_company")
    s.editor = make_user(
        "anna",
        [groups.EDITORS],
        [(s.bp, MembershipRole.REPRESENTATIVE)],
        first_name="Anna",
        last_name="Kowalska",
    )
    s.coordinator = make_user("magda", [groups.COORDINATORS], first_name="Magda", last_name="Wiśniewska")
    s.moderator = make_user("piotr", [groups.MODERATORS], email="piotr@um.wierzbin.pl")
    s.admin_group = make_user("kasia", [groups.ADMINISTRATORS])
    s.mpwik_rep = make_user(
        "rafal", [groups.REPRESENTATIVES], [(s.mpwik, MembershipRole.REPRESENTATIVE)], first_name="Rafał"
    )
    s.zgo_rep = make_user("lukasz", [groups.REPRESENTATIVES], [(s.zgo, MembershipRole.REPRESENTATIVE)])
    s.city = make_channel("dummy", {"token": "t"}, {"account": "miasto"}, name="Miasto Wierzbin", unit=s.bp)
    s.water = make_channel("dummy", {"token": "t"}, {"account": "mpwik"}, name="MPWiK Wierzbin", unit=s.mpwik)
    s.press_room = press_room
    s.post = social_post(press_room, "Awaria wodociągu na Lipowej")
    s.city_delivery = delivered(s.post, s.city, "1")
    s.water_delivery = delivered(s.post, s.water, "2")
    return s


def social_post(press_room, title):
    from cms.editorial.models import SocialPostPage

    return press_room.add_child(instance=SocialPostPage(title=title, text=f"{title}: szczegóły."))


def delivered(post, channel, external_id, published_at=None):
    """A delivery of ``post`` to ``channel`` that went out as platform post ``external_id``."""
    published_at = published_at or timezone.now() - datetime.timedelta(hours=2)
    return Delivery.objects.create(
        content_object=post,
        channel=channel,
        status=DeliveryStatus.PUBLISHED,
        due_at=published_at,
        external_id=external_id,
        url=f"https://dummy.example/p/{external_id}",
        published_at=published_at,
    )


def comments(*texts, post="1", start=1):
    """Comments numbered from ``start`` on platform post ``post``, oldest first, put on the platform."""
    made = [
        comment(start + i, text, post_external_id=post, minutes_ago=len(texts) - i)
        for i, text in enumerate(texts)
    ]
    PLATFORM.comments.extend(made)
    return made


def inbox_item(channel, number, text, minutes_ago=0, **fields):
    """An item as polling stores it (sentiment guessed from the text)."""
    from plugins.engage import sentiment
    from plugins.engage.models import InboxItem

    fields.setdefault("kind", "comment")
    fields.setdefault("author_name", f"Mieszkaniec {number}")
    fields.setdefault("author_id", f"u{number}")
    fields.setdefault("sentiment", sentiment.classify(text))
    return InboxItem.objects.create(
        channel=channel,
        external_id=f"c{number}",
        text=text,
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )
