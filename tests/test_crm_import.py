"""import_contacts and Media › Import: CSV in, journalists and outlets out, bad rows listed and skipped."""

import io

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from cms.core.models import Topic
from cms.plugin_api import migrations as roles
from plugins.crm import audit
from plugins.crm.importer import one_year_ahead
from plugins.crm.models import (
    Employment,
    Journalist,
    JournalistEmail,
    LegalBasis,
    Outlet,
    OutletKind,
    OutletReach,
)

pytestmark = pytest.mark.django_db

HEADER = "outlet_name,outlet_kind,outlet_reach,first_name,last_name,email,phone,beats,tags"
GOOD = [
    "Gazeta Wierzbińska,daily,local,Anna,Nowak,anna@gazeta.pl,601 234 567,transport|Edukacja,ratusz|budżet",
    "Radio Wierzbin,Radio,REGIONAL,Jan,Kowalski,jan@radio.pl,,transport,",
]


@pytest.fixture(autouse=True)
def topics():
    return [
        Topic.objects.create(name="Transport", slug="transport"),
        Topic.objects.create(name="Edukacja", slug="edukacja"),
    ]


@pytest.fixture
def csv_file(tmp_path):
    def write(*rows, header=HEADER, name="kontakty.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes("\n".join([header, *rows]).encode(encoding) + b"\n")
        return str(path)

    return write


def run(path):
    """(stdout, stderr, failed) of import_contacts PATH, in English."""
    out, err = io.StringIO(), io.StringIO()
    failed = False
    with translation.override("en"):
        try:
            call_command("import_contacts", path, stdout=out, stderr=err)
        except CommandError as error:
            failed = True
            err.write(str(error))
    return out.getvalue(), err.getvalue(), failed


def test_good_rows_create_journalists_and_outlets(csv_file):
    out, err, failed = run(csv_file(*GOOD))

    assert not failed, err
    assert "created 2, updated 0, unchanged 0, errors 0" in out
    anna = Journalist.objects.get(emails__email="anna@gazeta.pl")
    assert (anna.first_name, anna.last_name) == ("Anna", "Nowak")
    assert [phone.number for phone in anna.phones.all()] == ["+48 601 234 567"]
    assert sorted(anna.beats.values_list("slug", flat=True)) == ["edukacja", "transport"]
    assert sorted(anna.tags.names()) == ["budżet", "ratusz"]
    assert anna.legal_basis == LegalBasis.LEGITIMATE_INTEREST
    assert anna.data_source == "import: kontakty.csv"
    assert anna.review_at == one_year_ahead(timezone.localdate())
    assert anna.emails.get().primary
    gazeta = Outlet.objects.get(name="Gazeta Wierzbińska")
    assert (gazeta.kind, gazeta.reach) == ("daily", "local")
    assert [job.outlet for job in anna.current_employments()] == [gazeta]
    radio = Outlet.objects.get(name="Radio Wierzbin")
    assert (radio.kind, radio.reach) == ("radio", "regional")


def test_bad_rows_are_reported_with_their_numbers_and_skipped(csv_file):
    path = csv_file(
        *GOOD,
        "Gazeta Wierzbińska,,,Ewa,Zielińska,ewa(at)gazeta.pl,,,",
        "TV Wierzbin,tv,national,Piotr,Lis,piotr@tv.pl,123,,",
        "Portal Wierzbin,newspaper,local,Ola,Mak,ola@portal.pl,,,",
        "Radio Wierzbin,radio,regional,Anna,Nowak,ANNA@gazeta.pl,,,",
        "Radio Wierzbin,radio,regional,Iga,Sowa,iga@radio.pl,,sport,",
        "Nowe Medium,,,Olek,Bąk,olek@medium.pl,,,",
    )

    out, err, failed = run(path)

    assert failed
    assert "created 2, updated 0, unchanged 0, errors 6" in out
    assert "row 4: “ewa(at)gazeta.pl” is not a valid e-mail address." in err
    assert "row 5: “123” is not a valid phone number" in err
    assert "row 6: Unknown outlet_kind “newspaper”; use one of: tv, radio, daily" in err
    assert "row 7: The e-mail ANNA@gazeta.pl is already on row 2" in err
    assert "row 8: Unknown beat “sport”; the beats are: Edukacja, Transport." in err
    assert (
        "row 9: The outlet “Nowe Medium” is not in the CRM yet: give its outlet_kind and outlet_reach." in err
    )
    assert "6 rows skipped" in err
    assert Journalist.objects.count() == 2
    assert not Outlet.objects.filter(name__in=["TV Wierzbin", "Portal Wierzbin", "Nowe Medium"]).exists()


def test_kinds_and_reaches_by_their_polish_or_english_labels(csv_file):
    with translation.override("pl"):
        weekly, national = str(OutletKind.WEEKLY.label).upper(), str(OutletReach.NATIONAL.label).title()
    run(
        csv_file(
            f"Tygodnik,{weekly},{national},Ola,Mak,ola@t.pl,,,", "Agencja,Agency,Regional,Ida,Sowa,i@a.pl,,,"
        )
    )

    assert list(Outlet.objects.values_list("name", "kind", "reach")) == [
        ("Agencja", "agency", "regional"),
        ("Tygodnik", "weekly", "national"),
    ]


def test_semicolons_a_bom_and_quoted_cells(csv_file):
    path = csv_file(
        '"Kurier ""Wierzbin""; wydanie";weekly;local;Zofia;Wróbel;zofia@kurier.pl;+48 12 345 67 89;;a|b',
        header="\ufeff" + HEADER.replace(",", ";"),
    )

    out, err, failed = run(path)

    assert not failed, err
    zofia = Journalist.objects.get(emails__email="zofia@kurier.pl")
    assert zofia.current_employments()[0].outlet.name == 'Kurier "Wierzbin"; wydanie'
    assert sorted(zofia.tags.names()) == ["a", "b"]


def test_re_import_is_idempotent_and_updates_what_is_new(csv_file):
    run(csv_file(*GOOD))

    out, err, failed = run(csv_file(*GOOD))
    assert not failed
    assert "created 0, updated 0, unchanged 2, errors 0" in out
    assert Journalist.objects.count() == 2 and Employment.objects.count() == 2

    out, err, failed = run(
        csv_file(
            "TV Wierzbin,TV,national,Anna,Nowak-Lis,Anna@Gazeta.pl,+48 602 000 111,transport,ratusz|wywiady"
        )
    )
    assert "created 0, updated 1, unchanged 0, errors 0" in out
    anna = Journalist.objects.get(emails__email="anna@gazeta.pl")
    assert anna.last_name == "Nowak-Lis"
    assert sorted(phone.number for phone in anna.phones.all()) == ["+48 601 234 567", "+48 602 000 111"]
    assert sorted(anna.tags.names()) == ["budżet", "ratusz", "wywiady"]
    assert sorted(job.outlet.name for job in anna.current_employments()) == [
        "Gazeta Wierzbińska",
        "TV Wierzbin",
    ]
    assert Journalist.objects.count() == 2 and JournalistEmail.objects.count() == 2


def test_a_bad_row_changes_nothing_already_stored(csv_file):
    run(csv_file(*GOOD))
    before = Journalist.objects.get(emails__email="anna@gazeta.pl")

    out, err, failed = run(
        csv_file("Nowa Gazeta,daily,local,Anka,Kowal,anna@gazeta.pl,+48 602 000 111,nieznany,nowy-tag")
    )

    assert failed and "row 2: Unknown beat “nieznany”" in err
    anna = Journalist.objects.get(pk=before.pk)
    assert (anna.first_name, anna.last_name, anna.updated_at) == ("Anna", "Nowak", before.updated_at)
    assert anna.phones.count() == 1 and sorted(anna.tags.names()) == ["budżet", "ratusz"]
    assert not Outlet.objects.filter(name="Nowa Gazeta").exists()


def test_a_file_without_the_columns_names_the_missing_ones(csv_file, tmp_path):
    out, err, failed = run(csv_file("Anna,Nowak", header="first_name;surname;email"))
    assert failed
    assert "Columns missing from the header row: outlet_name, outlet_kind, outlet_reach, last_name," in err

    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "\nGazeta,daily,local,Łucja,Żak,l@g.pl,,,\n").encode("cp1250"))
    out, err, failed = run(str(latin))
    assert failed and "not UTF-8" in err
    assert not Journalist.objects.exists()


