"""Where narratives were used: uses recorded on publishing, listed on the narrative, their authors told."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from cms.editorial.models import PressReleaseNarrative, PressReleasePage, SocialPostPage, SocialPostVariant
from cms.narratives import usage
from cms.narratives.models import Narrative, NarrativeUse
from cms.notifications.models import Notification
from cms.plugin_api import migrations as roles
from tests import helpers

SUMMARY = "Miasto nie planuje podwyżek cen biletów komunikacji miejskiej w 2027 roku."
TODAY = timezone.localdate()


def edit_url(narrative):
    return reverse("wagtailsnippets_narratives_narrative:edit", args=[narrative.pk])


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def speaking_english(user):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


@pytest.fixture
def anna(make_user):
    return speaking_english(make_user("anna", groups=[roles.EDITORS], email="anna@um.wierzbin.pl"))


@pytest.fixture
def piotr(make_user):
    return make_user("piotr", groups=[roles.MODERATORS], email="piotr@um.wierzbin.pl")


@pytest.fixture
def tickets(make_narrative):
    return make_narrative("Ceny biletów w 2027 roku", summary=SUMMARY)


@pytest.fixture
def run_jobs(settings, django_capture_on_commit_callbacks):
    """Jobs run in-process when the test's transaction would commit, as without Redis."""
    settings.KOMUNIKAT_JOBS_IN_PROCESS = True
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish(page, user):
    page.save_revision(user=user).publish()
    return page


def new_release(press_room, title, **fields):
    fields.setdefault("lead", f"{title}: najważniejsze fakty.")
    return press_room.add_child(instance=PressReleasePage(title=title, **fields))


def new_post(press_room, title, **fields):
    return press_room.add_child(instance=SocialPostPage(title=title, **fields))


def paragraph(html):
    return [("paragraph", RichText(html))]


