"""/api/v1/outlets/ and /api/v1/journalists/: the press office reads and writes contacts, nobody else does."""

import datetime

import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from wagtail.models import ModelLogEntry

from cms.core.models import Topic
from cms.plugin_api import migrations as roles
from plugins.crm import audit
from plugins.crm.models import (
    CustomField,
    CustomFieldKind,
    CustomFieldTarget,
    Employment,
    Journalist,
    JournalistEmail,
    JournalistPhone,
    Outlet,
)

pytestmark = pytest.mark.django_db

JOURNALISTS = "/api/v1/journalists/"
OUTLETS = "/api/v1/outlets/"


@pytest.fixture
def topics():
    return {
        slug: Topic.objects.create(name=name, slug=slug)
        for slug, name in (("transport", "Transport"), ("edukacja", "Edukacja"))
    }


@pytest.fixture
def api(make_user):
    """A coordinator's client, authenticated with a token."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    token = Token.objects.create(user=make_user("kasia", groups=[roles.COORDINATORS]))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def journalist(first, last, email, *, outlet=None, role="", beats=(), tags=(), phones=(), ended_on=None):
    person = Journalist(
        first_name=first, last_name=last, data_source="wizytówka", review_at=datetime.date(2030, 1, 1)
    )
    person.emails = [JournalistEmail(email=email, primary=True)]
    person.phones = [JournalistPhone(number=number, label="") for number in phones]
    person.employments = [Employment(outlet=outlet, role=role, ended_on=ended_on)] if outlet else []
    person.beats = list(beats)
    person.tags.set(list(tags))
    person.save()
    return person


@pytest.fixture
def gazeta():
    return Outlet.objects.create(name="Gazeta Wierzbińska", kind="daily", reach="local")


def names(response):
    assert response.status_code == 200, response.content
    return [item["full_name"] for item in response.json()["results"]]


def test_the_list_shows_journalists_with_their_contacts(api, gazeta, topics):
    journalist(
        "Anna", "Nowak", "anna@gazeta.pl", outlet=gazeta, role="reporterka",
        beats=[topics["transport"]], tags=["ratusz"], phones=["+48 601 234 567"],
    )  # fmt: skip

    body = api.get(JOURNALISTS).json()

    assert body["count"] == 1
    anna = body["results"][0]
    assert anna["emails"] == [{"email": "anna@gazeta.pl", "primary": True}]
    assert anna["phones"] == [{"label": "", "number": "+48 601 234 567"}]
    assert anna["employments"] == [
        {
            "outlet": gazeta.pk,
            "outlet_name": "Gazeta Wierzbińska",
            "role": "reporterka",
            "started_on": None,
            "ended_on": None,
        }
    ]
    assert (anna["beats"], anna["tags"]) == (["transport"], ["ratusz"])
    assert api.get(f"{JOURNALISTS}{anna['id']}/").json()["full_name"] == "Anna Nowak"


def test_search_and_filters(api, gazeta, topics):
    radio = Outlet.objects.create(name="Radio Wierzbin", kind="radio", reach="regional")
    journalist("Anna", "Nowak", "anna@gazeta.pl", outlet=gazeta, beats=[topics["transport"]], tags=["Ratusz"])
    journalist("Jan", "Kowalski", "jan@radio.pl", outlet=radio, beats=[topics["edukacja"]])
    journalist("Ewa", "Nowicka", "ewa@poczta.pl", outlet=gazeta, ended_on=datetime.date(2024, 1, 1))

    assert names(api.get(JOURNALISTS, {"q": "now"})) == ["Anna Nowak", "Ewa Nowicka"]
    assert names(api.get(JOURNALISTS, {"q": "anna nowak"})) == ["Anna Nowak"]
    assert names(api.get(JOURNALISTS, {"q": "radio.pl"})) == ["Jan Kowalski"]
    assert names(api.get(JOURNALISTS, {"tag": "ratusz"})) == ["Anna Nowak"]
    assert names(api.get(JOURNALISTS, {"beat": "edukacja"})) == ["Jan Kowalski"]
    assert names(api.get(JOURNALISTS, {"outlet": gazeta.pk})) == ["Anna Nowak"]  # Ewa has left
    response = api.get(JOURNALISTS, {"outlet": "gazeta"})
    assert response.status_code == 400 and "outlet" in response.json()["error"]["details"]

    assert [o["name"] for o in api.get(OUTLETS, {"q": "wierzb"}).json()["results"]] == [
        "Gazeta Wierzbińska",
        "Radio Wierzbin",
    ]
    assert [o["name"] for o in api.get(OUTLETS, {"kind": "radio"}).json()["results"]] == ["Radio Wierzbin"]


def test_a_list_takes_the_same_number_of_queries_whatever_its_length(api, gazeta, topics):
    def add(count):
        for n in range(count):
            journalist(
                f"Imię{n}", f"Nazwisko{n}", f"osoba{n}-{Journalist.objects.count()}@gazeta.pl",
                outlet=gazeta, beats=list(topics.values()), tags=[f"tag{n}", "prasa"], phones=["601 234 567"],
            )  # fmt: skip

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(url).status_code == 200
        return len(captured)

    add(2)
    few = queries(JOURNALISTS), queries(OUTLETS)
    add(20)
    Outlet.objects.bulk_create(Outlet(name=f"Redakcja {n}") for n in range(20))
    assert (queries(JOURNALISTS), queries(OUTLETS)) == few


def test_creating_a_journalist_with_nested_contacts(api, gazeta, topics):
    response = api.post(
        JOURNALISTS,
        {
            "first_name": "Zofia",
            "last_name": "Wróbel",
            "data_source": "konferencja prasowa",
            "emails": [{"email": "zofia@gazeta.pl"}, {"email": "z.wrobel@poczta.pl"}],
            "phones": [{"label": "komórka", "number": "601234567"}],
            "employments": [{"outlet": gazeta.pk, "role": "redaktorka", "started_on": "2024-03-01"}],
            "beats": ["transport"],
            "tags": ["ratusz", "ratusz", "budżet"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    zofia = Journalist.objects.get(pk=response.json()["id"])
    assert zofia.primary_email == "zofia@gazeta.pl"
    assert [phone.number for phone in zofia.phones.all()] == ["+48 601 234 567"]
    assert [job.role for job in zofia.current_employments()] == ["redaktorka"]
    assert sorted(zofia.tags.names()) == ["budżet", "ratusz"]
    assert list(zofia.beats.values_list("slug", flat=True)) == ["transport"]
    assert zofia.created_by.username == "kasia" and zofia.review_at > datetime.date.today()
    entry = ModelLogEntry.objects.get(action="wagtail.create", object_id=str(zofia.pk))
    assert entry.user.username == "kasia"


def test_updating_replaces_the_lists_given_and_is_logged(api, gazeta, topics):
    anna = journalist("Anna", "Nowak", "anna@gazeta.pl", outlet=gazeta, tags=["ratusz"], phones=["601234567"])

    response = api.patch(
        f"{JOURNALISTS}{anna.pk}/",
        {"last_name": "Nowak-Lis", "tags": ["wywiady"], "beats": ["edukacja"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    anna.refresh_from_db()
    assert anna.last_name == "Nowak-Lis" and list(anna.tags.names()) == ["wywiady"]
    assert anna.phones.count() == 1 and anna.employments.count() == 1  # lists not given stay
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(anna.pk)).count() == 1

    data = response.json()
    data["emails"] = [{"email": "anna.nowak@lis.pl", "primary": True}]
    data["employments"] = []
    response = api.put(f"{JOURNALISTS}{anna.pk}/", data, format="json")
    assert response.status_code == 200, response.content
    assert list(anna.emails.values_list("email", flat=True)) == ["anna.nowak@lis.pl"]
    assert not anna.employments.exists()


def test_bad_input_gets_a_400_naming_the_field(api, gazeta):
    journalist("Anna", "Nowak", "anna@gazeta.pl")
    CustomField.objects.create(
        target=CustomFieldTarget.JOURNALIST, key="jezyk", label="Język", kind=CustomFieldKind.CHOICE,
        choices="polski\nangielski",
    )  # fmt: skip
    valid = {"first_name": "Jan", "last_name": "Lis", "data_source": "telefon"}

    def details(**fields):
        response = api.post(JOURNALISTS, {**valid, **fields}, format="json")
        assert response.status_code == 400, response.content
        return response.json()["error"]["details"]

    assert details(emails=[{"email": "ANNA@gazeta.pl"}]) == {
        "emails": [
            f"The e-mail anna@gazeta.pl already belongs to Anna Nowak (id {Journalist.objects.get().pk})."
        ]
    }
    assert "emails" in details(emails=[{"email": "jan@lis.pl"}, {"email": "Jan@lis.pl"}])
    assert "phones" in details(phones=[{"number": "123"}])
    assert details(extra={"jezyk": "niemiecki"}) == {
        "extra": {"jezyk": ["“niemiecki” is not one of the choices: polski, angielski."]}
    }
    assert "beats" in details(beats=["nie-ma-takiego"])
    assert "employments" in details(employments=[{"outlet": 999999}])
    assert Journalist.objects.count() == 1

    response = api.post(OUTLETS, {"name": "gazeta wierzbińska", "kind": "daily"}, format="json")
    assert response.status_code == 400 and "name" in response.json()["error"]["details"]


def test_outlets_are_created_and_updated_with_custom_fields(api):
    CustomField.objects.create(
        target=CustomFieldTarget.OUTLET, key="naklad", label="Nakład", kind=CustomFieldKind.NUMBER
    )
    response = api.post(
        OUTLETS,
        {
            "name": "Kurier Wierzbiński",
            "kind": "weekly",
            "reach": "regional",
            "extra": {"naklad": "12 500"},
            "emails": [{"label": "redakcja", "email": "redakcja@kurier.pl"}],
            "addresses": [{"street": "Rynek 1", "postal_code": "00-001", "city": "Wierzbin"}],
            "tags": ["prasa"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    kurier = Outlet.objects.get(name="Kurier Wierzbiński")
    assert kurier.extra == {"naklad": 12500} and kurier.addresses.get().city == "Wierzbin"

    response = api.patch(f"{OUTLETS}{kurier.pk}/", {"active": False}, format="json")
    assert response.status_code == 200
    kurier.refresh_from_db()
    assert not kurier.active and kurier.extra == {"naklad": 12500} and kurier.emails.count() == 1
    assert (
        ModelLogEntry.objects.filter(
            object_id=str(kurier.pk), action__in=["wagtail.create", "wagtail.edit"]
        ).count()
        == 2
    )


def test_there_is_no_delete(api, gazeta):
    assert api.delete(f"{OUTLETS}{gazeta.pk}/").status_code == 405
    assert Outlet.objects.filter(pk=gazeta.pk).exists()


def test_only_the_press_office_gets_in(make_user, gazeta):
    anna = journalist("Anna", "Nowak", "anna@gazeta.pl")
    client = APIClient()
    assert client.get(JOURNALISTS).status_code == 401
    assert client.get(f"{JOURNALISTS}{anna.pk}/vcard/").status_code == 401

    client.force_authenticate(make_user("sabina", groups=[roles.SUBJECT_EXPERTS]))
    for url in (JOURNALISTS, f"{JOURNALISTS}{anna.pk}/", f"{JOURNALISTS}{anna.pk}/vcard/", OUTLETS):
        assert client.get(url).status_code == 403, url
    assert client.post(OUTLETS, {"name": "Nowa", "kind": "tv"}, format="json").status_code == 403

    client.force_authenticate(make_user("edek", groups=[roles.EDITORS]))
    assert client.get(JOURNALISTS).status_code == 200
    assert client.post(OUTLETS, {"name": "Nowa", "kind": "tv"}, format="json").status_code == 201


def test_session_authentication_works_too(client, make_user):
    client.force_login(make_user("kasia", groups=[roles.COORDINATORS]))
    assert client.get(OUTLETS).status_code == 200


def test_vcard_parses_back_to_the_same_person(api, gazeta, topics):
    anna = journalist(
        "Anna", "Żak", "anna@gazeta.pl", outlet=gazeta, role="reporterka",
        beats=[topics["transport"], topics["edukacja"]], phones=["+48 601 234 567"],
    )  # fmt: skip
    JournalistEmail.objects.create(journalist=anna, email="anna.zak@poczta.pl")

    response = api.get(f"{JOURNALISTS}{anna.pk}/vcard/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    assert response["Content-Disposition"].startswith("attachment; filename")
    assert "Anna%20%C5%BBak.vcf" in response["Content-Disposition"]
    card = vobject.readOne(response.content.decode())
    assert card.version.value == "3.0"
    assert (card.n.value.given, card.n.value.family, card.fn.value) == ("Anna", "Żak", "Anna Żak")
    emails = {line.value: line.params["TYPE"] for line in card.email_list}
    assert emails == {"anna@gazeta.pl": ["INTERNET", "PREF"], "anna.zak@poczta.pl": ["INTERNET"]}
    assert [line.value for line in card.tel_list] == ["+48 601 234 567"]
    assert (card.org.value, card.title.value) == (["Gazeta Wierzbińska"], "reporterka")
    assert sorted(card.categories.value) == ["Edukacja", "Transport"]
    entry = ModelLogEntry.objects.get(action=audit.EXPORT, object_id=str(anna.pk))
    assert entry.user.username == "kasia" and entry.data == {"format": "vcard"}