def test_each_journalist_created_or_updated_is_in_the_audit_log(csv_file, make_user):
    run(csv_file(*GOOD))
    run(csv_file(GOOD[0], "Radio Wierzbin,radio,regional,Jan,Kowalski,jan@radio.pl,,transport,nowy"))

    jan = Journalist.objects.get(emails__email="jan@radio.pl")
    entries = ModelLogEntry.objects.filter(action=audit.IMPORT, object_id=str(jan.pk)).order_by("pk")
    assert [entry.data["result"] for entry in entries] == ["create", "update"]
    assert entries[1].data["file"] == "kontakty.csv" and entries[1].data["row"] == 3
    assert ModelLogEntry.objects.filter(action=audit.IMPORT).count() == 3  # Anna unchanged the second time


# --- the admin screen -------------------------------------------------------------------------------------


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    storages._storages.pop("private", None)
    yield tmp_path / "private"
    storages._storages.pop("private", None)


@pytest.fixture
def coordinator(client, make_user):
    """A coordinator's admin client, in English."""
    user = make_user("kasia", groups=[roles.COORDINATORS])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def upload(client, content, name="kontakty.csv"):
    return client.post("/admin/crm/import/", {"file": SimpleUploadedFile(name, content.encode(), "text/csv")})


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def test_preview_shows_what_each_row_would_do_then_confirm_imports(coordinator, private_storage, csv_file):
    call_command("import_contacts", csv_file(GOOD[1]), stdout=io.StringIO(), stderr=io.StringIO())
    content = "\n".join([HEADER, GOOD[0], GOOD[1], "Radio Wierzbin,radio,regional,Ewa,Zięba,ewa(at)r.pl,,,"])

    response = upload(coordinator, content)

    assert response.status_code == 200
    rows = {outcome.row: outcome for outcome in response.context["report"].rows}
    assert [rows[n].action for n in (2, 3, 4)] == ["create", "unchanged", "error"]
    assert "is not a valid e-mail address" in rows[4].message
    html = response.content.decode()
    assert 'data-row="4" data-action="error"' in html and "ewa(at)r.pl" in html
    assert Journalist.objects.count() == 1
    assert len(stored_files(private_storage)) == 1

    response = coordinator.post("/admin/crm/import/confirm/", {"confirm": ""})

    assert response.status_code == 200
    assert sorted(Journalist.objects.values_list("last_name", flat=True)) == ["Kowalski", "Nowak"]
    anna = Journalist.objects.get(last_name="Nowak")
    assert anna.data_source == "import: kontakty.csv" and anna.created_by.username == "kasia"
    assert stored_files(private_storage) == []
    assert "Imported kontakty.csv: created 1, updated 0, unchanged 1, errors 1." in response.content.decode()

    again = coordinator.post("/admin/crm/import/confirm/", {"confirm": ""})
    assert again.status_code == 302 and Journalist.objects.count() == 2


