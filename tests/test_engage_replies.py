"""Replying to inbox items through the connector: success, the platform's refusal kept with its words,
templates in the picker, and refusals that keep what was typed."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from cms.core.models import Topic
from cms.core.refusals import Invalid, Refused
from cms.outbox.connectors import InvalidCredentials, PermanentError
from cms.outbox.models import Health
from plugins.engage import history, replies
from plugins.engage.models import Reply, ReplyStatus, ReplyTemplate
from tests.dummy_plugin.connectors import PLATFORM
from tests.engage_helpers import build_inbox, inbox_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(make_user, make_channel, press_room):
    s = build_inbox(make_user, make_channel, press_room)
    s.item = inbox_item(
        s.city, 1, "Kiedy wróci woda na Lipowej?", delivery=s.city_delivery, post_external_id="1"
    )
    yield s
    PLATFORM.reset()


def shown(text):
    with translation.override("pl"):
        return escape(translation.gettext(text))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def reply_url(item):
    return reverse("engage:act", args=[item.pk, "reply"])


def test_a_reply_goes_out_through_the_connector_and_handles_the_item(inbox):
    sent = replies.reply(inbox.item, "  Woda wróci o 18:00.  ", inbox.editor)
    assert PLATFORM.replies == [("c1", "Woda wróci o 18:00.")]
    reply_call = next(call for call in PLATFORM.calls if call[0] == "reply")
    assert reply_call[1].external_id == "c1" and reply_call[1].post_external_id == "1"
    assert (sent.status, sent.external_id, sent.by, sent.error) == (ReplyStatus.SENT, "r1", inbox.editor, "")
    inbox.item.refresh_from_db()
    assert inbox.item.handled_at is not None and inbox.item.handled_by == inbox.editor
    assert ModelLogEntry.objects.for_instance(inbox.item).get().action == history.REPLIED


def test_a_refused_reply_is_kept_with_the_platforms_message_and_the_item_stays_open(inbox):
    PLATFORM.failures["reply"] = [
        PermanentError("Rejected", platform_message="The comment has been deleted.", status_code=400)
    ]
    failed = replies.reply(inbox.item, "Woda wróci o 18:00.", inbox.editor)
    assert failed.status == ReplyStatus.FAILED
    assert "The comment has been deleted." in failed.error
    inbox.item.refresh_from_db()
    assert inbox.item.handled_at is None
    entry = ModelLogEntry.objects.for_instance(inbox.item).get()
    assert entry.action == history.REPLY_FAILED and "deleted" in entry.data["error"]


def test_an_invalid_token_on_reply_marks_the_channel(inbox):
    PLATFORM.failures["reply"] = [InvalidCredentials("Invalid token", platform_message="Session expired.")]
    failed = replies.reply(inbox.item, "Odpowiedź", inbox.editor)
    assert failed.status == ReplyStatus.FAILED
    inbox.city.refresh_from_db()
    assert inbox.city.health == Health.INVALID
    # Then replies are refused before the platform is asked.
    inbox.item.refresh_from_db()
    with pytest.raises(Refused):
        replies.reply(inbox.item, "Odpowiedź", inbox.editor)
    assert [call[0] for call in PLATFORM.calls].count("reply") == 1


def test_empty_replies_and_switched_off_channels_are_refused_before_the_platform(inbox):
    with pytest.raises(Invalid):
        replies.reply(inbox.item, "   ", inbox.editor)
    inbox.city.active = False
    inbox.city.save()
    inbox.item.refresh_from_db()
    with pytest.raises(Refused):
        replies.reply(inbox.item, "Odpowiedź", inbox.editor)
    assert PLATFORM.calls == [] and not Reply.objects.exists()


def test_replying_in_the_admin_with_a_template(inbox):
    template = ReplyTemplate.objects.create(title="Awaria wody", text="Trwa usuwanie awarii.", is_crisis=True)
    client = client_for(inbox.editor)
    response = client.post(
        reply_url(inbox.item), {"template": template.pk, "text": "Trwa usuwanie awarii, do 18."}
    )
    assert response.status_code == 302
    sent = Reply.objects.get()
    assert (sent.template, sent.text, sent.status) == (
        template,
        "Trwa usuwanie awarii, do 18.",
        ReplyStatus.SENT,
    )
    page = client.get(reverse("engage:item", args=[inbox.item.pk])).content.decode()
    assert "Trwa usuwanie awarii, do 18." in page  # the reply is shown under the item
    assert shown("handled") in page


def test_a_reply_the_platform_refuses_shows_its_message_and_keeps_the_text(inbox):
    PLATFORM.failures["reply"] = [PermanentError("Rejected", platform_message="Comments are turned off.")]
    response = client_for(inbox.editor).post(
        reply_url(inbox.item), {"text": "Moja starannie napisana odpowiedź"}
    )
    assert response.status_code == 502
    page = response.content.decode()
    assert "Comments are turned off." in page
    assert "Moja starannie napisana odpowiedź</textarea>" in page
    assert Reply.objects.get().status == ReplyStatus.FAILED


def test_an_empty_reply_is_refused_with_the_form_kept(inbox):
    template = ReplyTemplate.objects.create(title="Podziękowanie", text="Dziękujemy!")
    response = client_for(inbox.editor).post(reply_url(inbox.item), {"template": template.pk, "text": " "})
    assert response.status_code == 400
    assert shown("Write the reply first.") in response.content.decode()
    assert PLATFORM.calls == []


def test_inserting_a_template_puts_its_text_after_what_was_typed_and_sends_nothing(inbox):
    template = ReplyTemplate.objects.create(title="Podziękowanie", text="Dziękujemy za sygnał.")
    response = client_for(inbox.editor).post(
        reply_url(inbox.item), {"template": template.pk, "text": "Dzień dobry,", "insert": "1"}
    )
    assert response.status_code == 200
    assert "Dzień dobry,\n\nDziękujemy za sygnał.</textarea>" in response.content.decode()
    assert PLATFORM.calls == [] and not Reply.objects.exists()


def test_the_picker_offers_active_templates_by_topic_with_crisis_ones_first_and_marked(inbox):
    water = Topic.objects.create(name="Woda", slug="woda")
    ReplyTemplate.objects.create(title="Harmonogram", text="...", topic=water)
    ReplyTemplate.objects.create(title="Awaria wodociągu", text="...", is_crisis=True)
    ReplyTemplate.objects.create(title="Stary szablon", text="...", active=False)
    page = client_for(inbox.editor).get(reverse("engage:item", args=[inbox.item.pk])).content.decode()
    with translation.override("pl"):
        crisis_group = escape(translation.gettext("Crisis templates"))
        crisis_label = escape(translation.gettext("CRISIS: %(title)s") % {"title": "Awaria wodociągu"})
    assert page.index(crisis_group) < page.index('optgroup label="Woda"') < page.index("Harmonogram")
    assert crisis_label in page
    assert "Stary szablon" not in page


def test_people_without_the_reply_permission_get_no_form_and_are_refused(inbox):
    client = client_for(inbox.admin_group)  # administrators read the inbox, they do not answer
    page = client.get(reverse("engage:item", args=[inbox.item.pk])).content.decode()
    assert 'name="text"' not in page
    assert client.post(reply_url(inbox.item), {"text": "Hej"}).status_code == 403
    assert PLATFORM.calls == []
