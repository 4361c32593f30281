"""External approval by signed, expiring review links: made in the admin, used without an account."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms.editorial.models import PressReleasePage
from cms.plugin_api import migrations as roles
from cms.workflow.external_review.models import ExternalReview
from cms.workflow.external_review.tokens import make_token

pytestmark = pytest.mark.django_db

TITLE = "Nowa linia tramwajowa"
LEAD = "Tramwaj pojedzie ulicą Lipową od września."
PERSON = {
    "reviewer_name": "Anna Nowak",
    "reviewer_organisation": "Urząd Marszałkowski",
    "reviewer_email": "a.nowak@umwd.example",
    "days": 3,
}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def editor(make_user):
    user = make_user("ewa", groups=[roles.EDITORS], email="ewa@um.wierzbin.pl", first_name="Ewa")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def page(press_room, editor, make_user):
    """A press release waiting for the subject experts' approval."""
    make_user("tomasz", groups=[roles.SUBJECT_EXPERTS], email="tomasz@um.wierzbin.pl")
    release = press_room.add_child(instance=PressReleasePage(title=TITLE, lead=LEAD, live=False))
    release.save_revision(user=editor)
    release.get_workflow().start(release, editor)
    return release


def make_link(client, editor, page, **fields):
    """Make a link as the editor would, through the admin form; log out again."""
    client.force_login(editor)
    response = client.post(reverse("external_review_admin:create", args=[page.pk]), {**PERSON, **fields})
    client.logout()
    return response


def history_of(client, editor, page):
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    client.logout()
    return content


def assert_no_content(response, page):
    body = response.content.decode()
    assert page.title not in body and page.lead not in body


def test_editor_makes_a_link_and_the_person_gets_it_by_email(client, editor, page):
    client.force_login(editor)
    edit_view = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("external_review_admin:index", args=[page.pk]) in edit_view
    mail.outbox.clear()

    response = make_link(client, editor, page)

    review = ExternalReview.objects.get(page=page)
    assert response.status_code == 200
    assert review.url in response.content.decode()
    assert review.revision == page.current_workflow_task_state.revision
    assert review.created_by == editor
    assert timedelta(days=3) - timedelta(minutes=1) < review.expires_at - timezone.now() <= timedelta(days=3)
    [message] = mail.outbox
    assert message.to == ["a.nowak@umwd.example"]
    assert review.url in message.body and TITLE in message.subject
    assert "Review link for Anna Nowak (Urząd Marszałkowski) created" in history_of(client, editor, page)


def test_external_link_approve(client, editor, page):
    make_link(client, editor, page)
    review = ExternalReview.objects.get(page=page)
    link = reverse("external_review:review", args=[review.token])

    opened = client.get(link, **ENGLISH)
    assert opened.status_code == 200
    assert "Review for Anna Nowak (Urząd Marszałkowski)" in opened.content.decode()
    preview_url = reverse("external_review:preview", args=[review.token])
    assert f'src="{preview_url}"' in opened.content.decode()
    preview = client.get(preview_url)
    assert preview.status_code == 200 and LEAD in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"

    mail.outbox.clear()
    decided = client.post(link, {"decision": "approved", "comment": "Zgoda."}, **ENGLISH)
    assert "Your decision has been sent to the press office" in decided.content.decode()
    review.refresh_from_db()
    assert review.decision == "approved" and review.comment == "Zgoda." and review.decided_at
    [message] = mail.outbox
    assert message.to == ["ewa@um.wierzbin.pl"]
    assert "Anna Nowak (Urząd Marszałkowski) approved" in message.subject

    again = client.post(link, {"decision": "changes_requested", "comment": "Jednak nie."}, **ENGLISH)
    assert "A decision has already been made with this link" in again.content.decode()
    review.refresh_from_db()
    assert review.decision == "approved"
    reopened = client.get(link, **ENGLISH).content.decode()
    assert "You approved this version" in reopened and 'name="decision"' not in reopened

    history = history_of(client, editor, page)
    assert "Anna Nowak (Urząd Marszałkowski) approved through the review link" in history
    assert "Anna Nowak (Urząd Marszałkowski) opened the review link" in history
    page.refresh_from_db()
    assert page.current_workflow_task.name.startswith("Akceptacja merytoryczna"), "the workflow did not move"