def test_cancel_deletes_the_upload_and_saves_nothing(coordinator, private_storage):
    upload(coordinator, "\n".join([HEADER, *GOOD]))

    response = coordinator.post("/admin/crm/import/confirm/", {"cancel": ""})

    assert response.status_code == 302
    assert stored_files(private_storage) == [] and not Journalist.objects.exists()


def test_upload_errors_name_the_problem(coordinator, private_storage):
    response = upload(coordinator, "a,b\n1,2\n", name="kontakty.xlsx")
    assert "Choose a .csv file" in response.content.decode()

    response = upload(coordinator, "first_name,last_name,email\nAnna,Nowak,a@b.pl\n")
    assert response.context["form"].errors["file"] == [
        "Columns missing from the header row: outlet_name, outlet_kind, outlet_reach, phone, beats, tags. "
        "The columns are: " + HEADER.replace(",", ", ") + "."
    ]
    assert stored_files(private_storage) == []


def test_only_who_may_export_contacts_imports(client, make_user, private_storage):
    """Wagtail turns the refusal into a redirect to the dashboard with a permission message."""
    for user in (
        make_user("edek", groups=[roles.EDITORS]),
        make_user("sabina", groups=[roles.SUBJECT_EXPERTS]),
    ):
        client.force_login(user)
        for response in (client.get("/admin/crm/import/"), upload(client, "\n".join([HEADER, *GOOD]))):
            assert (response.status_code, response.url) == (302, "/admin/")
    assert not Journalist.objects.exists() and stored_files(private_storage) == []


def test_the_import_is_in_the_media_menu_of_who_may_use_it(client, make_user):
    client.force_login(make_user("kasia", groups=[roles.COORDINATORS]))
    assert "crm-import" in client.get("/admin/").content.decode()

    client.force_login(make_user("edek", groups=[roles.EDITORS]))
    assert "crm-import" not in client.get("/admin/").content.decode()