def use_of(narrative, page, user, title, days_ago=0, how=NarrativeUse.LINK):
    return NarrativeUse.objects.create(
        narrative=narrative,
        content_type=ContentType.objects.get_for_model(page),
        object_id=str(page.pk),
        title=title,
        url=page_edit_url(page),
        how=how,
        used_by=user,
        used_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_records_uses_on_a_worker_and_a_new_version_tells_their_authors(
    redis_connection, press_room, make_narrative, anna, piotr, narrative_index
):
    narrative = make_narrative("Ceny biletów w 2027 roku", summary=SUMMARY, live=False)
    narrative.save_revision(user=piotr).publish()  # the first publication
    release = new_release(
        press_room, "Budżet komunikacji", narrative_links=[PressReleaseNarrative(narrative=narrative)]
    )

    publish(release, anna)
    assert not NarrativeUse.objects.exists()  # publishing does not wait for the scan
    helpers.run_jobs("default", "notifications")

    use = NarrativeUse.objects.get()
    assert (use.narrative, use.content_object, use.how) == (narrative, release.specific, NarrativeUse.LINK)
    assert (use.used_by, use.title, use.url) == (anna, "Budżet komunikacji", page_edit_url(release))
    assert not Notification.objects.exists()

    narrative = Narrative.objects.get(pk=narrative.pk)
    narrative.summary = SUMMARY + " Ceny biletów okresowych spadną o 10%."
    narrative.save_revision(user=piotr).publish()
    helpers.run_jobs("default", "notifications")

    [told] = Notification.objects.all()
    assert (told.recipient, told.kind, told.url) == (anna, "narratives.used.changed", edit_url(narrative))
    assert "A new version of the position “Ceny biletów w 2027 roku” was published" in told.body
    assert "- Budżet komunikacji (linked, " in told.body
    assert [message.to for message in mail.outbox] == [["anna@um.wierzbin.pl"]]


class TestRecording:
    pytestmark = pytest.mark.django_db

    def test_links_to_a_narratives_admin_or_api_address_in_a_release_body(
        self, press_room, make_narrative, tickets, anna, run_jobs
    ):
        schools = make_narrative("Sieć szkół", summary="Szkoły zostają.")
        draft = make_narrative("Nowy park", summary="Park powstanie.", live=False)
        body = (
            f'<p>Zob. <a href="http://127.0.0.1:8000{edit_url(tickets)}">stanowisko</a>, '
            f'<a href="https://prasa.um.wierzbin.pl/api/v1/narratives/{schools.pk}/">szkoły</a> '
            f'i <a href="{edit_url(draft)}">park</a>.</p>'
        )
        release = new_release(press_room, "Komunikacja", body=paragraph(body))
        with run_jobs():
            publish(release, anna)

        uses = NarrativeUse.objects.order_by("narrative__title")
        assert [(u.narrative, u.how, u.used_by) for u in uses] == [
            (tickets, NarrativeUse.LINK, anna),
            (schools, NarrativeUse.LINK, anna),
        ]

    def test_a_quoted_short_version_in_a_post_counts_with_other_spacing_and_case(
        self, press_room, make_narrative, tickets, anna, run_jobs
    ):
        short = make_narrative("Tramwaj", summary="Tramwaj pojedzie w 2028 roku.")
        draft = make_narrative(
            "Bilety nocne", summary="Bilety nocne zostaną wprowadzone w 2027 roku.", live=False
        )
        text = (
            "Pytacie o ceny. „MIASTO nie planuje  podwyżek cen\nbiletów komunikacji miejskiej w 2027 roku” "
            "– mówi rzecznik. Tramwaj pojedzie w 2028 roku. Bilety nocne zostaną wprowadzone w 2027 roku."
        )
        post = new_post(press_room, "Ceny biletów", text=text)
        with run_jobs():
            publish(post, anna)

        use = NarrativeUse.objects.get()
        assert (use.narrative, use.how, use.content_object) == (tickets, NarrativeUse.QUOTE, post.specific)
        assert not short.uses.exists() and not draft.uses.exists()

    def test_a_quote_in_a_channel_variant_counts(self, press_room, tickets, anna, run_jobs, make_channel):
        post = new_post(
            press_room, "Ceny biletów", text="Bilety bez zmian.", target_channels=[make_channel("facebook")]
        )
        post.variants = [SocialPostVariant(platform="facebook", text=f"Bilety: {SUMMARY}")]
        with run_jobs():
            publish(post, anna)

        assert tickets.uses.get().how == NarrativeUse.QUOTE

    def test_html_entities_and_tags_inside_a_quote_do_not_hide_it(self, tickets):
        quoted = "Miasto nie planuje <b>podwyżek</b> cen&nbsp;biletów komunikacji miejskiej w&nbsp;2027 roku"
        assert usage.quoted(f"<p>{quoted}.</p>") == {tickets.pk}
        assert usage.quoted("<p>Miasto nie planuje podwyżek cen biletów.</p>") == set()

    def test_publishing_again_refreshes_a_use_and_keeps_the_ones_no_longer_in_the_text(
        self, press_room, make_narrative, tickets, anna, piotr, run_jobs
    ):
        schools = make_narrative(
            "Sieć szkół", summary="Żadna szkoła w mieście nie zostanie zamknięta w 2026 roku."
        )
        post = new_post(press_room, "Ceny biletów", text=SUMMARY)
        with run_jobs():
            publish(post, anna)
        first = tickets.uses.get()

        post.text = f"Żadna szkoła w mieście nie zostanie zamknięta w 2026 roku. {SUMMARY}"
        with run_jobs():
            publish(post, piotr)
        refreshed = tickets.uses.get()
        assert (refreshed.pk, refreshed.used_by) == (first.pk, piotr)
        assert refreshed.used_at > first.used_at

        post.text = "Bez stanowisk."
        with run_jobs():
            publish(post, anna)
        assert NarrativeUse.objects.count() == 2
        assert schools.uses.get().used_by == piotr

    def test_record_uses_for_other_objects_such_as_an_inquiry_answer(self, tickets, anna):
        used = usage.record_uses(
            anna, text=f"W odpowiedzi: {SUMMARY}", user=anna, title="Odpowiedź dla Gazety", url="/admin/x/"
        )
        assert used == [tickets]
        use = tickets.uses.get()
        assert (use.content_object, use.title, use.url, use.how) == (
            anna,
            "Odpowiedź dla Gazety",
            "/admin/x/",
            NarrativeUse.QUOTE,
        )
        assert usage.record_uses(anna, text="Bez cytatu.") == []


class TestUsesPanel:
    pytestmark = pytest.mark.django_db

    @pytest.fixture(autouse=True)
    def english(self, settings):
        settings.LANGUAGE_CODE = "en"

    @pytest.fixture
    def editor(self, make_user):
        return make_user("redaktor", groups=[roles.EDITORS], first_name="Ewa", last_name="Nowak")

    def test_the_edit_screen_lists_uses_newest_first(self, client, press_room, tickets, anna, editor):
        older = new_release(press_room, "Budżet komunikacji")
        newer = new_post(press_room, "Bilety <bez> zmian", text="Tekst.")
        use_of(tickets, older, anna, "Budżet komunikacji", days_ago=3)
        use_of(tickets, newer, editor, "Bilety <bez> zmian", how=NarrativeUse.QUOTE)
        client.force_login(editor)

        html = client.get(edit_url(tickets)).content.decode()

        assert "Where it was used" in html
        assert html.index("Bilety &lt;bez&gt; zmian") < html.index("Budżet komunikacji</a>")
        assert f'<a href="{page_edit_url(older)}">Budżet komunikacji</a>' in html
        assert "quoted" in html and "linked" in html
        assert "Ewa Nowak" in html
        assert "Not used yet" not in html

    def test_an_unused_narrative_says_so_and_the_create_form_has_no_panel(self, client, tickets, editor):
        client.force_login(editor)
        assert "Not used yet" in client.get(edit_url(tickets)).content.decode()
        html = client.get(reverse("wagtailsnippets_narratives_narrative:add")).content.decode()
        assert "Where it was used" not in html


class TestTellingRecentUsers:
    pytestmark = pytest.mark.django_db

    def test_expired_tells_each_recent_user_once_with_their_uses(
        self, press_room, make_narrative, anna, make_user
    ):
        narrative = make_narrative("Ceny biletów", summary=SUMMARY, expires_at=TODAY)
        release, post, old, other = (
            new_release(press_room, t) for t in ("Budżet", "Bilety", "Stary", "Inny")
        )
        bob = make_user("bob", email="bob@um.wierzbin.pl")
        gone = make_user("ewa", email="ewa@um.wierzbin.pl", is_active=False)
        use_of(narrative, release, anna, "Budżet komunikacji", days_ago=10)
        use_of(narrative, post, anna, "Bilety bez zmian", days_ago=1, how=NarrativeUse.QUOTE)
        use_of(narrative, old, bob, "Stary komunikat", days_ago=91)
        use_of(narrative, other, gone, "Inny komunikat", days_ago=1)

        [told] = usage.tell_recent_users(narrative, "expired")

        assert (told.recipient, told.kind, told.url) == (anna, "narratives.used.expired", edit_url(narrative))
        assert told.subject == "Expired: the position “Ceny biletów” you used"
        assert "may no longer be quoted" in told.body
        assert told.body.index("- Bilety bez zmian (quoted, ") < told.body.index(
            "- Budżet komunikacji (linked, "
        )
        assert f"http://127.0.0.1:8000{page_edit_url(release)}" in told.body
        assert f"http://127.0.0.1:8000{edit_url(narrative)}" in told.body
        assert [message.to for message in mail.outbox] == [["anna@um.wierzbin.pl"]]

    def test_the_window_comes_from_the_setting(self, settings, press_room, tickets, anna, make_user):
        settings.KOMUNIKAT_NARRATIVE_USE_NOTICE_DAYS = 10
        bob = make_user("bob", email="bob@um.wierzbin.pl")
        use_of(tickets, new_release(press_room, "Świeży"), anna, "Świeży", days_ago=9)
        use_of(tickets, new_release(press_room, "Starszy"), bob, "Starszy", days_ago=11)

        assert [n.recipient for n in usage.tell_recent_users(tickets, "changed")] == [anna]

    def test_an_unknown_reason_is_refused(self, tickets):
        with pytest.raises(ValueError):
            usage.tell_recent_users(tickets, "archived")

    def test_the_first_publication_tells_nobody_and_a_new_version_does(
        self, press_room, make_narrative, anna, piotr, run_jobs, narrative_index
    ):
        narrative = make_narrative("Ceny biletów", summary=SUMMARY, live=False)
        use_of(narrative, new_release(press_room, "Budżet"), anna, "Budżet")
        with run_jobs():
            narrative.save_revision(user=piotr).publish()
        assert not Notification.objects.exists()

        narrative.refresh_from_db()  # as the edit view loads it
        with run_jobs():
            narrative.save_revision(user=piotr).publish()
        assert [n.recipient for n in Notification.objects.all()] == [anna]
        assert Notification.objects.get().kind == "narratives.used.changed"


@pytest.mark.django_db
def test_a_release_offers_a_chooser_of_narratives(client, press_room, tickets, make_user):
    client.force_login(make_user("redaktor", groups=[roles.EDITORS]))

    form = client.get(
        reverse("wagtailadmin_pages:add", args=("editorial", "pressreleasepage", press_room.pk))
    ).content.decode()
    chooser = client.get(reverse("wagtailsnippetchoosers_narratives_narrative:choose"))

    assert 'name="narrative_links-TOTAL_FORMS"' in form
    assert tickets.title in chooser.json()["html"]