def test_requesting_changes_needs_a_comment_which_reaches_the_history(client, editor, page):
    make_link(client, editor, page)
    review = ExternalReview.objects.get(page=page)
    link = reverse("external_review:review", args=[review.token])

    refused = client.post(link, {"decision": "changes_requested", "comment": ""}, **ENGLISH)
    assert "Say what should change." in refused.content.decode()
    review.refresh_from_db()
    assert review.decision == ""

    client.post(link, {"decision": "changes_requested", "comment": "Proszę dodać koszt inwestycji."})
    review.refresh_from_db()
    assert review.decision == "changes_requested"
    history = history_of(client, editor, page)
    assert "Anna Nowak (Urząd Marszałkowski) requested changes through the review link" in history
    assert "Proszę dodać koszt inwestycji." in history


def test_expired_link(client, editor, page):
    make_link(client, editor, page)
    review = ExternalReview.objects.get(page=page)
    ExternalReview.objects.filter(pk=review.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    link = reverse("external_review:review", args=[review.token])

    opened = client.get(link, **ENGLISH)
    assert opened.status_code == 410
    assert "This link has expired" in opened.content.decode()
    assert_no_content(opened, page)
    preview = client.get(reverse("external_review:preview", args=[review.token]))
    assert preview.status_code == 410
    assert_no_content(preview, page)
    assert client.post(link, {"decision": "approved"}).status_code == 410
    review.refresh_from_db()
    assert review.decision == ""
    assert "Anna Nowak (Urząd Marszałkowski) tried to open the expired review link" in history_of(
        client, editor, page
    )


def test_tampered_link(client, editor, page):
    make_link(client, editor, page)
    review = ExternalReview.objects.get(page=page)
    forged = [
        review.token[:-1] + ("A" if review.token[-1] != "A" else "B"),  # a changed signature
        make_token(review.pk + 1).split(":")[0]
        + ":"
        + review.token.split(":")[1],  # another id, old signature
        signing.Signer(salt="another purpose").sign_object(review.pk),
        make_token(review.pk + 1),  # correctly signed, but no such link
    ]
    for token in forged:
        for name in ("external_review:review", "external_review:preview"):
            response = client.get(reverse(name, args=[token]), **ENGLISH)
            assert response.status_code == 404, (name, token)
            assert "This link is not valid" in response.content.decode()
            assert_no_content(response, page)
    assert (
        client.post(reverse("external_review:review", args=[forged[0]]), {"decision": "approved"}).status_code
        == 404
    )
    review.refresh_from_db()
    assert review.decision == ""


def test_revoked_link_stops_working(client, editor, page):
    make_link(client, editor, page)
    review = ExternalReview.objects.get(page=page)
    client.force_login(editor)
    listing = client.get(reverse("external_review_admin:index", args=[page.pk])).content.decode()
    assert review.url in listing and "Anna Nowak" in listing

    client.post(reverse("external_review_admin:revoke", args=[page.pk, review.pk]))
    client.logout()

    response = client.get(reverse("external_review:review", args=[review.token]), **ENGLISH)
    assert response.status_code == 410 and "This link has been withdrawn" in response.content.decode()
    assert_no_content(response, page)
    assert "Review link for Anna Nowak (Urząd Marszałkowski) revoked" in history_of(client, editor, page)


def test_links_are_made_only_by_editors_of_pages_in_moderation(client, editor, make_user, press_room):
    draft = press_room.add_child(instance=PressReleasePage(title="Szkic", lead="Jeszcze nie.", live=False))
    draft.save_revision(user=editor)
    client.force_login(editor)
    assert (
        reverse("external_review_admin:index", args=[draft.pk])
        not in client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    )
    response = client.post(
        reverse("external_review_admin:create", args=[draft.pk]), PERSON, follow=True, **ENGLISH
    )
    assert "The page is not in moderation" in response.content.decode()

    draft.get_workflow().start(draft, editor)
    too_long = client.post(reverse("external_review_admin:create", args=[draft.pk]), {**PERSON, "days": 15})
    assert too_long.context["form"].errors["days"]

    outsider = make_user("marek")  # in the admin, but with no permission on pages
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.post(reverse("external_review_admin:create", args=[draft.pk]), PERSON)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ExternalReview.objects.exists()
