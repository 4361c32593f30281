"""seed_demo gives citizen reports four months of Wierzbin's reports in every state, and what they need.

The module seeds once (the ``demo_data`` fixture), in a transaction rolled back at
the end; each test runs in a savepoint inside it.
"""

import functools
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from cms.approvals.models import Decision, TextVersion, VersionState
from cms.organisation.models import Membership, MembershipRole, Unit, UnitKind
from cms.organisation.people import APPROVER_ROLES
from cms.sla.display import time_left
from cms.sla.models import Deadline
from plugins.citizen_reports import routing
from plugins.citizen_reports.demo_content import APP_NAME
from plugins.citizen_reports.models import (
    Area,
    Category,
    Open311Key,
    Report,
    ReportPage,
    ReportPhoto,
    ReportPolicy,
    ReportState,
    ReportUpdate,
    RoutingRule,
    Source,
    UpdateKind,
)

pytestmark = pytest.mark.django_db

MODELS = [Report, ReportUpdate, ReportPhoto, Category, RoutingRule, Area, Unit, Open311Key, ReportPage]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS} | {
        "users": get_user_model().objects.count()
    }


@pytest.fixture
def seeded(demo_data):
    return demo_data


def test_fifteen_categories_each_routed_or_left_to_the_dispatcher(seeded):
    categories = list(Category.objects.prefetch_related("rules__area", "questions", "policies"))
    assert len(categories) >= 15
    assert all(c.description and c.help_text and c.keywords and c.group for c in categories)
    unrouted = [c for c in categories if not c.rules.all()]
    assert unrouted and len(unrouted) <= 3
    # Unrouted categories wait for the dispatcher, who routes them to a unit.
    queued = Report.objects.filter(category__in=unrouted)
    assert queued.filter(state=ReportState.RECEIVED, unit__isnull=True).exists()
    assert queued.filter(unit__isnull=False).exists()
    for category in categories:
        if category.rules.all():
            assert any(rule.area is None for rule in category.rules.all()), category
    by_area = list(RoutingRule.objects.filter(area__isnull=False).select_related("category"))
    assert by_area and all(rule.unit != routing.responsible_unit(rule.category, None) for rule in by_area)
    assert any(
        Report.objects.filter(category=rule.category, area=rule.area, unit=rule.unit).exists()
        for rule in by_area
    )
    datatypes = {q.datatype for c in categories for q in c.questions.all()}
    assert {"singlevaluelist", "multivaluelist", "string", "number"} <= datatypes
    own = ReportPolicy.objects.filter(category__isnull=False)
    assert set(own.values_list("target", flat=True)) == {"first_response", "resolution"}
    assert own.filter(unit="working_hours").exists()


def test_units_and_municipal_companies_have_a_handler_and_an_approver(seeded):
    units = Unit.objects.filter(report_rules__isnull=False).distinct()
    assert units.filter(kind=UnitKind.MUNICIPAL_COMPANY).count() >= 3
    for unit in units:
        roles = set(Membership.objects.filter(unit=unit).values_list("role", flat=True))
        assert MembershipRole.REPRESENTATIVE in roles and roles & set(APPROVER_ROLES), unit


def test_over_three_hundred_reports_in_every_state_over_four_months(seeded):
    states = list(Report.objects.values_list("state", flat=True))
    assert len(states) >= 300
    assert all(states.count(state) >= 5 for state in ReportState.values)
    oldest = Report.objects.order_by("received_at").first().received_at
    assert (timezone.now() - oldest).days >= 90
    assert Report.objects.values("area").distinct().count() >= 5
    assert Report.objects.values("unit").distinct().count() >= 8


def test_reports_come_from_the_form_open311_and_the_phone_with_plausible_reporters(seeded):
    sources = set(Report.objects.values_list("source", flat=True))
    assert {Source.FORM, Source.OPEN311, Source.PHONE} <= sources
    from_app = Report.objects.filter(source=Source.OPEN311)
    assert all(report.api_key.name == APP_NAME and report.has_point for report in from_app)
    form = Report.objects.filter(source=Source.FORM)
    assert all(report.consent_at and report.page_id for report in form)
    emails = [e for e in Report.objects.values_list("email", flat=True) if e]
    assert len(emails) > 250 and all(e.endswith("@example.pl") for e in emails)
    assert len(set(Report.objects.values_list("last_name", flat=True))) >= 30
    assert Report.objects.filter(address__startswith="ul. ").exists()
    assert Report.objects.filter(address__startswith="skrzyżowanie ").exists()


def test_photos_are_stored_as_images(seeded):
    photos = list(ReportPhoto.objects.all())
    assert len(photos) >= 10
    for photo in photos[:5]:
        with photo.file.open("rb") as stored, Image.open(stored) as image:
            assert image.format == "JPEG" and image.size == (photo.width, photo.height)


