"""Units, memberships and the press-office groups with their permissions."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.organisation.models import MembershipRole, Unit, UnitKind
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    wkt = Unit.objects.create(name="Wydział Komunikacji i Transportu", code="WKT")
    zdm = Unit.objects.create(
        name="Zarząd Dróg Miejskich", code="ZDM", parent=wkt, kind=UnitKind.ORGANISATIONAL_UNIT
    )
    signs = Unit.objects.create(name="Dział Oznakowania", code="ZDM-DO", parent=zdm)
    mpk = Unit.objects.create(name="MPK sp. z o.o.", code="MPK", kind=UnitKind.MUNICIPAL_COMPANY)
    return wkt, zdm, signs, mpk


def test_groups_exist_for_every_press_office_role():
    assert set(roles.GROUPS) <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("group", "can_publish"),
    [
        (roles.EDITORS, False),
        (roles.COORDINATORS, False),
        (roles.MODERATORS, True),
        (roles.ADMINISTRATORS, True),
    ],
)
def test_only_the_press_office_head_and_administrators_publish(make_user, group, can_publish):
    user = make_user("u", groups=[group])
    home = Page.objects.get(depth=2)
    permissions = home.permissions_for_user(user)
    assert permissions.can_edit()
    assert permissions.can_publish() is can_publish


def test_subject_experts_review_but_do_not_edit_pages(make_user):
    expert = make_user("expert", groups=[roles.SUBJECT_EXPERTS])
    assert expert.has_perm("wagtailadmin.access_admin")
    assert not Page.objects.get(depth=2).permissions_for_user(expert).can_edit()


def test_administrators_manage_units_and_users_but_are_not_superusers(make_user):
    admin = make_user("kasia", groups=[roles.ADMINISTRATORS])
    assert admin.has_perms(["organisation.change_unit", "auth.add_user", "wagtailcore.change_workflow"])
    assert not admin.is_superuser


def test_sub_units_are_found_below_a_unit(tree):
    wkt, zdm, signs, mpk = tree
    assert set(Unit.objects.filter(pk=wkt.pk).with_descendants()) == {wkt, zdm, signs}
    assert signs.ancestors() == [zdm, wkt]


def test_a_unit_cannot_be_moved_under_its_own_sub_unit(tree):
    wkt, zdm, signs, mpk = tree
    wkt.parent = signs
    with pytest.raises(ValidationError) as error:
        wkt.full_clean()
    assert "parent" in error.value.message_dict


def test_unit_codes_are_validated():
    with pytest.raises(ValidationError):
        Unit(name="Zła nazwa", code="wgk ą").full_clean()


class TestUnitAdmin:
    def test_administrator_adds_a_unit_with_a_member(self, client, make_user, tree):
        make_user("kasia", groups=[roles.ADMINISTRATORS])
        member = make_user("jan")
        client.login(username="kasia", password="pass-1234-word")
        response = client.post(
            "/admin/units/new/",
            {
                "name": "Wydział Kultury",
                "code": "WK",
                "kind": UnitKind.DEPARTMENT,
                "active": "on",
                "memberships-TOTAL_FORMS": "1",
                "memberships-INITIAL_FORMS": "0",
                "memberships-MIN_NUM_FORMS": "0",
                "memberships-MAX_NUM_FORMS": "1000",
                "memberships-0-user": member.pk,
                "memberships-0-role": MembershipRole.REPRESENTATIVE,
                "memberships-0-ORDER": "1",
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        unit = Unit.objects.get(code="WK")
        assert list(unit.memberships.values_list("user__username", "role")) == [("jan", "representative")]

    def test_subject_expert_sees_units_but_cannot_change_them(self, client, make_user, tree):
        make_user("expert", groups=[roles.SUBJECT_EXPERTS])
        client.login(username="expert", password="pass-1234-word")
        assert client.get("/admin/units/").status_code == 200
        response = client.get(f"/admin/units/edit/{tree[0].pk}/", follow=True)
        assert response.redirect_chain == [("/admin/", 302)]
        assert Unit.objects.get(pk=tree[0].pk).name == "Wydział Komunikacji i Transportu"

    def test_unit_representative_without_admin_access_is_kept_out(self, client, make_user, tree):
        make_user("jan", memberships=[(tree[3], MembershipRole.REPRESENTATIVE)])
        client.login(username="jan", password="pass-1234-word")
        response = client.get("/admin/units/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
