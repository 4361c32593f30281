"""Outlets and journalists in the admin: bad input on the form, the lists, export, and who may use them."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from cms.plugin_api.migrations import COORDINATORS, EDITORS, SUBJECT_EXPERTS
from plugins.crm import audit
from plugins.crm.models import Journalist, JournalistEmail, JournalistPhone, Outlet, OutletEmail
from tests.crm_contact_helpers import journalist, journalist_form, outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_user):
    user = make_user("koordynator", groups=[COORDINATORS])
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def add(client, **data):
    return client.post(reverse("crm_journalist:add"), journalist_form(**data))


def errors_of(response):
    form = response.context["form"]
    return {
        "form": form.errors,
        **{name: [f.errors for f in formset.forms] for name, formset in form.formsets.items()},
    }


class TestBadInput:
    def test_a_valid_journalist_is_saved_with_the_phone_in_international_form(self, client, coordinator):
        response = add(client, emails=[("anna@gazeta.pl", True)], phones=["601 234 567"])
        assert response.status_code == 302
        anna = Journalist.objects.get(last_name="Nowak")
        assert anna.primary_email == "anna@gazeta.pl"
        assert JournalistPhone.objects.get(journalist=anna).number == "+48 601 234 567"

    def test_an_invalid_email_and_phone_are_refused_on_their_fields(self, client, coordinator):
        response = add(client, emails=[("anna@", True)], phones=["12"])
        assert response.status_code == 200
        errors = errors_of(response)
        assert errors["emails"][0]["email"] == ["Enter a valid email address."]
        assert "“12” is not a valid phone number" in errors["phones"][0]["number"][0]
        assert not Journalist.objects.exists()

    def test_an_email_of_another_journalist_names_who_has_it(self, client, coordinator):
        other = journalist("Piotr", "Zieliński", "redakcja@radio.pl")
        response = add(client, emails=[("Redakcja@Radio.pl", True)])
        assert response.status_code == 200
        message = errors_of(response)["emails"][0]["email"][0]
        assert "Piotr Zieliński" in message
        assert reverse("crm_journalist:edit", args=[other.pk]) in message
        assert Journalist.objects.count() == 1

    def test_two_primaries_or_none_are_refused(self, client, coordinator):
        response = add(client, emails=[("a@gazeta.pl", True), ("b@gazeta.pl", True)])
        assert errors_of(response)["emails"][1]["primary"] == [
            "Only one e-mail can be primary; untick the others."
        ]
        response = add(client, emails=[("a@gazeta.pl", False), ("b@gazeta.pl", False)])
        assert errors_of(response)["emails"][0]["primary"] == ["Mark one of the e-mails as primary."]
        assert not Journalist.objects.exists()

    def test_moving_the_primary_mark_between_stored_emails_saves(self, client, coordinator):
        anna = journalist("Anna", "Nowak", "a@gazeta.pl", "b@gazeta.pl")
        first, second = anna.emails.order_by("sort_order")
        data = journalist_form(emails=[("a@gazeta.pl", False), ("b@gazeta.pl", True)])
        data.update({"emails-INITIAL_FORMS": "2", "emails-0-id": first.pk, "emails-1-id": second.pk})
        response = client.post(reverse("crm_journalist:edit", args=[anna.pk]), data)
        assert response.status_code == 302
        assert JournalistEmail.objects.get(primary=True).email == "b@gazeta.pl"


class TestLists:
    def test_journalist_list_shows_email_outlets_and_filters_by_outlet(self, client, coordinator):
        radio = outlet("Radio Wierzbin", kind="radio")
        journalist("Anna", "Nowak", "anna@radio.pl", outlet=radio)
        journalist("Piotr", "Zieliński", "piotr@gazeta.pl")
        page = client.get(reverse("crm_journalist:index")).content.decode()
        assert "anna@radio.pl" in page and "Radio Wierzbin" in page and "Zieliński" in page
        filtered = client.get(reverse("crm_journalist:index"), {"outlet": radio.pk}).content.decode()
        assert "Nowak" in filtered and "Zieliński" not in filtered

    def test_search_by_name_or_email(self, client, coordinator):
        journalist("Anna", "Nowak", "anna@radio.pl")
        journalist("Piotr", "Zieliński", "piotr@gazeta.pl")
        found = client.get(reverse("crm_journalist:index"), {"q": "gazeta"}).content.decode()
        assert "Zieliński" in found and "Nowak" not in found

    def test_the_list_does_not_query_per_row(self, client, coordinator, django_assert_max_num_queries):
        radio = outlet("Radio Wierzbin")
        for number in range(5):
            journalist("Anna", f"Nowak{number}", f"a{number}@radio.pl", outlet=radio)
        with django_assert_max_num_queries(40) as few:
            client.get(reverse("crm_journalist:index"))
        for number in range(5, 30):
            journalist("Anna", f"Nowak{number}", f"a{number}@radio.pl", outlet=radio)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(reverse("crm_journalist:index"))

    def test_outlet_list_filters_by_kind(self, client, coordinator):
        outlet("Radio Wierzbin", kind="radio")
        outlet("Gazeta Wierzbińska", kind="daily")
        page = client.get(reverse("crm_outlet:index"), {"kind": "radio"}).content.decode()
        assert "Radio Wierzbin" in page and "Gazeta Wierzbińska" not in page


class TestExport:
    def test_csv_export_of_the_filtered_list_is_logged(self, client, coordinator):
        radio = outlet("Radio Wierzbin")
        journalist("Anna", "Nowak", "anna@radio.pl", outlet=radio)
        journalist("Piotr", "Zieliński", "piotr@gazeta.pl")
        response = client.get(reverse("crm_journalist:index"), {"outlet": radio.pk, "export": "csv"})
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert [(row["First name"], row["E-mail"], row["Outlets"]) for row in rows] == [
            ("Anna", "anna@radio.pl", "Radio Wierzbin (reporter)")
        ]
        entry = ModelLogEntry.objects.get(action=audit.EXPORT)
        assert entry.user == coordinator and entry.data["rows"] == 1 and entry.data["format"] == "csv"

    def test_xlsx_export_of_outlets(self, client, coordinator):
        outlet("Radio Wierzbin", kind="radio", reach="regional")
        response = client.get(reverse("crm_outlet:index"), {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.values)
        assert rows[0][:3] == ("Name", "Kind", "Reach")
        assert rows[1][:3] == ("Radio Wierzbin", "radio", "regional")

    def test_an_editor_cannot_export(self, client, make_user):
        client.force_login(make_user("redaktor", groups=[EDITORS]))
        journalist("Anna", "Nowak", "anna@radio.pl")
        assert client.get(reverse("crm_journalist:index")).status_code == 200
        response = client.get(reverse("crm_journalist:index"), {"export": "csv"})
        assert response.status_code in (302, 403)
        assert not ModelLogEntry.objects.filter(action=audit.EXPORT).exists()
        assert "export=xlsx" not in client.get(reverse("crm_journalist:index")).content.decode()


class TestPermissions:
    def test_a_subject_expert_is_refused_everywhere(self, client, make_user):
        client.force_login(make_user("ekspert", groups=[SUBJECT_EXPERTS]))
        anna = journalist("Anna", "Nowak", "anna@radio.pl")
        radio = outlet("Radio Wierzbin")
        urls = [
            reverse("crm_journalist:index"),
            reverse("crm_journalist:index") + "?export=csv",
            reverse("crm_journalist:add"),
            reverse("crm_journalist:edit", args=[anna.pk]),
            reverse("crm_journalist:delete", args=[anna.pk]),
            reverse("crm_journalist_merge", args=[anna.pk]),
            reverse("crm_outlet:index"),
            reverse("crm_outlet:edit", args=[radio.pk]),
            reverse("crm_outlet_chooser:choose"),
            reverse("crm_outlet_chooser:chosen", args=[radio.pk]),
            "/admin/crm/customfield/",
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"Nowak" not in response.content and b"Radio Wierzbin" not in response.content, url


class TestOutletForm:
    def test_an_outlet_is_added_with_its_rows_and_a_bad_phone_is_refused(self, client, coordinator):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data

        assert client.get(reverse("crm_outlet:add")).status_code == 200
        data = {
            "name": "Radio Wierzbin", "kind": "radio", "reach": "local", "website": "", "tags": "radio",
            "notes": "", "active": "on",
            "addresses": inline_formset([{"street": "Rynek 1", "postal_code": "", "city": "Wierzbin"}]),
            "phones": inline_formset([{"label": "", "number": "abc"}]),
            "emails": inline_formset([{"label": "", "email": "redakcja@radio.pl"}]),
            "social_profiles": inline_formset([]),
        }  # fmt: skip
        response = client.post(reverse("crm_outlet:add"), nested_form_data(data))
        assert (
            "“abc” is not a phone number."
            in response.context["form"].formsets["phones"].forms[0].errors["number"]
        )
        data["phones"] = inline_formset([{"label": "", "number": "12 345 67 89"}])
        assert client.post(reverse("crm_outlet:add"), nested_form_data(data)).status_code == 302
        radio = Outlet.objects.get()
        assert [phone.number for phone in radio.phones.all()] == ["+48 12 345 67 89"]
        assert str(radio.addresses.get()) == "Rynek 1, Wierzbin"
        assert client.get(reverse("crm_outlet:edit", args=[radio.pk])).status_code == 200

    def test_a_journalist_with_an_employment_opens_for_editing(self, client, coordinator):
        anna = journalist("Anna", "Nowak", "anna@radio.pl", outlet=outlet("Radio Wierzbin"))
        page = client.get(reverse("crm_journalist:edit", args=[anna.pk])).content.decode()
        assert "Radio Wierzbin" in page
        assert reverse("crm_timeline_journalist", args=[anna.pk]) in page
        assert reverse("crm_journalist_merge", args=[anna.pk]) in page


class TestChoosers:
    """Tasks, filters and jobs pick outlets and journalists in a searchable chooser, never a drop-down."""

    def test_the_journalist_chooser_searches_names_and_e_mails_and_hides_erased_and_merged(
        self, client, coordinator
    ):
        radio = outlet("Radio Wierzbin")
        anna = journalist("Anna", "Nowak", "anna@radio.pl", outlet=radio)
        journalist("Anna", "Kowal", "a.kowal@gazeta.pl")
        journalist("Anna", "Nowak", "stara@radio.pl", erased_at="2026-01-01T00:00Z")
        journalist("Anna", "Nowak", "kopia@radio.pl", merged_into=anna)
        results = reverse("crm_journalist_chooser:choose_results")

        html = client.get(results, {"q": "nowak"}).content.decode()
        assert "anna@radio.pl" in html and "Radio Wierzbin" in html
        assert "a.kowal@gazeta.pl" not in html
        assert "stara@radio.pl" not in html and "kopia@radio.pl" not in html
        assert "a.kowal@gazeta.pl" in client.get(results, {"q": "GAZETA"}).content.decode()

        chosen = client.get(reverse("crm_journalist_chooser:chosen", args=[anna.pk])).json()
        assert chosen["result"]["title"] == "Anna Nowak"

    def test_the_outlet_chooser_searches_names_and_e_mails(self, client, coordinator):
        radio = outlet("Radio Wierzbin")
        OutletEmail.objects.create(outlet=radio, email="redakcja@radiowierzbin.pl")
        outlet("Gazeta Lipnicka")
        results = reverse("crm_outlet_chooser:choose_results")
        assert "Radio Wierzbin" in client.get(results, {"q": "wierzbin"}).content.decode()
        html = client.get(results, {"q": "radiowierzbin.pl"}).content.decode()
        assert "Radio Wierzbin" in html and "Gazeta Lipnicka" not in html

    def test_the_task_form_uses_the_choosers(self, client, coordinator):
        html = client.get(reverse("crm_task:add")).content.decode()
        assert reverse("crm_journalist_chooser:choose") in html
        assert reverse("crm_outlet_chooser:choose") in html

    def test_a_subject_expert_cannot_open_the_journalist_chooser(self, client, make_user):
        anna = journalist("Anna", "Nowak", "anna@radio.pl")
        client.force_login(make_user("ekspert", groups=[SUBJECT_EXPERTS]))
        for url in (
            reverse("crm_journalist_chooser:choose"),
            reverse("crm_journalist_chooser:choose_results"),
            reverse("crm_journalist_chooser:chosen", args=[anna.pk]),
        ):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"Nowak" not in response.content, url
