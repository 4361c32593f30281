"""Editorial guidelines: set in the admin, checked when a page is submitted or published."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.editorial.guidelines import EditorialGuidelines
from cms.editorial.models import PressReleasePage, SocialPostPage
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
LEAD = "Od poniedziałku objazdy ulicą Lipową."
SKANDAL = 'Avoid the phrase "skandal" (editorial guidelines).'
BEZPRECEDENSOWY = 'Avoid the phrase "bezprecedensowy" (editorial guidelines).'


@pytest.fixture
def guidelines():
    settings = EditorialGuidelines.load()
    settings.banned_phrases = "skandal\n\n  bezprecedensowy  \n"
    settings.save()
    return settings


@pytest.fixture
def editor(make_user):
    return make_user("anna", groups=[roles.EDITORS])


@pytest.fixture
def draft(press_room, editor):
    """A press release draft with a contact person, not yet submitted."""
    page = press_room.add_child(
        instance=PressReleasePage(
            title="Remont ulicy Długiej", slug="remont", lead=LEAD, contact_person=editor, live=False
        )
    )
    page.save_revision(user=editor)
    return page


def release_data(page, action=None, **fields):
    data = {
        "title": page.title,
        "slug": page.slug,
        "lead": page.lead,
        "contact_person": page.contact_person_id or "",
        "body": streamfield([]),
        "narrative_links": inline_formset([]),
        "comments": inline_formset([]),
        **fields,
    }
    if action:
        data[f"action-{action}"] = action
    return nested_form_data(data)


def edit(client, user, page, data):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **ENGLISH)


class TestSubmission:
    @pytest.mark.parametrize("group, action", [(roles.EDITORS, "submit"), (roles.MODERATORS, "publish")])
    def test_banned_phrase_stops_the_page_with_a_message_on_its_field(
        self, client, make_user, guidelines, draft, group, action
    ):
        user = make_user("piotr", groups=[group])
        revisions = draft.revisions.count()
        lead = "To BEZPRECEDENSOWY skandal: objazdy od poniedziałku."
        response = edit(client, user, draft, release_data(draft, action, lead=lead))

        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["lead"] == [SKANDAL, BEZPRECEDENSOWY]
        assert "title" not in errors
        draft.refresh_from_db()
        assert draft.revisions.count() == revisions
        assert not draft.live
        assert draft.lead == LEAD
        assert not draft.workflow_states.exists()

    def test_banned_phrase_in_the_body_text_is_marked_on_the_body(self, client, editor, guidelines, draft):
        body = streamfield(
            [
                ("paragraph", rich_text("<p>Mieszkańcy mówią: <b>skandal</b>. Skandaliczne objazdy.</p>")),
                ("quote", {"text": "Bezprecedensowy remont.", "author": "Mieszkaniec"}),
            ]
        )
        response = edit(client, editor, draft, release_data(draft, "submit", body=body))

        assert response.status_code == 200
        [error] = response.context["form"].errors.as_data()["body"]
        assert error.as_json_data()["messages"] == [SKANDAL, BEZPRECEDENSOWY]
        assert not draft.workflow_states.exists()

    def test_a_draft_may_still_use_a_banned_phrase(self, client, editor, guidelines, draft):
        response = edit(client, editor, draft, release_data(draft, lead="To skandal."))

        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.get_latest_revision_as_object().lead == "To skandal."
        assert not draft.workflow_states.exists()

    def test_a_clean_release_is_submitted(self, client, editor, guidelines, draft):
        response = edit(client, editor, draft, release_data(draft, "submit", lead="Skandynawski festiwal."))

        assert response.status_code == 302
        assert draft.workflow_states.get().status == "in_progress"

    def test_submission_needs_a_contact_person(self, client, editor, guidelines, draft):
        response = edit(client, editor, draft, release_data(draft, "submit", contact_person=""))

        assert response.status_code == 200
        assert response.context["form"].errors["contact_person"] == [
            "Name a contact person: the editorial guidelines require one on every press release."
        ]
        assert not draft.workflow_states.exists()

    def test_a_disabled_guideline_lets_the_release_through(self, client, editor, guidelines, draft):
        guidelines.require_contact_person = False
        guidelines.save()
        response = edit(client, editor, draft, release_data(draft, "submit", contact_person=""))

        assert response.status_code == 302
        assert draft.workflow_states.get().status == "in_progress"

    def test_banned_phrase_in_a_social_post_variant_is_marked_on_the_variant(
        self, client, editor, guidelines, press_room, make_channel
    ):
        client.force_login(editor)
        data = {
            "title": "Objazdy",
            "slug": "objazdy",
            "text": "Od poniedziałku objazdy ulicą Lipową.",
            "media": inline_formset([]),
            "variants": inline_formset(
                [
                    {"platform": "facebook", "text": "Objazdy, choć to skandal."},
                    {"platform": "mastodon", "text": "Objazdy."},
                ]
            ),
            "narrative_links": inline_formset([]),
            "comments": inline_formset([]),
            "action-submit": "submit",
        }
        url = reverse("wagtailadmin_pages:add", args=["editorial", "socialpostpage", press_room.pk])
        targets = [make_channel("facebook").pk, make_channel("mastodon").pk]
        response = client.post(url, {**nested_form_data(data), "target_channels": targets}, **ENGLISH)

        assert response.status_code == 200
        assert not response.context["form"].errors
        facebook, mastodon = response.context["form"].formsets["variants"].forms
        assert facebook.errors["text"] == [SKANDAL]
        assert not mastodon.errors
        assert not SocialPostPage.objects.exists()


class TestChecks:
    def test_phrases_match_whole_words_in_any_letter_case(self):
        guidelines = EditorialGuidelines(banned_phrases="skandal\nżenujący\nbez  precedensu")
        with_phrases = "SKANDAL! Żenujący, bez\nprecedensu."
        assert len(guidelines.phrase_errors(with_phrases)) == 3
        assert guidelines.phrase_errors("Skandaliczny, żenującym, bezprecedensu, nieżenujący") == []

    def test_alternative_text_is_required_whatever_the_guidelines_say(self):
        image = Image.objects.create(title="Rynek", file=get_test_image_file())
        release = PressReleasePage(title="Rynek", slug="rynek", lead=LEAD, listing_image=image)
        with translation.override("en"), pytest.raises(ValidationError) as error:
            release.clean()
        assert error.value.message_dict["listing_image_alt"] == [
            "Describe the image for people using a screen reader."
        ]


class TestBadInputThroughTheAdmin:
    @pytest.fixture
    def post(self, press_room, editor, make_channel):
        page = press_room.add_child(
            instance=SocialPostPage(
                title="Objazdy",
                slug="objazdy",
                text="Objazdy.",
                target_channels=[make_channel("mastodon")],
                live=False,
            )
        )
        page.save_revision(user=editor)
        return page

    def post_data(self, post, action, **fields):
        data = {
            "title": post.title,
            "slug": post.slug,
            "text": post.text,
            "media": inline_formset([]),
            "variants": inline_formset([]),
            "narrative_links": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
        if action:
            data[f"action-{action}"] = action
        return {
            **nested_form_data(data),
            "target_channels": [channel.pk for channel in post.target_channels.all()],
        }

    @pytest.mark.parametrize("action", [None, "submit"])
    def test_text_over_the_mastodon_limit_comes_back_on_the_text_field(self, client, editor, post, action):
        revisions = post.revisions.count()
        response = edit(client, editor, post, self.post_data(post, action, text="a" * 501))

        assert response.status_code == 200
        assert response.context["form"].errors == {
            "text": ["Mastodon allows 500 characters; this text has 501."]
        }
        assert post.revisions.count() == revisions
        assert not post.workflow_states.exists()

    @pytest.mark.parametrize("action", [None, "submit"])
    def test_planned_time_before_go_live_comes_back_on_its_field(self, client, editor, post, action):
        def local(delta):
            return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%d %H:%M")

        revisions = post.revisions.count()
        data = self.post_data(
            post, action, go_live_at=local(timedelta(days=2)), planned_at=local(timedelta(days=1))
        )
        response = edit(client, editor, post, data)

        assert response.status_code == 200
        assert response.context["form"].errors == {
            "planned_at": ["The planned time is before the page goes live."]
        }
        assert post.revisions.count() == revisions


class TestSettingsInTheAdmin:
    def url(self):
        return reverse("wagtailsettings:edit", args=["editorial", "editorialguidelines"])

    def test_moderators_edit_the_guidelines(self, client, make_user, guidelines):
        client.force_login(make_user("piotr", groups=[roles.MODERATORS]))
        assert self.url() in client.get(reverse("wagtailadmin_home")).content.decode()
        page = client.get(self.url(), follow=True, **ENGLISH)
        assert page.status_code == 200
        assert "bezprecedensowy" in page.content.decode()

        response = client.post(
            page.redirect_chain[-1][0],
            {"banned_phrases": "afera"},
            **ENGLISH,
        )
        assert response.status_code == 302
        guidelines.refresh_from_db()
        assert guidelines.phrases() == ["afera"]
        assert not guidelines.require_contact_person

    def test_editors_cannot_open_or_change_the_guidelines(self, client, editor, guidelines):
        client.force_login(editor)
        edit_url = reverse("wagtailsettings:edit", args=["editorial", "editorialguidelines", guidelines.pk])

        assert self.url() not in client.get(reverse("wagtailadmin_home")).content.decode()
        assert client.get(edit_url).url == reverse("wagtailadmin_home")
        client.post(edit_url, {"banned_phrases": ""})
        guidelines.refresh_from_db()
        assert guidelines.phrases() == ["skandal", "bezprecedensowy"]
