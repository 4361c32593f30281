"""Citizen reports in the admin: a whole case as people click it, refusals that keep the input, merging,
the list with its filters and export, and what a representative of another unit cannot reach."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from PIL import Image
from wagtail.models import ModelLogEntry

from cms.approvals.models import VersionState
from cms.organisation.models import MembershipRole, Unit
from cms.plugin_api import migrations as groups
from plugins.citizen_reports import handling, history, replies
from plugins.citizen_reports.models import Category, Report, ReportState, UpdateKind
from tests.report_helpers import INSIDE, submit

pytestmark = pytest.mark.django_db


def shown(text):
    """``text`` as the admin shows it: in Polish (once translated), HTML-escaped."""
    with translation.override("pl"):
        return escape(translation.gettext(text))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def act(user, report, step, data=None):
    return client_for(user).post(reverse("citizen_reports:act", args=[report.pk, step]), data or {})


def page_of(user, report):
    response = client_for(user).get(reverse("citizen_reports:case", args=[report.pk]))
    assert response.status_code == 200
    return response.content.decode()


def cells(row):
    """The text of each cell of a table row."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    ]


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(out, format="JPEG")
    return out.getvalue()


def exported(client, **params):
    response = client.get(reverse("citizen_reports:index"), {"export": "csv", **params})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_report_from_the_dispatcher_queue_to_the_sent_reply_and_resolution(city, jobs_now):
    report = submit(city.other, description="Zapadnięta studzienka na chodniku.", address="ul. Polna 3")
    queue = client_for(city.dispatcher).get(reverse("citizen_reports:queue")).content.decode()
    assert report.number in queue

    page = page_of(city.dispatcher, report)
    assert reverse("citizen_reports:act", args=[report.pk, "route"]) in page
    assert "ul. Polna 3" in page and "jan.kowalski@example.pl" in page  # the reporter, for staff
    assert act(city.dispatcher, report, "verify").status_code == 302
    assert act(city.dispatcher, report, "route", {"unit": city.zdm.pk}).status_code == 302
    report.refresh_from_db()
    assert (report.state, report.unit) == (ReportState.ASSIGNED, city.zdm)
    assert (
        report.number
        not in client_for(city.dispatcher).get(reverse("citizen_reports:queue")).content.decode()
    )

    page = page_of(city.zdm_rep, report)
    assert reverse("citizen_reports:act", args=[report.pk, "take"]) in page
    assert reverse("citizen_reports:act", args=[report.pk, "route"]) not in page  # dispatchers route
    assert act(city.zdm_rep, report, "take").status_code == 302
    report.refresh_from_db()
    assert report.handler == city.zdm_rep and report.state == ReportState.IN_PROGRESS

    mail.outbox.clear()
    with jobs_now():
        public = act(city.zdm_rep, report, "public", {"text": "Ekipa będzie na miejscu w środę."})
        note = act(city.zdm_rep, report, "note", {"text": "Zamówić kratkę 60×60."})
    assert public.status_code == note.status_code == 302
    [update_mail] = mail.outbox
    assert "Ekipa będzie na miejscu" in update_mail.body and "kratkę" not in update_mail.body

    assert act(city.zdm_rep, report, "draft", {"body": "Studzienkę naprawimy do piątku."}).status_code == 302
    assert act(city.zdm_rep, report, "submit").status_code == 302
    approve = reverse("citizen_reports:act", args=[report.pk, "approve"])
    assert approve not in page_of(city.zdm_rep, report)  # nobody approves their own text
    assert approve in page_of(city.zdm_expert, report)
    assert act(city.zdm_expert, report, "approve", {"comment": "Zgoda."}).status_code == 302
    mail.outbox.clear()
    with jobs_now():
        assert act(city.zdm_rep, report, "send").status_code == 302
    assert replies.REPLY.latest(report).state == VersionState.SENT
    [reply_mail] = mail.outbox
    assert reply_mail.to == ["jan.kowalski@example.pl"] and "naprawimy do piątku" in reply_mail.body

    assert act(city.zdm_rep, report, "resolve", {"text": "Wymieniono kratkę studzienki."}).status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED and report.resolved_at is not None

    page = page_of(city.dispatcher, report)
    assert "Zamówić kratkę" in page and shown("Internal – the citizen does not see it") in page
    assert shown("Public – on the status page") in page and "Wymieniono kratkę" in page
    assert "Zgoda." in page
    assert reverse("citizen_reports:act", args=[report.pk, "reopen"]) in page


