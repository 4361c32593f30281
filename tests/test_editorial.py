"""Press releases and social posts: channel rules, embargo, the press room, feeds and two-stage approval."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.core.models import Topic
from cms.editorial.models import PressReleasePage, SocialPostPage, SocialPostVariant
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db


def release(room, title, **fields):
    page = room.add_child(
        instance=PressReleasePage(title=title, lead=f"{title}: najważniejsze fakty.", **fields)
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def channels(make_channel):
    """One channel per platform whose limits the tests rely on."""
    return {
        platform: make_channel(platform, name=platform.title())
        for platform in ("facebook", "instagram", "mastodon")
    }


class TestSocialPostRules:
    def test_text_over_the_mastodon_limit_is_refused_on_the_text_field(self, channels):
        post = SocialPostPage(
            title="Utrudnienia", text="a" * 501, target_channels=[channels["mastodon"], channels["facebook"]]
        )
        with pytest.raises(ValidationError) as error:
            post.clean()
        assert "Mastodon dopuszcza 500 znaków; ten tekst ma 501." in error.value.message_dict["text"]

    def test_a_shorter_variant_makes_the_long_text_fit(self, channels):
        post = SocialPostPage(
            title="Utrudnienia", slug="u", text="a" * 501, target_channels=[channels["mastodon"]]
        )
        post.variants = [SocialPostVariant(platform="mastodon", text="Krótko: objazd ul. Długą.")]
        post.clean()

    def test_instagram_needs_an_image(self, channels):
        post = SocialPostPage(
            title="Zdjęcie dnia",
            slug="z",
            text="Zachód słońca nad Wierzbinem",
            target_channels=[channels["instagram"]],
        )
        with pytest.raises(ValidationError) as error:
            post.clean()
        assert "Instagram wymaga co najmniej jednego obrazu." in error.value.message_dict["text"]

    def test_variant_for_a_platform_not_targeted(self, channels):
        post = SocialPostPage(title="Post", slug="p", text="Tekst", target_channels=[channels["facebook"]])
        post.variants = [SocialPostVariant(platform="mastodon", text="Tekst dla Mastodona")]
        with pytest.raises(ValidationError) as error:
            post.clean()
        assert "mastodon" in error.value.message_dict["target_channels"][0]

    def test_planned_time_before_go_live(self, channels):
        now = timezone.now()
        post = SocialPostPage(
            title="Post",
            slug="p",
            text="Tekst",
            target_channels=[channels["facebook"]],
            go_live_at=now + timedelta(days=2),
            planned_at=now + timedelta(days=1),
        )
        with pytest.raises(ValidationError) as error:
            post.clean()
        assert "planned_at" in error.value.message_dict


class TestEmbargo:
    @pytest.fixture
    def embargoed(self, press_room):
        return release(press_room, "Budżet na 2027 rok", embargo_until=timezone.now() + timedelta(hours=3))

    def test_embargoed_release_is_served_nowhere(self, client, press_room, embargoed):
        visible = release(press_room, "Nowe nasadzenia drzew")
        assert client.get(embargoed.url).status_code == 404
        assert embargoed.title not in client.get(press_room.url).content.decode()
        assert embargoed.title not in client.get(press_room.url + "rss/").content.decode()
        assert embargoed.title not in client.get(press_room.url + "atom/").content.decode()
        assert visible.title in client.get(press_room.url + "rss/").content.decode()

    def test_the_api_never_lists_or_shows_an_embargoed_release(self, client, press_room, embargoed):
        listing_routes = [
            "/api/v2/pages/",
            "/api/v2/pages/?type=editorial.PressReleasePage",
            f"/api/v2/pages/?child_of={press_room.pk}",
            f"/api/v2/pages/?descendant_of={press_room.pk}",
            "/api/v2/pages/?search=Budżet",
        ]
        for route in listing_routes:
            ids = [item["id"] for item in client.get(route).json()["items"]]
            assert embargoed.pk not in ids, route
        assert client.get(f"/api/v2/pages/{embargoed.pk}/").status_code == 404
        assert client.get(f"/api/v2/pages/find/?html_path={embargoed.url}").status_code == 404

    def test_release_appears_when_the_embargo_ends(self, client, embargoed):
        PressReleasePage.objects.filter(pk=embargoed.pk).update(
            embargo_until=timezone.now() - timedelta(minutes=1)
        )
        assert client.get(embargoed.url).status_code == 200
        assert client.get(f"/api/v2/pages/{embargoed.pk}/").json()["lead"] == embargoed.lead

    def test_drafts_never_reach_the_api(self, client, press_room):
        draft = press_room.add_child(instance=PressReleasePage(title="Szkic", lead="Jeszcze nie", live=False))
        assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
        assert draft.pk not in [item["id"] for item in client.get("/api/v2/pages/").json()["items"]]


class TestPressRoom:
    def test_topic_filter_and_pagination(self, client, press_room):
        transport = Topic.objects.create(name="Transport", slug="transport")
        for number in range(12):
            page = release(press_room, f"Komunikat {number}")
            if number % 2:
                page.topics.add(transport)
                page.save_revision().publish()
        first = client.get(press_room.url).content.decode()
        assert "Strona 1 z 2" in first
        only_transport = client.get(press_room.url + "?topic=transport").content.decode()
        assert "Komunikat 1<" in only_transport and "Komunikat 2<" not in only_transport

    def test_empty_press_room_says_so(self, client, press_room):
        assert (
            "Nie opublikowano tu jeszcze żadnych komunikatów." in client.get(press_room.url).content.decode()
        )


def test_two_stage_workflow_is_assigned_to_every_page(press_room):
    workflow = Workflow.objects.get(name="Dwuetapowa akceptacja")
    assert press_room.get_workflow() == workflow
    assert [task.specific.due_working_hours for task in workflow.tasks] == [8, 8]


def test_release_goes_through_both_approvals_in_the_admin(client, make_user, django_user_model, press_room):
    editor = make_user("anna", groups=[roles.EDITORS])
    make_user("tomasz", groups=[roles.SUBJECT_EXPERTS])
    make_user("piotr", groups=[roles.MODERATORS])
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["editorial", "pressreleasepage", press_room.pk]),
        nested_form_data(
            {
                "title": "Remont ulicy Długiej",
                "slug": "remont-ulicy-dlugiej",
                "lead": "Od poniedziałku objazdy.",
                "contact_person": editor.pk,
                "body": streamfield([]),
                "narrative_links": inline_formset([]),
                "comments": inline_formset([]),
                "action-submit": "Submit",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = PressReleasePage.objects.get(slug="remont-ulicy-dlugiej")
    assert not page.live

    def act(username, action):
        client.force_login(django_user_model.objects.get(username=username))
        state = page.current_workflow_task_state
        return client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk]), {"comment": ""}
        )

    act("anna", "approve")
    assert page.current_workflow_task.name.startswith("Akceptacja merytoryczna")

    act("tomasz", "approve")
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Akceptacja kierownika biura prasowego"
    assert not page.live

    act("piotr", "approve")
    page.refresh_from_db()
    assert page.live
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Remont ulicy Długiej"


def test_publishing_a_post_records_one_outbox_delivery_per_channel(press_room, channels):
    from cms.outbox.models import Delivery

    planned = timezone.now() + timedelta(hours=2)
    post = press_room.add_child(
        instance=SocialPostPage(
            title="Dni Wierzbina",
            text="Zapraszamy na Dni Wierzbina!",
            target_channels=[channels["facebook"], channels["mastodon"]],
            planned_at=planned,
        )
    )
    revision = post.save_revision()
    revision.publish()
    revision.publish()  # publishing the same revision again sends nothing twice
    post.save_revision().publish()  # nor does publishing the page again later
    deliveries = Delivery.objects.for_object(post)
    assert sorted(deliveries.values_list("channel__platform", flat=True)) == ["facebook", "mastodon"]
    assert {delivery.due_at for delivery in deliveries} == {planned}
    assert {delivery.status for delivery in deliveries} == {"queued"}


def test_rejection_returns_the_page_and_resubmission_starts_at_step_one(make_user, press_room):
    from django.core import mail

    editor = make_user("anna", groups=[roles.EDITORS], email="anna@um.wierzbin.pl")
    expert = make_user("tomasz", groups=[roles.SUBJECT_EXPERTS], email="tomasz@um.wierzbin.pl")
    moderator = make_user("piotr", groups=[roles.MODERATORS], email="piotr@um.wierzbin.pl")
    page = press_room.add_child(
        instance=PressReleasePage(title="Nowy park", lead="Park przy ul. Lipowej.", live=False)
    )
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    assert {message.to[0] for message in mail.outbox} >= {"tomasz@um.wierzbin.pl"}

    page.current_workflow_task_state.approve(user=expert)
    page.current_workflow_task_state.reject(user=moderator, comment="Brak danych o kosztach.")
    state = page.workflow_states.order_by("-created_at").first()
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == "Brak danych o kosztach."
    assert "anna@um.wierzbin.pl" in {message.to[0] for message in mail.outbox}

    page.save_revision(user=editor)
    state.resume(user=editor)
    page.refresh_from_db()
    assert page.current_workflow_task.name.startswith("Akceptacja merytoryczna")


def test_editing_after_a_passed_step_needs_approval_again(make_user, press_room):
    editor = make_user("anna", groups=[roles.EDITORS])
    expert = make_user("tomasz", groups=[roles.SUBJECT_EXPERTS])
    moderator = make_user("piotr", groups=[roles.MODERATORS])
    page = press_room.add_child(instance=PressReleasePage(title="Ferie", lead="Program ferii.", live=False))
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    first = page.current_workflow_task_state
    first.approve(user=expert)
    assert first.revision_id == page.latest_revision_id
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Akceptacja kierownika biura prasowego"

    page.lead = "Program ferii zimowych 2027."
    edited = page.save_revision(user=editor)
    page.current_workflow_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name.startswith("Akceptacja merytoryczna")
    assert page.current_workflow_task_state.revision == edited

    page.current_workflow_task_state.approve(user=expert)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Akceptacja kierownika biura prasowego"
    page.current_workflow_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.live and page.live_revision == edited
    approved = page.workflow_states.get().task_states.filter(status="approved")
    assert list(
        approved.filter(revision=edited)
        .order_by("finished_at")
        .values_list("finished_by__username", flat=True)
    ) == ["tomasz", "piotr"]


def test_the_minute_job_publishes_scheduled_pages_whose_time_has_come(press_room, channels):
    from cms.editorial.jobs import publish_scheduled
    from cms.jobs import periodic_jobs
    from cms.outbox.models import Delivery

    assert any(job.func is publish_scheduled and job.interval == 60 for job in periodic_jobs())
    soon = timezone.now() + timedelta(minutes=30)
    post = press_room.add_child(
        instance=SocialPostPage(
            title="Jarmark", text="Jarmark startuje!", target_channels=[channels["facebook"]], live=False
        )
    )
    post.go_live_at = soon
    post.save_revision().publish()
    post.refresh_from_db()
    assert not post.live and post.status_string == "zaplanowany"

    publish_scheduled()  # too early: nothing happens
    post.refresh_from_db()
    assert not post.live

    # Half an hour later (the schedule lives in the database, so a restarted scheduler finds it too):
    revision, past = post.latest_revision, timezone.now() - timedelta(seconds=30)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    publish_scheduled()
    post.refresh_from_db()
    assert post.live
    assert list(Delivery.objects.for_object(post).values_list("channel__platform", flat=True)) == ["facebook"]


def test_a_subject_expert_comments_on_a_field_during_review(client, make_user, press_room):
    from django.core import mail

    editor = make_user("anna", groups=[roles.EDITORS], email="anna@um.wierzbin.pl")
    expert = make_user("tomasz", groups=[roles.SUBJECT_EXPERTS], email="tomasz@um.wierzbin.pl")
    page = press_room.add_child(
        instance=PressReleasePage(title="Nowy park", lead="Park otwarty 1 maja.", live=False)
    )
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    page.subscribers.create(user=editor, comment_notifications=True)
    mail.outbox.clear()

    client.force_login(expert)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url).status_code == 200
    comment = {"contentpath": "lead", "text": "Park otwieramy 3 maja, nie 1.", "id": "", "position": ""}
    client.post(
        edit_url,
        nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "lead": page.lead,
                "body": streamfield([]),
                "narrative_links": inline_formset([]),
                "comments": inline_formset([{**comment, "replies": inline_formset([])}]),
            }
        ),
    )
    saved = page.wagtail_admin_comments.get()
    assert (saved.contentpath, saved.user) == ("lead", expert)
    to_author = [message.body for message in mail.outbox if message.to == [editor.email]]
    assert any("Park otwieramy 3 maja" in body for body in to_author)
