"""Shared setup of the citizen reports' tests: units, people of every role, categories, a report page."""

from types import SimpleNamespace

import pytest

from cms.organisation.models import MembershipRole, Unit
from cms.plugin_api import migrations as roles
from plugins.citizen_reports import intake
from plugins.citizen_reports.models import Area, Category, CategoryQuestion, ReportPage, RoutingRule

#: A square around Wierzbin's old town, and a point inside it.
OLD_TOWN = [[52.10, 21.00], [52.10, 21.02], [52.12, 21.02], [52.12, 21.00]]
INSIDE = ("52.110000", "21.010000")
OUTSIDE = ("52.200000", "21.100000")

PRIVACY = (
    "<p>Administratorem danych jest Prezydent Miasta Wierzbin. Dane przetwarzamy w celu rozpatrzenia "
    "zgłoszenia (art. 6 ust. 1 lit. e RODO) przez 2 lata.</p>"
)


@pytest.fixture
def city(make_user, attachment_storage, mailoutbox):
    """Units (ZDM for roads, ZZM for greenery, MPO a municipal company), a dispatcher, their people.

    Categories: ``lamp`` (routed to ZDM, and to MPO in the old town), ``tree`` (ZZM, with two extra
    questions), ``other`` (no rule: the dispatcher queue). A live report page under the home page.
    """
    from wagtail.models import Page

    c = SimpleNamespace()
    c.zdm = Unit.objects.create(code="ZDM", name="Zarząd Dróg Miejskich")
    c.zzm = Unit.objects.create(code="ZZM", name="Zarząd Zieleni Miejskiej")
    c.mpo = Unit.objects.create(code="MPO", name="MPO Wierzbin sp. z o.o.", kind="municipal_company")
    c.dispatcher = make_user(
        "dyspozytor",
        [roles.COORDINATORS],
        first_name="Ewa",
        last_name="Lis",
        email="dyspozytor@um.wierzbin.pl",
    )
    c.zdm_rep = make_user(
        "zdm", [roles.REPRESENTATIVES], [(c.zdm, MembershipRole.REPRESENTATIVE)], email="zdm@um.wierzbin.pl"
    )
    c.zdm_expert = make_user(
        "zdm-ekspert",
        [roles.SUBJECT_EXPERTS],
        [(c.zdm, MembershipRole.SUBJECT_EXPERT)],
        email="ekspert.zdm@um.wierzbin.pl",
    )
    c.zzm_rep = make_user(
        "zzm", [roles.REPRESENTATIVES], [(c.zzm, MembershipRole.REPRESENTATIVE)], email="zzm@um.wierzbin.pl"
    )
    c.old_town = Area.objects.create(name="Stare Miasto", boundary=OLD_TOWN)
    c.lamp = Category.objects.create(
        code="oswietlenie",
        name="Niedziałająca latarnia",
        group="Drogi i oświetlenie",
        help_text="Podaj numer słupa, jeśli jest widoczny.",
    )
    c.tree = Category.objects.create(code="drzewa", name="Niebezpieczne drzewo", group="Zieleń")
    c.other = Category.objects.create(code="inne", name="Inny problem", group="Inne")
    c.tree_size = CategoryQuestion.objects.create(
        category=c.tree,
        code="size",
        question="Jak duże jest drzewo?",
        datatype="singlevaluelist",
        required=True,
        values=[{"key": "small", "name": "Małe"}, {"key": "big", "name": "Duże"}],
    )
    c.tree_blocking = CategoryQuestion.objects.create(
        category=c.tree, code="blocking", question="Czy blokuje przejście?", datatype="string"
    )
    RoutingRule.objects.create(category=c.lamp, unit=c.zdm)
    RoutingRule.objects.create(category=c.lamp, area=c.old_town, unit=c.mpo)
    RoutingRule.objects.create(category=c.tree, unit=c.zzm)
    c.page = Page.objects.get(depth=2).add_child(
        instance=ReportPage(title="Zgłoś problem", slug="zglos-problem", privacy_clause=PRIVACY)
    )
    return c


def submit(category, **fields):
    """A report as a citizen would send it from the form (override any field)."""
    fields.setdefault("description", "Latarnia przy przejściu dla pieszych nie świeci od tygodnia.")
    fields.setdefault("address", "ul. Lipowa 12, Wierzbin")
    fields.setdefault("email", "jan.kowalski@example.pl")
    fields.setdefault("first_name", "Jan")
    fields.setdefault("last_name", "Kowalski")
    fields.setdefault("phone", "+48 600 100 200")
    fields.setdefault("consent", True)
    return intake.submit(intake.Submission(category=category, **fields))


@pytest.fixture
def jobs_now(settings, django_capture_on_commit_callbacks):
    """Jobs run in this process when the transaction commits: ``with jobs_now(): ...``."""
    settings.KOMUNIKAT_JOBS_IN_PROCESS = True
    return lambda: django_capture_on_commit_callbacks(execute=True)