def test_a_refused_step_keeps_what_was_typed_and_answers_with_its_status(city):
    report = submit(city.lamp)

    no_reason = act(city.dispatcher, report, "route", {"unit": city.zzm.pk, "reason": "  "})
    assert no_reason.status_code == 400
    page = no_reason.content.decode()
    assert f'<option value="{city.zzm.pk}" selected>' in page
    assert shown("Say why the report moves to another unit.") in page
    report.refresh_from_db()
    assert report.unit == city.zdm

    not_a_dispatcher = act(city.zdm_rep, report, "route", {"unit": city.zzm.pk, "reason": "To park."})
    assert not_a_dispatcher.status_code == 403
    assert "To park." in not_a_dispatcher.content.decode()

    act(city.zdm_rep, report, "draft", {"body": "Pierwsza wersja odpowiedzi."})
    act(city.zdm_rep, report, "submit")
    own = act(city.zdm_rep, report, "approve", {"comment": "Sam zatwierdzam."})
    assert own.status_code == 403 and "Sam zatwierdzam." in own.content.decode()
    early = act(city.zdm_rep, report, "send")
    assert early.status_code == 409
    back = act(city.zdm_expert, report, "send_back", {"comment": ""})
    assert back.status_code == 400
    assert replies.REPLY.latest(report).state == VersionState.IN_APPROVAL

    handling.resolve(report, city.zdm_rep, "Naprawione.")
    late = act(city.zdm_rep, report, "public", {"text": "Jeszcze jedno słowo po zamknięciu."})
    assert late.status_code == 409
    assert "Jeszcze jedno słowo po zamknięciu." in late.content.decode()
    assert not report.updates.filter(kind=UpdateKind.PUBLIC).exists()

    unknown = act(city.zdm_rep, report, "fly")
    assert unknown.status_code == 404


def test_a_duplicate_is_merged_from_the_suggestions_or_by_its_number(city):
    first = submit(city.tree, latitude="52.150000", longitude="21.050000", attributes={"size": "big"})
    near = submit(
        city.tree,
        latitude="52.150500",
        longitude="21.050000",
        email="maria@example.pl",
        attributes={"size": "big"},
    )
    page = page_of(city.dispatcher, near)
    assert first.number in page and "56 m" in page

    assert act(city.dispatcher, near, "merge", {"into": first.pk}).status_code == 302
    near.refresh_from_db()
    assert near.state == ReportState.DUPLICATE and near.duplicate_of == first
    assert near.number in page_of(city.dispatcher, first)

    elsewhere = submit(city.lamp, address="ul. Długa 1")
    typo = act(city.dispatcher, elsewhere, "merge", {"number": "ZI/1999/000001"})
    assert typo.status_code == 400 and "ZI/1999/000001" in typo.content.decode()
    by_number = act(city.dispatcher, elsewhere, "merge", {"number": first.number.lower()})
    assert by_number.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.duplicate_of == first

    restored = act(city.dispatcher, near, "restore")
    assert restored.status_code == 302
    near.refresh_from_db()
    assert near.state == ReportState.VERIFIED and near.duplicate_of is None


def test_the_list_filters_searches_and_exports_what_the_user_sees(city):
    lamp = submit(city.lamp, description="Latarnia miga przy szkole.", address="ul. Szkolna 5")
    old_town = submit(city.lamp, description="Latarnia na rynku.", latitude=INSIDE[0], longitude=INSIDE[1])
    tree = submit(city.tree, description="Złamany konar.", attributes={"size": "small"})
    handling.resolve(tree, city.zzm_rep, "Konar usunięto.")
    Report.objects.filter(pk=lamp.pk).update(
        due_at=timezone.now() - timedelta(hours=2),
        source="phone",
        received_at=timezone.now() - timedelta(days=40),
    )
    district = Unit.objects.create(code="ZDM-OS", name="Rejon oświetlenia", parent=city.zdm)
    Report.objects.filter(pk=old_town.pk).update(unit=district)
    client = client_for(city.dispatcher)

    def listed(**params):
        page = client.get(reverse("citizen_reports:index"), params).content.decode()
        return {r.number for r in (lamp, old_town, tree) if r.number in page}

    assert listed() == {lamp.number, old_town.number, tree.number}
    assert listed(state="resolved") == {tree.number}
    assert listed(category=city.tree.pk) == {tree.number}
    assert listed(unit=city.zdm.pk) == {lamp.number, old_town.number}  # with its sub-unit
    assert listed(unit=district.pk) == {old_town.number}
    assert listed(area=city.old_town.pk) == {old_town.number}
    assert listed(overdue="true") == {lamp.number}
    assert listed(source="phone") == {lamp.number}
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert listed(received_from=since) == {old_town.number, tree.number}
    assert listed(q="konar") == {tree.number}
    assert listed(q="szkolna") == {lamp.number}

    rows = exported(client, category=city.lamp.pk)
    assert len(rows) == 3 and {rows[1][0], rows[2][0]} == {lamp.number, old_town.number}
    assert "jan.kowalski@example.pl" not in str(rows)  # no reporter's personal data in exports
    entry = ModelLogEntry.objects.get(action=history.EXPORT)
    assert entry.content_type == ContentType.objects.get_for_model(ContentType)
    assert entry.user == city.dispatcher and entry.data["rows"] == 2
    assert "CSV" in entry.message and "category=" in entry.message

    empty = client.get(reverse("citizen_reports:index"), {"q": "nic takiego"}).content.decode()
    assert shown("No reports match these filters.") in empty


