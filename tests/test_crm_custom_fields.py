"""Custom fields: administrators define them, forms validate them, lists show, filter and export them."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from cms.plugin_api.migrations import ADMINISTRATORS, COORDINATORS, EDITORS
from plugins.crm.custom_values import clean_values
from plugins.crm.models import CustomField, Journalist
from tests.crm_contact_helpers import journalist, journalist_form, outlet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def fields(db):
    return {
        "size": CustomField.objects.create(
            target="journalist", key="size", label="Size", kind="choice", choices="S\nM\nL", filterable=True
        ),
        "since": CustomField.objects.create(target="journalist", key="since", label="Since", kind="date"),
        "fee": CustomField.objects.create(target="journalist", key="fee", label="Fee", kind="number"),
        "press_card": CustomField.objects.create(
            target="journalist",
            key="press_card",
            label="Press card",
            kind="boolean",
            required=True,
            filterable=True,
        ),  # fmt: skip
        "circulation": CustomField.objects.create(target="outlet", key="circulation", label="Circulation"),
    }


class TestCleanValues:
    def test_values_become_json(self, fields):
        assert clean_values(
            "journalist", {"size": "M", "since": "2024-03-01", "fee": "12,5", "press_card": "tak"}
        ) == {"size": "M", "since": "2024-03-01", "fee": 12.5, "press_card": True}

    def test_each_bad_value_has_its_message(self, fields):
        with pytest.raises(ValidationError) as error:
            clean_values("journalist", {"size": "XL", "since": "1 marca", "fee": "dużo", "colour": "red"})
        messages = error.value.message_dict
        assert messages["size"] == ["“XL” is not one of the choices: S, M, L."]
        assert messages["since"] == ["Enter a date as YYYY-MM-DD."]
        assert messages["fee"] == ["Enter a number."]
        assert messages["press_card"] == ["This field is required."]
        assert messages["colour"] == ["No such custom field; the fields are: fee, press_card, since, size."]

    def test_partial_checks_only_the_keys_given_and_clears_empty_ones(self, fields):
        assert clean_values("journalist", {"fee": "", "size": "S"}, partial=True) == {
            "fee": None,
            "size": "S",
        }


class TestAdminForms:
    def test_an_administrator_defines_a_choice_list_only_with_choices(self, client, make_user):
        client.force_login(make_user("admin", groups=[ADMINISTRATORS]))
        data = {"target": "outlet", "kind": "choice", "label": "Format", "key": "format", "choices": "",
                "help_text": "", "sort_order": "0"}  # fmt: skip
        response = client.post("/admin/crm/customfield/create/", data)
        assert response.status_code == 200
        assert "A choice list needs at least one choice" in response.content.decode()
        response = client.post("/admin/crm/customfield/create/", {**data, "choices": "A4\nBerliner"})
        assert response.status_code == 302
        assert CustomField.objects.get(key="format").choice_list == ["A4", "Berliner"]

    def test_an_editor_sees_but_cannot_add_custom_fields(self, client, make_user):
        client.force_login(make_user("redaktor", groups=[EDITORS]))
        assert client.get("/admin/crm/customfield/").status_code == 200
        assert client.get("/admin/crm/customfield/create/").status_code in (302, 403)

    def test_the_journalist_form_validates_and_stores_custom_values(self, client, make_user, fields):
        client.force_login(make_user("koordynator", groups=[COORDINATORS]))
        url = reverse("crm_journalist:add")
        response = client.get(url)
        assert 'name="extra__size"' in response.content.decode()
        bad = journalist_form(emails=[("anna@gazeta.pl", True)], extra={"size": "XL", "press_card": ""})
        response = client.post(url, bad)
        errors = response.context["form"].errors
        assert errors["extra__size"] == ["“XL” is not one of the choices: S, M, L."]
        assert errors["extra__press_card"] == ["This field is required."]
        good = journalist_form(
            emails=[("anna@gazeta.pl", True)],
            extra={"size": "L", "since": "2024-03-01", "fee": "1 200", "press_card": "true"},
        )
        assert client.post(url, good).status_code == 302
        assert Journalist.objects.get().extra == {
            "size": "L",
            "since": "2024-03-01",
            "fee": 1200,
            "press_card": True,
        }


class TestListsAndExport:
    @pytest.fixture
    def coordinator(self, client, make_user):
        client.force_login(make_user("koordynator", groups=[COORDINATORS]))

    def test_the_list_filters_by_a_custom_value_and_shows_it(self, client, coordinator, fields):
        journalist("Anna", "Nowak", "anna@radio.pl", extra={"size": "S", "press_card": True})
        journalist("Piotr", "Zieliński", "piotr@gazeta.pl", extra={"size": "L"})
        page = client.get(reverse("crm_journalist:index"), {"extra__size": "S"}).content.decode()
        assert "Nowak" in page and "Zieliński" not in page
        page = client.get(reverse("crm_journalist:index"), {"extra__press_card": "false"}).content.decode()
        assert "Zieliński" in page and "Nowak" not in page

    def test_export_includes_custom_values(self, client, coordinator, fields):
        journalist("Anna", "Nowak", "anna@radio.pl", extra={"size": "S", "fee": 12.5, "press_card": True})
        response = client.get(reverse("crm_journalist:index"), {"export": "csv"})
        (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
        assert (row["size"], row["fee"], row["press_card"], row["since"]) == ("S", "12.5", "True", "")

    def test_outlet_list_shows_its_custom_field(self, client, coordinator, fields):
        outlet("Gazeta Wierzbińska", extra={"circulation": "12 000"})
        page = client.get(reverse("crm_outlet:index")).content.decode()
        assert "Circulation" in page and "12 000" in page
