"""Internal requests through the admin: each kind from the form to done, drafts and corrections linked both
ways to the editorial pages, and every refusal, including another unit's representative."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cms.editorial.models import PressReleasePage, SocialPostPage
from cms.notifications.models import Notification
from plugins.inquiries import internal_requests
from plugins.inquiries.models import InternalRequest

pytestmark = pytest.mark.django_db

LIST = reverse("inquiries:requests")
NEW = reverse("inquiries:request_new")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def admin(user):
    client = Client()
    client.force_login(user)
    return client


def page_of(item):
    return reverse("inquiries:request", args=[item.pk])


def act(user, item, step, data=None):
    return admin(user).post(reverse("inquiries:request_act", args=[item.pk, step]), data or {})


def due(days=3):
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def new_request(user, **data):
    data.setdefault("title", "Awaria wodociągu na Zielonych Wzgórzach")
    data.setdefault(
        "body", "Portal Wierzbin24 pisze o skażonej wodzie.\n\nTo nieprawda: woda jest zdatna do picia."
    )
    return admin(user).post(NEW, data)


def opened(desk, kind="correction", **fields):
    """A request the MPK representative made for their unit (or, for information, the coordinator)."""
    fields.setdefault("title", "Objazdy tramwajów")
    fields.setdefault("body", "Od poniedziałku tramwaje linii 3 jadą objazdem.\n\nProsimy o komunikat.")
    if kind == "information":
        return internal_requests.open_request(user=desk.coordinator, kind=kind, **fields)
    return internal_requests.open_request(user=desk.mpk_rep, kind=kind, from_unit=desk.mpk, **fields)


def test_information_reaches_the_units_and_each_acknowledges(desk):
    response = new_request(
        desk.coordinator,
        kind="information",
        units=[desk.wgk.pk, desk.mpk.pk],
        due_at=due(),
        attachment=SimpleUploadedFile("wycinek.txt", b"Wierzbin24: skazona woda w kranach"),
    )
    item = InternalRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == page_of(item)
    assert item.number.startswith("ZW/") and item.requested_by == desk.coordinator
    assert sorted(item.targets.values_list("unit__code", flat=True)) == ["MPK", "WGK"]
    [attached] = item.messages.all()
    assert attached.file_name == "wycinek.txt"

    page = admin(desk.mpk_rep).get(page_of(item)).content.decode()
    assert "Acknowledge for my unit" in page and "waiting for acknowledgement" in page
    download = admin(desk.mpk_rep).get(reverse("inquiries:request_file", args=[attached.pk]))
    assert b"".join(download.streaming_content) == b"Wierzbin24: skazona woda w kranach"

    assert act(desk.mpk_rep, item, "acknowledge").status_code == 302
    assert item.targets.get(unit=desk.mpk).acknowledged_by == desk.mpk_rep
    again = act(desk.mpk_rep, item, "acknowledge")
    assert again.status_code == 409
    assert "None of your units waits to acknowledge this request." in again.content.decode()

    refused = act(desk.coordinator, item, "transition", {"name": "complete"})
    assert refused.status_code == 409
    assert "Every unit has to acknowledge the information first." in refused.content.decode()
    item.refresh_from_db()
    assert item.state == "new"

    assert act(desk.expert, item, "acknowledge").status_code == 302
    assert (
        act(desk.coordinator, item, "transition", {"name": "complete", "comment": "Dziękujemy."}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.state == "done" and item.closed_at is not None
    history = admin(desk.coordinator).get(page_of(item)).content.decode()
    assert "Acknowledged for MPK" in history and "Dziękujemy." in history


def test_units_ask_for_corrections_and_publications_for_themselves_only(desk):
    response = new_request(
        desk.mpk_rep, kind="correction", from_unit=desk.mpk.pk, source_url="https://wierzbin24.example/woda"
    )
    correction = InternalRequest.objects.get()
    assert response.status_code == 302
    assert (correction.kind, correction.from_unit, correction.requested_by) == (
        "correction",
        desk.mpk,
        desk.mpk_rep,
    )
    assert correction.source_url == "https://wierzbin24.example/woda"

    assert new_request(desk.mpk_rep, kind="publication", from_unit=desk.mpk.pk).status_code == 302
    assert InternalRequest.objects.filter(kind="publication", from_unit=desk.mpk).exists()

    for data, error in [
        ({"kind": "information", "from_unit": desk.mpk.pk}, "Select a valid choice."),
        ({"kind": "publication", "from_unit": desk.wgk.pk}, "Select a valid choice."),
        (
            {"kind": "publication", "from_unit": desk.mpk.pk, "due_at": due(-1)},
            "The due date must be in the future.",
        ),
        ({"kind": "publication", "from_unit": desk.mpk.pk, "title": ""}, "This field is required."),
    ]:
        refused = new_request(desk.mpk_rep, **data)
        assert refused.status_code == 200
        assert error in str(refused.context["form"].errors), data
    for data, error in [
        ({"kind": "information"}, "Choose the units the information is for."),
        ({"kind": "correction", "units": [desk.wgk.pk]}, "Only information is addressed to units"),
        (
            {"kind": "information", "units": [desk.wgk.pk], "assignee": desk.mpk_rep.pk},
            "Choose someone from the press office or from a unit of the request.",
        ),
        (
            {
                "kind": "information",
                "units": [desk.wgk.pk],
                "attachment": SimpleUploadedFile("skan.pdf", b"nie pdf"),
            },
            "is damaged or is not a .pdf file",
        ),
    ]:
        refused = new_request(desk.coordinator, **data)
        assert refused.status_code == 200
        assert error in str(refused.context["form"].errors), data
    assert InternalRequest.objects.count() == 2


def test_the_thread_and_the_state_buttons(desk):
    item = opened(desk)
    assert act(desk.mpk_rep, item, "message", {"body": "Artykuł wciąż jest na stronie."}).status_code == 302
    assert act(desk.mpk_rep, item, "message", {"body": "   "}).status_code == 400
    page = admin(desk.coordinator).get(page_of(item)).content.decode()
    assert "Artykuł wciąż jest na stronie." in page and "Start work" in page

    refused = act(desk.mpk_rep, item, "transition", {"name": "reject"})
    assert refused.status_code == 403
    assert "Your role does not allow “Reject” on this case." in refused.content.decode()
    wrong_state = act(desk.coordinator, item, "transition", {"name": "reopen"})
    assert wrong_state.status_code == 409
    assert "is not possible while the case is" in wrong_state.content.decode()
    item.refresh_from_db()
    assert (item.state, item.assignee) == ("new", None)

    assert act(desk.coordinator, item, "transition", {"name": "start"}).status_code == 302
    item.refresh_from_db()
    assert (item.state, item.assignee) == ("in_progress", desk.coordinator)


def test_the_press_office_assigns_and_sets_the_due_date(desk):
    item = opened(desk)
    changed = act(desk.coordinator, item, "assign", {"assignee": desk.head.pk, "due_at": due(5)})
    assert changed.status_code == 302
    item.refresh_from_db()
    assert item.assignee == desk.head and item.due_at > timezone.now() + datetime.timedelta(days=4)
    assert "Assignee: Piotr Nowak" in admin(desk.coordinator).get(page_of(item)).content.decode()

    past = act(desk.coordinator, item, "assign", {"assignee": desk.head.pk, "due_at": due(-2)})
    assert past.status_code == 400 and "The due date must be in the future." in past.content.decode()
    assert (
        act(desk.mpk_rep, item, "assign", {"assignee": desk.mpk_rep.pk, "due_at": due()}).status_code == 403
    )
    item.refresh_from_db()
    assert item.assignee == desk.head


def test_an_accepted_publication_becomes_a_draft_linked_both_ways(desk, press_room):
    item = opened(desk, "publication")
    for step in ("draft", "assign", "correction"):
        assert (
            act(desk.mpk_rep, item, step, {"kind": "press_release", "room": press_room.pk}).status_code == 403
        )
    assert "Accept and create the draft" not in admin(desk.mpk_rep).get(page_of(item)).content.decode()
    assert "Accept and create the draft" in admin(desk.coordinator).get(page_of(item)).content.decode()

    created = act(desk.coordinator, item, "draft", {"kind": "press_release", "room": press_room.pk})
    assert created.status_code == 302
    item.refresh_from_db()
    assert item.state == "accepted"
    draft = item.page.specific
    assert isinstance(draft, PressReleasePage) and draft.get_parent().pk == press_room.pk
    assert not draft.live and draft.has_unpublished_changes and draft.latest_revision is not None
    assert not draft.workflow_in_progress  # the editor submits it
    assert (draft.title, draft.unit, draft.owner) == ("Objazdy tramwajów", desk.mpk, desk.coordinator)
    assert draft.lead == "Od poniedziałku tramwaje linii 3 jadą objazdem."
    assert "Prosimy o komunikat." in str(draft.body)
    told = Notification.objects.filter(recipient=desk.mpk_rep, url=page_of(item))
    assert told.filter(subject__contains="is accepted and drafted").exists()

    again = act(desk.coordinator, item, "draft", {"kind": "social_post", "room": press_room.pk})
    assert again.status_code == 409 and "The draft of this request exists already." in again.content.decode()

    request_page = admin(desk.coordinator).get(page_of(item)).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in request_page
    assert "Not submitted for approval yet." in request_page and "Not published yet." in request_page
    editor = admin(desk.coordinator).get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert f"Internal request {item.number}" in editor and page_of(item) in editor
    history = (
        admin(desk.coordinator).get(reverse("wagtailadmin_pages:history", args=[draft.pk])).content.decode()
    )
    assert f"Drafted from internal request {item.number}" in history

    post_request = opened(desk, "publication", title="Dzień otwarty zajezdni")
    act(desk.coordinator, post_request, "draft", {"kind": "social_post", "room": press_room.pk})
    post_request.refresh_from_db()
    post = post_request.page.specific
    assert isinstance(post, SocialPostPage) and not post.live
    assert post.text == post_request.body


def test_a_correction_links_its_revision_and_follows_it_to_publication(desk, press_room):
    release = press_room.add_child(
        instance=PressReleasePage(title="Woda w Wierzbinie", lead="Woda jest zdatna do picia.", live=False)
    )
    published = release.save_revision(user=desk.coordinator)
    published.publish(user=desk.head)
    other = press_room.add_child(instance=PressReleasePage(title="Inny", lead="Inny komunikat.", live=False))
    other_revision = other.save_revision(user=desk.coordinator)
    item = opened(desk, "correction", source_url="https://wierzbin24.example/woda")

    refused = act(desk.coordinator, item, "transition", {"name": "complete"})
    assert refused.status_code == 409
    assert "Link the page revision that publishes the correction first." in refused.content.decode()

    release.lead = "Woda jest zdatna do picia; wyniki badań sanepidu w załączniku."
    correcting = release.save_revision(user=desk.coordinator)
    assert act(desk.coordinator, item, "correction", {"page": release.pk}).status_code == 302
    item.refresh_from_db()
    assert (item.correction_revision, item.page_id) == (correcting, release.pk)

    assert (
        act(desk.coordinator, item, "correction", {"page": release.pk, "revision": published.pk}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.correction_revision == published
    foreign = act(desk.coordinator, item, "correction", {"page": release.pk, "revision": other_revision.pk})
    assert foreign.status_code == 400
    act(desk.coordinator, item, "correction", {"page": release.pk, "revision": correcting.pk})
    item.refresh_from_db()
    assert item.correction_revision == correcting

    shown = admin(desk.mpk_rep).get(page_of(item)).content.decode()
    assert f"Revision {correcting.pk}" in shown and "Not submitted for approval yet." in shown

    release.get_workflow().start(release, desk.coordinator)
    release.current_workflow_task_state.approve(user=desk.expert)
    release.current_workflow_task_state.approve(user=desk.head)
    release.refresh_from_db()
    assert release.live_revision == correcting
    shown = admin(desk.mpk_rep).get(page_of(item)).content.decode()
    assert "Akceptacja kierownika biura prasowego" in shown and "Piotr Nowak" in shown
    assert "This revision is live." in shown

    editor = (
        admin(desk.coordinator).get(reverse("wagtailadmin_pages:edit", args=[release.pk])).content.decode()
    )
    assert f"Internal request {item.number}" in editor
    history = (
        admin(desk.coordinator).get(reverse("wagtailadmin_pages:history", args=[release.pk])).content.decode()
    )
    assert f"internal request {item.number}" in history

    assert act(desk.coordinator, item, "transition", {"name": "complete"}).status_code == 302
    item.refresh_from_db()
    assert item.state == "done"
    closed = act(desk.coordinator, item, "correction", {"page": release.pk})
    assert closed.status_code == 409 and "reopen it" in closed.content.decode()


def test_another_units_representative_sees_nothing_of_the_request(desk):
    item = opened(desk, "information", units=[desk.wgk])
    message = internal_requests.add_message(
        item, user=desk.coordinator, body="Wycinek w załączniku.", file_name="wycinek.txt", data=b"tekst"
    )
    for params in ({}, {"q": item.number}, {"kind": "information"}):
        listed = admin(desk.mpk_rep).get(LIST, params)
        assert listed.status_code == 200 and page_of(item) not in listed.content.decode()
    assert page_of(item) in admin(desk.expert).get(LIST, {"q": item.number}).content.decode()

    assert admin(desk.mpk_rep).get(page_of(item)).status_code == 404
    assert admin(desk.mpk_rep).get(reverse("inquiries:request_file", args=[message.pk])).status_code == 404
    for step, data in [
        ("message", {"body": "Czy mogę?"}),
        ("acknowledge", {}),
        ("transition", {"name": "complete"}),
        ("assign", {"assignee": desk.mpk_rep.pk}),
    ]:
        assert act(desk.mpk_rep, item, step, data).status_code == 404, step
    assert item.messages.count() == 1 and not item.targets.filter(acknowledged_at__isnull=False).exists()


def test_the_list_filters_searches_and_shows_time_left(desk):
    information = opened(
        desk, "information", units=[desk.wgk], due_at=timezone.now() + datetime.timedelta(days=2)
    )
    correction = opened(desk, "correction", title="Sprostowanie o cenach biletów")
    publication = opened(desk, "publication", title="Nowy rozkład jazdy")
    InternalRequest.objects.filter(pk=correction.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=3)
    )

    def numbers(user=desk.coordinator, **params):
        response = admin(user).get(LIST, params)
        assert response.status_code == 200
        html = response.content.decode()
        return {item.number for item in (information, correction, publication) if item.number in html}

    assert numbers() == {information.number, correction.number, publication.number}
    assert numbers(kind="publication") == {publication.number}
    assert numbers(unit=desk.wgk.pk) == {information.number}
    assert numbers(overdue="true") == {correction.number}
    assert numbers(q="biletów") == {correction.number}
    assert numbers(state="new") == {information.number, correction.number, publication.number}
    act(desk.coordinator, publication, "transition", {"name": "start"})
    assert numbers(assignee=desk.coordinator.pk) == {publication.number}
    assert numbers(desk.mpk_rep) == {correction.number, publication.number}

    html = admin(desk.coordinator).get(LIST).content.decode()
    assert "sla-time--overdue" in html and "no deadline" in html
    assert NEW in html
    assert LIST in admin(desk.coordinator).get(reverse("wagtailadmin_home")).content.decode()


def test_the_api_drafts_a_publication_and_links_a_correction(desk, press_room):
    api = Client()
    api.force_login(desk.coordinator)
    publication = opened(desk, "publication")
    url = f"/api/v1/internal-requests/{publication.pk}/"

    unknown = api.post(url + "draft/", {"kind": "leaflet"}, content_type="application/json")
    assert unknown.status_code == 400
    drafted = api.post(url + "draft/", {"kind": "social_post"}, content_type="application/json")
    assert drafted.status_code == 200, drafted.content
    publication.refresh_from_db()
    assert publication.state == "accepted" and publication.page is not None and not publication.page.live

    release = press_room.add_child(instance=PressReleasePage(title="Sprostowanie", lead="Woda jest czysta."))
    revision = release.save_revision(user=desk.coordinator)
    correction = opened(desk, "correction")
    url = f"/api/v1/internal-requests/{correction.pk}/correction/"
    assert api.post(url, {"revision": 0}, content_type="application/json").status_code == 400
    linked = api.post(url, {"revision": revision.pk}, content_type="application/json")
    assert linked.status_code == 200, linked.content
    correction.refresh_from_db()
    assert correction.correction_revision == revision

    outsider = Client()
    outsider.force_login(desk.expert)  # WGK: not the unit of these requests
    denied = outsider.post(url, {"revision": revision.pk}, content_type="application/json")
    assert denied.status_code == 404


def test_the_api_searches_and_filters_requests_by_unit(desk):
    trams = opened(desk, "correction", title="Objazdy tramwajów")
    opened(desk, "information", title="Monitoring mediów: awaria wody", units=[desk.wgk])
    api = Client()
    api.force_login(desk.coordinator)

    def titles(**params):
        response = api.get("/api/v1/internal-requests/", params)
        assert response.status_code == 200, response.content
        return {item["title"] for item in response.json()["results"]}

    assert titles(q="objazdy") == {trams.title}
    assert titles(unit="MPK") == {trams.title}  # from the unit
    assert titles(unit="WGK") == {"Monitoring mediów: awaria wody"}  # to the unit
    assert api.get("/api/v1/internal-requests/", {"unit": "XYZ"}).status_code == 400
