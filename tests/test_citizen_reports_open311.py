"""The Open311 GeoReport v2 API in JSON and XML, its API keys from the command line and in the admin."""

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from cms.plugin_api import migrations as roles
from plugins.citizen_reports import handling, intake
from plugins.citizen_reports.models import (
    CategoryQuestion,
    Open311Key,
    Report,
    ReportState,
    ReportUpdate,
    Source,
)
from plugins.citizen_reports.open311 import keys
from tests.report_helpers import INSIDE, OUTSIDE, submit

pytestmark = pytest.mark.django_db

V2 = "/open311/v2"
FORMATS = ("json", "xml")
#: The spec's XML: each list element and the element of its items.
XML_LISTS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
REPORTER = {
    "first_name": "Grzegorz",
    "last_name": "Brzęczyszczykiewicz",
    "email": "g.brzeczyszczykiewicz@example.pl",
    "phone": "+48 601 234 567",
}


def _plain(value):
    """JSON values as XML carries them: text, "" for null, true/false."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _from_xml(node):
    if node.tag in XML_LISTS:
        assert {child.tag for child in node} <= {XML_LISTS[node.tag]}, node.tag
        return [_from_xml(child) for child in node]
    if len(node):
        return {child.tag: _from_xml(child) for child in node}
    return node.text or ""


def xml_root(response):
    return ET.fromstring(response.content)  # noqa: S314 - the API's own answer


def parsed(response, fmt):
    """(XML root element or None, the body with every value as text): one shape for both formats."""
    if fmt == "xml":
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        root = xml_root(response)
        return root.tag, _from_xml(root)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return None, _plain(json.loads(response.content))


def call(method, path, fmt, data=None, client=None):
    client = client or Client()
    response = getattr(client, method)(f"{V2}/{path}.{fmt}", data or {})
    root, body = parsed(response, fmt)
    return response, root, body


def error_list(response, fmt, status):
    root, body = parsed(response, fmt)
    assert response.status_code == status
    assert root in (None, "errors")
    assert body and all(error["code"] == str(status) and error["description"] for error in body)
    return " ".join(error["description"] for error in body)


def ids(body):
    return [item["service_request_id"] for item in body]


@pytest.fixture
def api_key(city):
    record, key = keys.create("Aplikacja Mój Wierzbin")
    return key


def post_data(key, **fields):
    data = {
        "api_key": key,
        "service_code": "oswietlenie",
        "description": "Latarnia przy przystanku Rynek miga od tygodnia.",
        "lat": INSIDE[0],
        "long": INSIDE[1],
        "address_string": "Rynek 3, Wierzbin",
        "media_url": "https://moj.wierzbin.pl/zdjecia/latarnia.jpg",
        "device_id": "ABC-123",
        "account_id": "42",
        **REPORTER,
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


# --- discovery and services ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_names_the_v2_endpoint_and_its_formats(fmt, city):
    response, root, body = call("get", "discovery", fmt)
    assert response.status_code == 200 and root in (None, "discovery")
    assert W3C.match(body["changeset"]) and "zgloszenia@um.wierzbin.pl" in body["contact"]
    assert body["key_service"]
    [endpoint] = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2" and endpoint["type"] == "production"
    assert endpoint["formats"] == ["application/json", "application/xml"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_are_the_active_categories(fmt, city):
    city.other.active = False
    city.other.save()
    city.lamp.description = "Latarnie uliczne i oświetlenie przejść."
    city.lamp.keywords = "latarnia, oświetlenie"
    city.lamp.save()
    response, root, body = call("get", "services", fmt)
    assert response.status_code == 200 and root in (None, "services")
    services = {service["service_code"]: service for service in body}
    assert set(services) == {"oswietlenie", "drzewa"}
    assert services["oswietlenie"] == {
        "service_code": "oswietlenie",
        "service_name": "Niedziałająca latarnia",
        "description": "Latarnie uliczne i oświetlenie przejść.",
        "metadata": "false",
        "type": "realtime",
        "keywords": "latarnia, oświetlenie",
        "group": "Drogi i oświetlenie",
    }
    assert services["drzewa"]["metadata"] == "true"


def test_json_keeps_the_spec_types(city, api_key):
    services = Client().get(f"{V2}/services.json").json()
    assert {s["service_code"]: s["metadata"] for s in services} == {
        "oswietlenie": False,
        "drzewa": True,
        "inne": False,
    }
    [created] = Client().post(f"{V2}/requests.json", post_data(api_key)).json()
    assert created["account_id"] is None
    [item] = Client().get(f"{V2}/requests/{created['service_request_id']}.json").json()
    assert item["lat"] == 52.11 and item["long"] == 21.01


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_definition_lists_the_category_questions_as_attributes(fmt, city):
    city.tree_blocking.description = "Np. chodnik, ścieżka rowerowa."
    city.tree_blocking.save()
    response, root, body = call("get", "services/drzewa", fmt)
    assert response.status_code == 200 and root in (None, "service_definition")
    assert body["service_code"] == "drzewa"
    size, blocking = body["attributes"]
    assert size == {
        "variable": "true",
        "code": "size",
        "datatype": "singlevaluelist",
        "required": "true",
        "datatype_description": "",
        "order": "1",
        "description": "Jak duże jest drzewo?",
        "values": [{"key": "small", "name": "Małe"}, {"key": "big", "name": "Duże"}],
    }
    assert (blocking["code"], blocking["datatype"], blocking["required"]) == ("blocking", "string", "false")
    assert blocking["order"] == "2" and blocking["datatype_description"] == "Np. chodnik, ścieżka rowerowa."
    assert blocking["values"] in ([], "")

    _, _, lamp = call("get", "services/oswietlenie", fmt)
    assert lamp["service_code"] == "oswietlenie" and lamp["attributes"] in ([], "")


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_or_inactive_service_code_is_404(fmt, city):
    response = Client().get(f"{V2}/services/nie-ma-takiej.{fmt}")
    assert "nie-ma-takiej" in error_list(response, fmt, 404)
    city.tree.active = False
    city.tree.save()
    error_list(Client().get(f"{V2}/services/drzewa.{fmt}"), fmt, 404)


# --- POST requests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_posting_creates_a_report_routed_like_the_form(fmt, city, api_key, jobs_now):
    with jobs_now():
        response, root, body = call("post", "requests", fmt, post_data(api_key))
    assert response.status_code == 201 and root in (None, "service_requests")
    report = Report.objects.get()
    assert body == [
        {
            "service_request_id": report.number,
            "token": report.open311_token,
            "service_notice": body[0]["service_notice"],
            "account_id": "",
        }
    ]
    assert timezone.localdate(report.due_at).isoformat() in body[0]["service_notice"]
    # Routed by the same rules as the form: a lamp in the old town goes to MPO.
    assert (report.unit, report.area, report.state) == (city.mpo, city.old_town, ReportState.ASSIGNED)
    key = Open311Key.objects.get()
    assert (report.source, report.api_key, report.consent_at) == (Source.OPEN311, key, None)
    assert report.media_url == "https://moj.wierzbin.pl/zdjecia/latarnia.jpg"
    assert (report.email, report.first_name, report.phone) == (
        REPORTER["email"],
        REPORTER["first_name"],
        REPORTER["phone"],
    )
    assert key.last_used_at is not None
    # The reporter who gave an e-mail gets the acknowledgement like a form's reporter.
    assert [m.to for m in mail.outbox] == [[REPORTER["email"]]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_posted_attributes_single_and_multiple(fmt, city, api_key):
    CategoryQuestion.objects.create(
        category=city.tree,
        code="hazards",
        question="Co zagraża?",
        datatype="multivaluelist",
        values=[{"key": "cars", "name": "Samochody"}, {"key": "people", "name": "Piesi"}],
    )
    data = post_data(api_key, service_code="drzewa", lat=OUTSIDE[0], long=OUTSIDE[1], media_url=None)
    data.update(
        {
            "attribute[size]": "big",
            "attribute[blocking]": "chodnik",
            "attribute[hazards][]": ["cars", "people"],
        }
    )
    response, _, body = call("post", "requests", fmt, data)
    assert response.status_code == 201
    report = Report.objects.get(number=body[0]["service_request_id"])
    assert report.attributes == {"size": "big", "blocking": "chodnik", "hazards": ["cars", "people"]}
    assert report.unit == city.zzm and report.media_url == ""


POST_ERRORS = {
    "no key": ({"api_key": None}, 403, "api_key"),
    "unknown key": ({"api_key": "o311_zmyslony-klucz"}, 403, "api_key"),
    "unknown service_code": ({"service_code": "kosmici"}, 400, "service_code"),
    "no service_code": ({"service_code": None}, 400, "service_code"),
    "no description": ({"description": "   "}, 400, "description"),
    "no location": ({"lat": None, "long": None, "address_string": None}, 400, "address_string"),
    "bad lat": ({"lat": "pięćdziesiąt dwa"}, 400, "lat"),
    "lat out of range": ({"lat": "152.1"}, 400, "lat"),
    "lat without long": ({"long": None}, 400, "lat"),
    "bad e-mail": ({"email": "jan@"}, 400, "email"),
    "bad media_url": ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    "bad attribute value": (
        {"service_code": "drzewa", "attribute[size]": "olbrzymie"},
        400,
        "attribute[size]",
    ),
    "missing required attribute": ({"service_code": "drzewa"}, 400, "attribute[size]"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", POST_ERRORS, ids=list(POST_ERRORS))
def test_a_refused_post_says_why_in_the_error_list_and_stores_nothing(fmt, case, city, api_key):
    fields, status, parameter = POST_ERRORS[case]
    response = Client().post(f"{V2}/requests.{fmt}", post_data(api_key, **fields))
    assert error_list(response, fmt, status).startswith(parameter)
    assert not Report.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_revoked_key_is_refused(fmt, city, api_key):
    keys.revoke(keys.find(api_key))
    response = Client().post(f"{V2}/requests.{fmt}", post_data(api_key))
    assert "api_key" in error_list(response, fmt, 403)
    assert not Report.objects.exists()


def test_several_problems_come_as_several_errors(city, api_key):
    response = Client().post(f"{V2}/requests.xml", post_data(api_key, description="", lat="x"))
    root = xml_root(response)
    assert root.tag == "errors" and response.status_code == 400
    assert sorted(error.findtext("description").split(":")[0] for error in root) == [
        "description",
        "lat, long",
    ]
    assert {error.findtext("code") for error in root} == {"400"}


def test_posting_needs_no_csrf_token(city, api_key):
    response = Client(enforce_csrf_checks=True).post(f"{V2}/requests.json", post_data(api_key))
    assert response.status_code == 201


# --- GET requests -------------------------------------------------------------------------------------


@pytest.fixture
def history(city):
    """A lamp 10 days ago (open), a tree 100 days ago (open), another problem 5 days ago (rejected)."""
    now = timezone.now()
    lamp = intake.submit(
        intake.Submission(
            category=city.lamp, description="Latarnia nie świeci.", address="ul. Lipowa 1", consent=True
        ),
        received_at=now - timedelta(days=10),
    )
    tree = intake.submit(
        intake.Submission(
            category=city.tree,
            description="Złamany konar.",
            address="Park Miejski",
            attributes={"size": "big"},
            consent=True,
        ),
        received_at=now - timedelta(days=100),
    )
    other = intake.submit(
        intake.Submission(
            category=city.other, description="Hałas w nocy.", address="ul. Krótka 2", consent=True
        ),
        received_at=now - timedelta(days=5),
    )
    handling.reject(other, city.dispatcher, "To nie jest sprawa miasta; prosimy o kontakt z policją.")
    return lamp, tree, other


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_of_the_last_90_days_newest_first(fmt, history):
    lamp, tree, other = history
    response, root, body = call("get", "requests", fmt)
    assert response.status_code == 200 and root in (None, "service_requests")
    assert ids(body) == [other.number, lamp.number]


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_filters(fmt, history):
    lamp, tree, other = history
    now = timezone.now()

    def listed(**params):
        response, _, body = call("get", "requests", fmt, params)
        assert response.status_code == 200, body
        return ids(body)

    assert listed(service_code="oswietlenie") == [lamp.number]
    assert listed(service_code="oswietlenie, inne") == [other.number, lamp.number]
    assert listed(status="open") == [lamp.number]
    assert listed(status="closed") == [other.number]
    assert listed(status="open,closed") == [other.number, lamp.number]
    assert listed(status="closed", service_code="oswietlenie") == []
    day = timedelta(days=1)
    assert listed(start_date=(now - 120 * day).isoformat(), end_date=(now - 80 * day).isoformat()) == [
        tree.number
    ]
    # One end given: 90 days from it.
    assert listed(start_date=(now - 120 * day).isoformat()) == [tree.number]
    assert listed(end_date=(now - 8 * day).isoformat()) == [lamp.number]
    # Dates alone, and an offset whose "+" arrived as a space.
    assert listed(start_date=timezone.localdate() - 7 * day) == [other.number]
    spaced = timezone.localtime(now - 7 * day).strftime("%Y-%m-%dT%H:%M:%S") + " 01:00"
    assert other.number in listed(start_date=spaced)
    # service_request_id overrides every other filter (the tree is older than 90 days).
    numbers = f"{tree.number},{other.number.replace('/', '-').lower()}"
    assert listed(service_request_id=numbers, status="open") == [other.number, tree.number]


BAD_FILTERS = {
    "status": ({"status": "pending"}, "status"),
    "date": ({"start_date": "wczoraj"}, "start_date"),
    "end before start": ({"start_date": "2026-06-01", "end_date": "2026-05-01"}, "end_date"),
    "over 90 days": (
        {"start_date": "2026-01-01T00:00:00+01:00", "end_date": "2026-06-01T00:00:00+02:00"},
        "start_date",
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", BAD_FILTERS, ids=list(BAD_FILTERS))
def test_bad_filters_are_400(fmt, case, history):
    params, parameter = BAD_FILTERS[case]
    response = Client().get(f"{V2}/requests.{fmt}", params)
    assert error_list(response, fmt, 400).startswith(parameter)


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_request_by_its_number_in_any_spelling(fmt, history):
    lamp, tree, other = history
    year, serial = lamp.number.split("/")[1:]
    for spelling in (lamp.number, f"ZI%2F{year}%2F{serial}", f"zi-{year}-{serial}"):
        response, root, body = call("get", f"requests/{spelling}", fmt)
        assert response.status_code == 200 and root in (None, "service_requests"), spelling
        assert ids(body) == [lamp.number]
    # The window of listings does not apply to one request.
    assert ids(call("get", f"requests/{tree.number}", fmt)[2]) == [tree.number]
    error_list(Client().get(f"{V2}/requests/ZI/1999/000001.{fmt}"), fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_token_gives_the_request_id(fmt, history):
    lamp = history[0]
    response, root, body = call("get", f"tokens/{lamp.open311_token}", fmt)
    assert response.status_code == 200 and root in (None, "service_requests")
    assert body == [{"service_request_id": lamp.number, "token": lamp.open311_token}]
    error_list(Client().get(f"{V2}/tokens/nieznany-token.{fmt}"), fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_what_a_request_says_as_it_is_handled(fmt, city, api_key):
    created = Client().post(f"{V2}/requests.json", post_data(api_key, lat=OUTSIDE[0], long=OUTSIDE[1])).json()
    report = Report.objects.get(number=created[0]["service_request_id"])

    def item():
        [one] = call("get", f"requests/{report.number}", fmt)[2]
        return one

    first = item()
    assert first["status"] == "open" and first["status_notes"] == ""
    assert first["agency_responsible"] == "Zarząd Dróg Miejskich"
    assert first["service_code"] == "oswietlenie" and first["service_name"] == "Niedziałająca latarnia"
    assert first["description"] == "Latarnia przy przystanku Rynek miga od tygodnia."
    assert (first["address"], first["lat"], first["long"]) == ("Rynek 3, Wierzbin", "52.2", "21.1")
    assert first["media_url"] == "https://moj.wierzbin.pl/zdjecia/latarnia.jpg"
    assert (first["address_id"], first["zipcode"]) == ("", "")
    assert first["requested_datetime"] == timezone.localtime(report.received_at).isoformat(timespec="seconds")
    assert first["expected_datetime"] == timezone.localtime(report.due_at).isoformat(timespec="seconds")
    assert all(
        W3C.match(first[name]) for name in ("requested_datetime", "updated_datetime", "expected_datetime")
    )

    # Received yesterday; a public update three hours later changes the request, an internal note
    # an hour after that does not.
    yesterday = timezone.now() - timedelta(days=1)
    later = yesterday + timedelta(hours=3)
    public = handling.add_public_update(report, city.zdm_rep, "Ekipa pojedzie na miejsce w czwartek.")
    note = handling.add_note(report, city.zdm_rep, "Wewnętrznie: sprawdzić, czy to nie awaria kabla.")
    Report.objects.filter(pk=report.pk).update(received_at=yesterday, updated_at=yesterday)
    report.updates.update(created_at=yesterday)
    ReportUpdate.objects.filter(pk=public.pk).update(created_at=later)
    ReportUpdate.objects.filter(pk=note.pk).update(created_at=later + timedelta(hours=1))
    second = item()
    assert second["status"] == "open" and second["status_notes"] == "Ekipa pojedzie na miejsce w czwartek."
    assert second["updated_datetime"] == timezone.localtime(later).isoformat(timespec="seconds")

    handling.resolve(report, city.zdm_rep, "Wymieniono oprawę lampy.")
    done = item()
    assert done["status"] == "closed" and done["status_notes"] == "Wymieniono oprawę lampy."
    assert done["service_notice"] == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unrouted_report_has_no_agency(fmt, city):
    report = submit(city.other)
    [item] = call("get", f"requests/{report.number}", fmt)[2]
    assert item["agency_responsible"] == "" and item["status"] == "open" and item["media_url"] == ""
    assert item["lat"] == "" and item["long"] == ""


STATES = {
    "received": (lambda c, r: None, "open"),
    "verified": (lambda c, r: handling.verify(r, c.dispatcher), "open"),
    "assigned": (lambda c, r: handling.route(r, c.zdm, c.dispatcher), "open"),
    "in progress": (
        lambda c, r: (handling.route(r, c.zdm, c.dispatcher), handling.take(r, c.zdm_rep)),
        "open",
    ),
    "rejected": (lambda c, r: handling.reject(r, c.dispatcher, "Nie dotyczy miasta."), "closed"),
    "duplicate": (lambda c, r: handling.merge(r, submit(c.other), c.dispatcher), "closed"),
    "resolved": (
        lambda c, r: (handling.route(r, c.zdm, c.dispatcher), handling.resolve(r, c.zdm_rep, "Naprawione.")),
        "closed",
    ),
}


@pytest.mark.parametrize("state", STATES, ids=list(STATES))
def test_open_and_closed(state, city):
    report = submit(city.other)
    step, status = STATES[state]
    step(city, report)
    report.refresh_from_db()
    assert report.state == state.replace(" ", "_")
    [item] = Client().get(f"{V2}/requests/{report.number}.json").json()
    assert item["status"] == status
    listed = Client().get(f"{V2}/requests.json", {"status": status}).json()
    assert report.number in ids(listed)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data_internal_note_or_status_link_is_ever_returned(fmt, city, api_key):
    handled = submit(city.lamp, **REPORTER)
    handling.add_note(handled, city.zdm_rep, "Notatka: zgłaszający dzwonił dwa razy.")
    handling.citizen_adds(handled, "Proszę o telefon: +48 601 234 567.")
    response, _, body = call("post", "requests", fmt, post_data(api_key))
    posted = Report.objects.get(number=body[0]["service_request_id"])
    bodies = [response.content]
    for path in (
        "requests",
        f"requests/{handled.number}",
        f"requests/{posted.number}",
        f"tokens/{posted.open311_token}",
        "services",
        "services/oswietlenie",
        "discovery",
    ):
        bodies.append(Client().get(f"{V2}/{path}.{fmt}").content)
    text = b"\n".join(bodies).decode()
    assert handled.number in text and posted.number in text
    secrets = [*REPORTER.values(), "Brz", "601 234", "Notatka", handled.status_token, posted.status_token]
    assert [secret for secret in secrets if secret in text] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_xml_and_json_carry_any_text_safely(fmt, city):
    description = 'Tabliczka "<b>Uwaga</b> & ostrożnie" przy ul. Żółkiewskiego\x0b leży na ziemi.'
    report = submit(city.other, description=description)
    [item] = call("get", f"requests/{report.number}", fmt)[2]
    expected = description if fmt == "json" else description.replace("\x0b", "")
    assert item["description"] == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_wrong_methods_are_405_with_the_allowed_ones(fmt, city):
    response = Client().post(f"{V2}/services.{fmt}")
    error_list(response, fmt, 405)
    assert response["Allow"] == "GET"
    response = Client().delete(f"{V2}/requests.{fmt}")
    error_list(response, fmt, 405)
    assert response["Allow"] == "GET, POST"


def test_an_unknown_format_or_path_is_404_as_an_error_list(city):
    response = Client().get(f"{V2}/services.csv")
    assert "csv" in error_list(response, "json", 404)
    error_list(Client().get(f"{V2}/nieznane.xml"), "xml", 404)
    error_list(Client().get(f"{V2}/requests/ZI/2026/000001"), "json", 404)


def test_queries_do_not_grow_with_the_listing(city, django_assert_max_num_queries):
    for number in range(30):
        report = submit(city.lamp if number % 2 else city.tree, attributes={"size": "small"})
        handling.add_public_update(report, city.dispatcher, f"Aktualizacja {number}.")
    with django_assert_max_num_queries(1):
        assert len(Client().get(f"{V2}/requests.xml").content) > 0
    with django_assert_max_num_queries(1):
        assert len(Client().get(f"{V2}/requests.json").json()) == 30
    with django_assert_max_num_queries(1):
        assert len(Client().get(f"{V2}/services.json").json()) == 3
    with django_assert_max_num_queries(2):
        assert len(Client().get(f"{V2}/services/drzewa.xml").content) > 0


# --- keys from the command line ---------------------------------------------------------------------


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("open311_keys", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_keys_from_the_command_line(city):
    out, err = command("create", "Aplikacja Mój Wierzbin")
    key = out.strip().splitlines()[-1]
    record = Open311Key.objects.authenticate(key)
    assert record.name == "Aplikacja Mój Wierzbin" and key.startswith(record.prefix)
    assert "Aplikacja Mój Wierzbin" in err and key not in err

    listing, _ = command("list")
    row = next(line for line in listing.splitlines() if "Mój Wierzbin" in line)
    assert row.startswith(str(record.pk)) and f"{record.prefix}…" in row and key not in listing
    assert row.endswith("active")

    command("revoke", record.prefix)
    record.refresh_from_db()
    assert record.revoked_at is not None and Open311Key.objects.authenticate(key) is None
    assert Client().post(f"{V2}/requests.json", post_data(key)).status_code == 403
    assert [e.action for e in ModelLogEntry.objects.for_instance(record).order_by("pk")] == [
        "wagtail.create",
        "citizen_reports.revoke_key",
    ]
    row = next(line for line in command("list")[0].splitlines() if "Mój Wierzbin" in line)
    assert "active" not in row and "revoked" in row


def test_the_command_says_clearly_what_is_wrong(city):
    record, key = keys.create("Zgłoszenia SMS")
    keys.create("Zgłoszenia SMS 2")
    with pytest.raises(CommandError, match="o311_nie-ma"):
        command("revoke", "o311_nie-ma")
    with pytest.raises(CommandError, match="o311_"):
        command("revoke", "o311_")  # both keys begin so
    with pytest.raises(CommandError):
        command("revoke", "9999")
    command("revoke", key)  # the whole key works too
    with pytest.raises(CommandError):
        command("revoke", str(record.pk))
    with pytest.raises(CommandError):
        command("create", "  ")


# --- keys in the admin ------------------------------------------------------------------------------


def admin(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", [roles.MODERATORS], is_staff=True)


def test_the_admin_shows_a_new_key_once_and_revokes_it(city, moderator):
    client = admin(moderator)
    index = reverse("citizen_reports_open311_key:index")
    assert client.get(index).status_code == 200
    response = client.post(reverse("citizen_reports_open311_key:add"), {"name": "Aplikacja Mój Wierzbin"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    key = re.search(r'value="(o311_[^"]+)"', response.content.decode()).group(1)
    record = Open311Key.objects.authenticate(key)
    assert record.name == "Aplikacja Mój Wierzbin" and record.created_by == moderator

    listing = client.get(index).content.decode()
    assert "Aplikacja Mój Wierzbin" in listing and f"{record.prefix}…" in listing and key not in listing
    edit = client.get(reverse("citizen_reports_open311_key:edit", args=[record.pk])).content.decode()
    assert key not in edit

    revoke = reverse("citizen_reports_open311_key:delete", args=[record.pk])
    assert revoke in listing
    assert client.get(revoke).status_code == 200
    assert client.post(revoke).status_code == 302
    record.refresh_from_db()
    assert record.revoked_at is not None and Open311Key.objects.authenticate(key) is None
    assert revoke not in client.get(index).content.decode()
    actions = [e.action for e in ModelLogEntry.objects.for_instance(record).order_by("pk")]
    assert actions == ["wagtail.create", "citizen_reports.revoke_key"]


def test_the_admin_refuses_an_empty_name(city, moderator):
    response = admin(moderator).post(reverse("citizen_reports_open311_key:add"), {"name": ""})
    assert response.status_code == 200 and not Open311Key.objects.exists()


def test_a_unit_representative_has_no_keys_screens(city):
    record, _ = keys.create("Aplikacja Mój Wierzbin")
    client = admin(city.zdm_rep)
    for url in (
        reverse("citizen_reports_open311_key:index"),
        reverse("citizen_reports_open311_key:add"),
        reverse("citizen_reports_open311_key:delete", args=[record.pk]),
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home")), url
    response = client.post(reverse("citizen_reports_open311_key:delete", args=[record.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    record.refresh_from_db()
    assert record.is_active