def test_the_dispatcher_queue_and_steps_of_every_kind(seeded):
    assert Report.objects.unrouted().filter(state=ReportState.VERIFIED).exists()
    transitions = {
        entry.data["transition"]
        for entry in ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Report), action="komunikat.transition"
        )
    }
    steps = {"verify", "route", "reassign", "hand_back", "start", "resolve", "reject", "merge", "reopen"}
    assert steps | {"citizen_reopen"} <= transitions
    kinds = set(ReportUpdate.objects.values_list("kind", flat=True))
    assert kinds == set(UpdateKind.values)


def test_replies_were_drafted_approved_by_an_expert_and_sent(seeded):
    report_type = ContentType.objects.get_for_model(Report)
    versions = TextVersion.objects.filter(content_type=report_type)
    latest = {}
    for version in versions.order_by("number"):
        latest[version.object_id] = version
    assert {v.state for v in latest.values()} >= {
        VersionState.DRAFT,
        VersionState.IN_APPROVAL,
        VersionState.APPROVED,
        VersionState.SENT,
    }
    assert Decision.objects.filter(version__content_type=report_type, approved=False).exclude(comment="")
    sent = [v for v in latest.values() if v.state == VersionState.SENT]
    assert len(sent) >= 20
    for version in sent:
        report = Report.objects.get(pk=version.object_id)
        assert report.updates.filter(kind=UpdateKind.REPLY, text=version.body).exists()
        approval = version.decisions.get(approved=True)
        assert approval.user_id != version.author_id
        assert Membership.objects.filter(user=approval.user, role__in=APPROVER_ROLES).exists()
        assert report.received_at < version.sent_at <= timezone.now()


def test_deadlines_met_on_time_late_and_overdue(seeded):
    now = timezone.now()
    resolved = list(Report.objects.filter(state=ReportState.RESOLVED))
    late = [r for r in resolved if r.resolved_at > r.due_at]
    assert all(r.received_at < r.resolved_at <= now and r.first_response_at for r in resolved)
    assert late and len(late) < len(resolved) / 3
    assert Report.objects.overdue().count() >= 10
    tones = {time_left(r.due_at, None, now).tone for r in Report.objects.open()}
    assert {"ok", "overdue"} <= tones
    deadlines = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Report))
    assert deadlines.filter(escalated_at__isnull=False, met_at__isnull=True).exists()  # the sweep has run
    assert not deadlines.filter(met_at__gt=now).exists()


def test_duplicates_are_merged_into_a_nearby_report_of_the_same_category(seeded):
    duplicates = list(Report.objects.filter(state=ReportState.DUPLICATE).select_related("duplicate_of"))
    assert len(duplicates) >= 10
    for duplicate in duplicates:
        original = duplicate.duplicate_of
        assert original.state != ReportState.DUPLICATE and original.category_id == duplicate.category_id
        assert original.received_at < duplicate.received_at
        near = (
            duplicate.address == original.address
            or routing.distance_m(
                duplicate.latitude, duplicate.longitude, original.latitude, original.longitude
            )
            <= 150
        )
        assert near, duplicate


def test_timelines_follow_the_states_and_are_dated_in_the_past(seeded):
    now = timezone.now()
    report_type = ContentType.objects.get_for_model(Report)
    log = ModelLogEntry.objects.filter(content_type=report_type)
    moves = {}
    for entry in log.filter(action="komunikat.transition").order_by("timestamp", "pk"):
        moves[entry.object_id] = entry.data["to"]
    for report in Report.objects.prefetch_related("updates"):
        if str(report.pk) in moves:
            assert moves[str(report.pk)] == report.state, report
        else:
            assert report.state in (ReportState.RECEIVED, ReportState.ASSIGNED), report
        assert all(report.received_at <= u.created_at <= now for u in report.updates.all()), report
    assert not log.filter(timestamp__gt=now).exists()


def test_the_report_page_is_live_and_its_form_renders(seeded):
    page = ReportPage.objects.live().get(slug="zglos-problem")
    assert page.get_parent().specific_class.__name__ == "HomePage"
    assert "RODO" in page.privacy_clause and page.intro and page.thanks
    response = Client().get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dziura w jezdni" in html and "Inspektor ochrony danych" in html


def test_no_e_mail_leaves_while_the_demo_loads(seeded):
    assert seeded == []
    # Jobs wait for the commit as partial(dispatch, job, ...): none would e-mail a reporter.
    callbacks = [callback for _ids, callback, _robust in transaction.get_connection().run_on_commit]
    waiting = [callback.args[0] for callback in callbacks if isinstance(callback, functools.partial)]
    assert not [job for job in waiting if job.__module__ == "plugins.citizen_reports.citizen_mail"]


def test_a_second_run_changes_nothing(seeded):
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
