"""Shared setup of the inquiry desk's tests: units, people of every role, a case."""

from types import SimpleNamespace

import pytest

from cms.organisation.models import MembershipRole, Unit
from cms.plugin_api import migrations as roles
from plugins.inquiries import cases
from plugins.inquiries.models import InquiryKind


@pytest.fixture
def desk(make_user, attachment_storage):
    """Two units (WGK and MPK), a coordinator, the head, WGK's expert and head, and MPK's representative."""
    wgk = Unit.objects.create(code="WGK", name="Wydział Gospodarki Komunalnej")
    mpk = Unit.objects.create(code="MPK", name="MPK sp. z o.o.", kind="municipal_company")

    d = SimpleNamespace()
    d.wgk, d.mpk = wgk, mpk
    d.coordinator = make_user(
        "koordynator",
        [roles.COORDINATORS],
        first_name="Magdalena",
        last_name="Wiśniewska",
        email="koordynator@um.wierzbin.pl",
    )
    d.head = make_user(
        "rzecznik", [roles.MODERATORS], first_name="Piotr", last_name="Nowak", email="rzecznik@um.wierzbin.pl"
    )
    d.expert = make_user(
        "ekspert",
        [roles.SUBJECT_EXPERTS],
        [(wgk, MembershipRole.SUBJECT_EXPERT)],
        email="ekspert@um.wierzbin.pl",
    )
    d.unit_head = make_user(
        "naczelnik",
        [roles.SUBJECT_EXPERTS],
        [(wgk, MembershipRole.UNIT_HEAD)],
        email="naczelnik@um.wierzbin.pl",
    )
    d.mpk_rep = make_user(
        "mpk",
        [roles.REPRESENTATIVES],
        [(mpk, MembershipRole.REPRESENTATIVE)],
        email="rzecznik@mpk.wierzbin.pl",
    )
    d.kind = InquiryKind.objects.get(name="Pytanie e-mailowe")
    return d


def open_case(desk, **fields):
    fields.setdefault("subject", "Remont ulicy Lipowej")
    fields.setdefault("question", "Kiedy skończy się remont ulicy Lipowej i ile kosztuje?")
    fields.setdefault("journalist_email", "anna.nowak@gazeta.example")
    fields.setdefault("journalist_name", "Anna Nowak")
    fields.setdefault("outlet_name", "Gazeta Wierzbińska")
    fields.setdefault("kind", desk.kind)
    return cases.open_inquiry(user=desk.coordinator, **fields)