def test_another_units_representative_reaches_nothing_of_the_report(city):
    report = submit(
        city.lamp, description="Latarnia przy Lipowej leży na ziemi.", photos=[("slup.jpg", jpeg())]
    )
    photo = report.photos.get()
    zzm = client_for(city.zzm_rep)

    assert zzm.get(reverse("citizen_reports:case", args=[report.pk])).status_code == 404
    assert act(city.zzm_rep, report, "note", {"text": "Hej"}).status_code == 404
    assert act(city.zzm_rep, report, "take").status_code == 404
    assert zzm.get(reverse("citizen_reports:photo", args=[photo.pk])).status_code == 404
    assert report.number not in zzm.get(reverse("citizen_reports:index")).content.decode()
    assert report.number not in zzm.get(reverse("citizen_reports:index"), {"q": "Lipowej"}).content.decode()
    assert report.number not in str(exported(zzm))
    sla = zzm.get(reverse("citizen_reports:report")).content.decode()
    assert "Zarząd Dróg Miejskich" not in sla
    assert zzm.get(reverse("citizen_reports:queue")).status_code in (302, 403)
    assert zzm.get(reverse("citizen_reports:new")).status_code in (302, 403)
    assert not report.updates.filter(kind=UpdateKind.NOTE).exists()

    zdm = client_for(city.zdm_rep)
    download = zdm.get(reverse("citizen_reports:photo", args=[photo.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert b"".join(download.streaming_content)[:2] == b"\xff\xd8"
    assert reverse("citizen_reports:photo", args=[photo.pk]) in page_of(city.zdm_rep, report)


def test_a_report_taken_by_phone_asks_the_categorys_questions(city):
    client = client_for(city.dispatcher)
    form = client.get(reverse("citizen_reports:new"), {"category": city.tree.pk}).content.decode()
    assert "Jak duże jest drzewo?" in form

    data = {
        "source": "phone",
        "received_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "category": city.tree.pk,
        "description": "Drzewo pochyla się nad placem zabaw.",
        "address": "Park Miejski, plac zabaw",
        "first_name": "Halina",
        "phone": "600 700 800",
    }
    first_photo = SimpleUploadedFile("drzewo.jpg", jpeg(), content_type="image/jpeg")
    missing = client.post(reverse("citizen_reports:new"), {**data, "photos": [first_photo]})
    assert missing.status_code == 400
    page = missing.content.decode()
    assert "Drzewo pochyla się nad placem zabaw." in page
    assert shown("Answer the question “%(q)s”.") % {"q": "Jak duże jest drzewo?"} in page
    assert shown("Choose the photos again: the browser does not keep them.") in page
    assert not Report.objects.exists()

    photo = SimpleUploadedFile("drzewo.jpg", jpeg(), content_type="image/jpeg")
    created = client.post(
        reverse("citizen_reports:new"), {**data, "attribute[size]": "big", "photos": [photo]}
    )
    report = Report.objects.get()
    assert created.status_code == 302 and created.url == reverse("citizen_reports:case", args=[report.pk])
    assert report.source == "phone" and report.unit == city.zzm and report.attributes == {"size": "big"}
    assert report.consent_at is None and report.first_name == "Halina"
    assert report.photos.get().content_type == "image/jpeg"
    assert "Duże" in page_of(city.dispatcher, report)


def test_the_dashboard_shows_the_queue_to_dispatchers_and_units_their_reports(city):
    queued = submit(city.other, description="Porzucony rower.")
    lamp = submit(city.lamp)
    Report.objects.filter(pk=lamp.pk).update(due_at=timezone.now() - timedelta(hours=1))
    home = reverse("wagtailadmin_home")
    dispatcher = client_for(city.dispatcher).get(home).content.decode()
    assert queued.number in dispatcher
    zdm = client_for(city.zdm_rep).get(home).content.decode()
    assert lamp.number in zdm and queued.number not in zdm
    zzm = client_for(city.zzm_rep).get(home).content.decode()
    assert lamp.number not in zzm


def test_setup_screens_need_their_permissions(city, make_user):
    admin = make_user("administrator", [groups.ADMINISTRATORS])
    created = client_for(admin).post(
        reverse("citizen_reports_category:add"),
        {
            "name": "Dzikie wysypisko",
            "code": "wysypisko",
            "group": "Czystość",
            "order": 0,
            "active": "on",
            "questions-TOTAL_FORMS": 1,
            "questions-INITIAL_FORMS": 0,
            "questions-MIN_NUM_FORMS": 0,
            "questions-MAX_NUM_FORMS": 1000,
            "questions-0-question": "Jakie odpady?",
            "questions-0-code": "waste",
            "questions-0-datatype": "multivaluelist",
            "questions-0-order": 0,
            "questions-0-values": "gruz = Gruz budowlany\nopony = Opony\n",
        },
    )
    assert created.status_code == 302
    [question] = Category.objects.get(code="wysypisko").questions.all()
    assert question.values == [{"key": "gruz", "name": "Gruz budowlany"}, {"key": "opony", "name": "Opony"}]
    edit = client_for(admin).get(reverse("citizen_reports_category:edit", args=[question.category_id]))
    assert "gruz = Gruz budowlany" in edit.content.decode()

    rule = client_for(admin).post(
        reverse("citizen_reports_rule:add"), {"category": city.lamp.pk, "area": "", "unit": city.zzm.pk}
    )
    assert rule.status_code == 200  # one city-wide rule per category: the form says so

    viewer = client_for(city.dispatcher)  # coordinators read the setup, do not change it
    assert viewer.get(reverse("citizen_reports_category:index")).status_code == 200
    assert viewer.get(reverse("citizen_reports_category:add")).status_code == 302
    outsider = client_for(city.zzm_rep)
    for name in ("category", "policy", "area", "rule"):
        assert outsider.get(reverse(f"citizen_reports_{name}:index")).status_code == 302


def test_the_queue_shows_the_oldest_first_with_possible_duplicates(city):
    newer = submit(city.other, description="Dziura w jezdni.", address="ul. Polna 3")
    older = submit(city.other, description="Zapadnięty asfalt.", address="ul. Polna 3")
    alone = submit(city.other, description="Graffiti na przystanku.", address="ul. Kwiatowa 8")
    Report.objects.filter(pk=older.pk).update(received_at=timezone.now() - timedelta(days=2))
    submit(city.lamp)  # routed by the rules: not in the queue
    page = client_for(city.dispatcher).get(reverse("citizen_reports:queue")).content.decode()
    table = re.search(r"<table[^>]*listing.*?</table>", page, re.S).group(0)
    rows = [cells(row) for row in re.findall(r"<tr.*?</tr>", table, re.S)][1:]
    assert [row[0].split()[0] for row in rows] == [older.number, newer.number, alone.number]
    assert [row[-1] for row in rows] == ["1", "1", "—"]  # possible duplicates


def test_a_unit_head_approves_a_reply_and_the_representative_hands_a_report_back(city, make_user):
    head = make_user("naczelnik-zdm", [groups.SUBJECT_EXPERTS], [(city.zdm, MembershipRole.UNIT_HEAD)])
    report = submit(city.lamp)
    act(city.zdm_rep, report, "draft", {"body": "Naprawa w przyszłym tygodniu."})
    act(city.zdm_rep, report, "submit")
    assert act(head, report, "approve").status_code == 302
    assert replies.REPLY.latest(report).state == VersionState.APPROVED

    back = act(city.zdm_rep, report, "hand_back", {"reason": "Latarnia należy do spółdzielni."})
    assert back.status_code == 302
    report.refresh_from_db()
    assert report.unit is None and report.state == ReportState.VERIFIED
    assert report.number in client_for(city.dispatcher).get(reverse("citizen_reports:queue")).content.decode()


def test_the_queue_counts_possible_duplicates_without_a_query_per_report(city):
    client = client_for(city.dispatcher)

    def queries_and_page():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("citizen_reports:queue")).content.decode()
        return len(queries), page

    for n in range(2):
        submit(city.other, address=f"ul. Polna {n}")
    few = queries_and_page()[0]
    for _ in range(8):
        submit(city.other, address="Rynek 1")
    many, page = queries_and_page()
    assert many == few
    assert page.count("Rynek 1") == 8
