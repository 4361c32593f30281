"""The inbox in the admin: the list with its filters and search, assigning and handling through the
views, refusals that keep the input, setup screens, the dashboard, and what other units cannot reach."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from plugins.engage import history
from plugins.engage.models import InboxItem, ReplyTemplate, WatchWord
from tests.dummy_plugin.connectors import PLATFORM
from tests.engage_helpers import build_inbox, delivered, inbox_item, social_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(make_user, make_channel, press_room):
    s = build_inbox(make_user, make_channel, press_room)
    s.old = inbox_item(s.city, 1, "Skandal, znowu awaria!", 30, delivery=s.city_delivery, keywords=["awaria"])
    s.new = inbox_item(s.city, 2, "Dziękuję za informację", 5, delivery=s.city_delivery)
    s.message = inbox_item(
        s.city, 3, "Proszę o kontakt w sprawie rachunku", 10, kind="message", thread_id="t3"
    )
    s.water_item = inbox_item(s.water, 4, "Kiedy będzie woda?", 1, delivery=s.water_delivery)
    yield s
    PLATFORM.reset()


def shown(text, **values):
    with translation.override("pl"):
        message = translation.gettext(text)
        return escape(message % values if values else message)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def listed(user, **query):
    """The item links of the inbox list, in order."""
    response = client_for(user).get(reverse("engage:index"), query)
    assert response.status_code == 200
    return [
        int(pk) for pk in re.findall(r'href="/admin/plugins/engage/items/(\d+)/"', response.content.decode())
    ]


def act(user, item, step, data=None):
    return client_for(user).post(reverse("engage:act", args=[item.pk, step]), data or {})


def test_the_inbox_lists_everything_newest_first_with_channel_post_author_and_badges(inbox):
    response = client_for(inbox.editor).get(reverse("engage:index"))
    page = response.content.decode()
    assert listed(inbox.editor) == [inbox.water_item.pk, inbox.new.pk, inbox.message.pk, inbox.old.pk]
    assert "Miasto Wierzbin" in page and "MPWiK Wierzbin" in page
    assert "Mieszkaniec 1" in page and "Skandal, znowu awaria!" in page
    edit_url = reverse("wagtailadmin_pages:edit", args=[inbox.post.pk])
    assert f'href="{edit_url}">Awaria wodociągu na Lipowej</a>' in page
    assert 'class="w-status w-status--label engage-keyword"' in page
    assert shown("negative") in page and shown("positive") in page


def test_the_inbox_list_does_not_query_per_row(inbox, django_assert_max_num_queries):
    client = client_for(inbox.editor)
    client.get(reverse("engage:index"))  # warm caches (content types, the user's profile)
    with CaptureQueriesContext(connection) as baseline:
        before = client.get(reverse("engage:index")).content.decode()
    for number in range(5, 15):  # each under its own post, on both channels, assigned
        channel = inbox.city if number % 2 else inbox.water
        delivery = delivered(social_post(inbox.press_room, f"Komunikat {number}"), channel, str(number))
        inbox_item(channel, number, f"Pytanie {number}", delivery=delivery, assigned_to=inbox.coordinator)
    with django_assert_max_num_queries(len(baseline)):
        page = client.get(reverse("engage:index")).content.decode()
    assert (
        len(re.findall(r'href="/admin/plugins/engage/items/\d+/"', page))
        == len(re.findall(r'href="/admin/plugins/engage/items/\d+/"', before)) + 10
    )
    assert "Komunikat 14</a>" in page


def test_filters_and_search(inbox):
    editor = inbox.editor
    assert listed(editor, channel=inbox.water.pk) == [inbox.water_item.pk]
    assert listed(editor, kind="message") == [inbox.message.pk]
    assert listed(editor, sentiment="negative") == [inbox.old.pk]
    assert listed(editor, alerts="true") == [inbox.old.pk]
    assert listed(editor, q="rachunku") == [inbox.message.pk]
    assert listed(editor, q="Mieszkaniec 4") == [inbox.water_item.pk]
    InboxItem.objects.filter(pk=inbox.new.pk).update(assigned_to=editor)
    InboxItem.objects.filter(pk=inbox.old.pk).update(
        assigned_to=editor, handled_by=editor, handled_at=inbox.old.created_at
    )
    assert listed(editor, state="mine") == [inbox.new.pk]
    assert listed(editor, state="handled") == [inbox.old.pk]
    assert inbox.old.pk not in listed(editor, state="open")
    response = client_for(editor).get(reverse("engage:index"), {"q": "nic takiego"})
    assert shown("No comments or messages match these filters.") in response.content.decode()


EMPTY = (
    "The inbox is empty. Comments under the posts and private messages arrive here from every channel "
    "that reads them, a few minutes after they are written. A channel whose platform allows it "
    "(comments, messages) is read once it is connected and active."
)


def test_an_empty_inbox_says_what_comes_there(inbox):
    InboxItem.objects.all().delete()
    page = client_for(inbox.editor).get(reverse("engage:index")).content.decode()
    assert shown(EMPTY) in page


def test_assign_take_handle_reopen_and_sentiment_through_the_item_page(inbox):
    item = inbox.old
    assert act(inbox.editor, item, "assign", {"person": inbox.coordinator.pk}).status_code == 302
    item.refresh_from_db()
    assert item.assigned_to == inbox.coordinator
    assert act(inbox.editor, item, "take").status_code == 302
    item.refresh_from_db()
    assert item.assigned_to == inbox.editor
    assert act(inbox.editor, item, "handle").status_code == 302
    item.refresh_from_db()
    assert item.handled_at and item.handled_by == inbox.editor
    assert act(inbox.editor, item, "reopen").status_code == 302
    item.refresh_from_db()
    assert item.handled_at is None
    assert act(inbox.editor, item, "sentiment", {"sentiment": "neutral"}).status_code == 302
    item.refresh_from_db()
    assert (item.sentiment, item.sentiment_by) == ("neutral", inbox.editor)
    actions = list(
        ModelLogEntry.objects.for_instance(item).order_by("timestamp").values_list("action", flat=True)
    )
    assert actions == [
        history.ASSIGNED,
        history.ASSIGNED,
        history.HANDLED,
        history.REOPENED,
        history.SENTIMENT,
    ]
    page = client_for(inbox.editor).get(reverse("engage:item", args=[item.pk])).content.decode()
    assert shown("Assigned to %(person)s", person="Anna Kowalska") in page
    assert shown("Sentiment set to “%(sentiment)s”", sentiment=shown("neutral")) in page


def test_refused_steps_keep_the_input_and_answer_with_their_status(inbox):
    # Another unit's representative cannot be given a city channel's item: the choice stays.
    response = act(inbox.editor, inbox.old, "assign", {"person": inbox.zgo_rep.pk})
    assert response.status_code == 400
    assert f'<option value="{inbox.zgo_rep.pk}"' not in response.content.decode()
    act(inbox.editor, inbox.old, "handle")
    response = act(inbox.editor, inbox.old, "handle")
    assert response.status_code == 409
    assert shown("The item is handled already.") in response.content.decode()
    assert act(inbox.editor, inbox.old, "nonsense").status_code == 404


def test_a_units_representative_sees_and_works_only_on_their_units_channels(inbox):
    rep = inbox.mpwik_rep
    assert listed(rep) == [inbox.water_item.pk]
    client = client_for(rep)
    assert client.get(reverse("engage:item", args=[inbox.water_item.pk])).status_code == 200
    assert act(rep, inbox.water_item, "take").status_code == 302
    # From outside: another unit's item answers 404, on the page and on every step.
    assert client.get(reverse("engage:item", args=[inbox.old.pk])).status_code == 404
    assert act(rep, inbox.old, "handle").status_code == 404
    assert act(rep, inbox.old, "reply", {"text": "Hej"}).status_code == 404
    inbox.old.refresh_from_db()
    assert inbox.old.handled_at is None and PLATFORM.calls == []
    # The channel filter offers only their channels.
    page = client.get(reverse("engage:index")).content.decode()
    assert f'<option value="{inbox.city.pk}"' not in page and f'<option value="{inbox.water.pk}"' in page
    # A representative of a unit without channels sees an empty inbox.
    assert listed(inbox.zgo_rep) == []
    assert (
        client_for(inbox.zgo_rep).get(reverse("engage:item", args=[inbox.water_item.pk])).status_code == 404
    )


def test_an_item_given_to_someone_of_a_unit_below_is_theirs_to_see(make_user, inbox):
    from cms.organisation.models import MembershipRole, Unit
    from cms.plugin_api import migrations as groups

    plant = Unit.objects.create(code="SUW", name="Stacja Uzdatniania Wody", parent=inbox.mpwik)
    operator = make_user("operator", [groups.REPRESENTATIVES], [(plant, MembershipRole.REPRESENTATIVE)])
    page = reverse("engage:item", args=[inbox.water_item.pk])
    assert client_for(operator).get(page).status_code == 404
    assert act(inbox.mpwik_rep, inbox.water_item, "assign", {"person": operator.pk}).status_code == 302
    assert client_for(operator).get(page).status_code == 200
    assert listed(operator) == [inbox.water_item.pk]


def test_people_without_the_inbox_do_not_reach_it(make_user, inbox):
    outsider = make_user("ktos", [], is_staff=True)
    client = client_for(outsider)
    assert client.get(reverse("engage:index")).status_code in (302, 403)
    assert client.get(reverse("engage:item", args=[inbox.old.pk])).status_code in (302, 404)
    # Administrators read, but do not change items.
    assert listed(inbox.admin_group)
    assert act(inbox.admin_group, inbox.old, "handle").status_code == 403


def test_templates_and_watch_words_are_managed_in_the_admin(inbox):
    moderator = client_for(inbox.moderator)
    response = moderator.post(
        reverse("engage_watch_words:add"), {"word": "Brak wody", "inflected": "on", "active": "on"}
    )
    assert response.status_code == 302
    listing = moderator.get(reverse("engage_watch_words:index")).content.decode()
    assert "Brak wody" in listing and "brak… wody…" in listing
    response = moderator.post(
        reverse("engage_templates:add"),
        {"title": "Awaria wody", "text": "Trwa usuwanie awarii.", "is_crisis": "on", "active": "on"},
    )
    assert response.status_code == 302
    assert ReplyTemplate.objects.get().is_crisis
    assert WatchWord.objects.get().inflected
    # Editors read the templates but do not change them.
    editor = client_for(inbox.editor)
    assert editor.get(reverse("engage_templates:index")).status_code == 200
    assert editor.get(reverse("engage_templates:add")).status_code in (302, 403)


def test_the_dashboard_and_the_menu_show_what_waits(inbox):
    page = client_for(inbox.editor).get(reverse("wagtailadmin_home")).content.decode()
    with translation.override("pl"):
        counted = escape(
            translation.ngettext("%(counter)s open item", "%(counter)s open items", 4) % {"counter": 4}
        )
        inbox_label = translation.gettext("Inbox")
    assert counted in page
    assert f"{inbox_label} (4)" in page
    # A representative's panel counts their units' items only.
    rep_page = client_for(inbox.mpwik_rep).get(reverse("wagtailadmin_home")).content.decode()
    assert f"{inbox_label} (1)" in rep_page
