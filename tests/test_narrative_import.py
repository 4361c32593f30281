"""import_narratives: JSON Lines in, narratives out, per-line errors, idempotent, searchable at once."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from cms.core.models import Topic
from cms.narratives import importer
from cms.narratives.models import Narrative
from cms.organisation.models import Unit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
NEXT_YEAR = (TODAY + datetime.timedelta(days=365)).isoformat()
SEARCH = "/api/v1/narratives/search/"


def line(**fields):
    data = {
        "title": "Tramwaj na Zielone Wzgórza",
        "summary": "Tramwaj pojedzie w 2028 roku.",
        "body": "Budowa trwa.",
    }
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture
def jsonl(tmp_path):
    def write(*lines):
        path = tmp_path / "narratives.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def run():
    """Run the command in English; return (stdout, stderr)."""

    def run_command(*args):
        out, err = io.StringIO(), io.StringIO()
        with translation.override("en"):
            call_command("import_narratives", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run_command


@pytest.fixture
def transport():
    return Unit.objects.create(name="Wydział Komunikacji i Transportu", code="WKT")


def test_valid_lines_become_narratives_with_topics_unit_and_status(jsonl, run, transport):
    path = jsonl(
        line(
            topics=["transport-publiczny", "inwestycje"],
            tags=["tramwaje", "Zielone Wzgórza"],
            unit="wkt",
            expires_at=NEXT_YEAR,
            review_interval_days=30,
        ),
        "",
        line(
            title="Nocne autobusy – nowy rozkład", body="Pierwszy akapit.\n\nDrugi & ostatni.", status="draft"
        ),
    )
    out, err = run(path)

    assert "created 2, updated 0, unchanged 0, skipped 0 (errors)" in out
    assert err == ""
    tram = Narrative.objects.get(title="Tramwaj na Zielone Wzgórza")
    assert tram.live and tram.status == "active"
    assert tram.unit == transport
    assert sorted(topic.slug for topic in tram.topics.all()) == ["inwestycje", "transport-publiczny"]
    assert Topic.objects.get(slug="transport-publiczny").name == "Transport publiczny"
    assert sorted(tram.tags.names()) == ["Zielone Wzgórza", "tramwaje"]
    assert tram.expires_at.isoformat() == NEXT_YEAR
    assert tram.next_review_at == TODAY + datetime.timedelta(days=30)
    assert tram.live_revision == tram.latest_revision
    assert tram.body == "<p>Budowa trwa.</p>"

    buses = Narrative.objects.get(title="Nocne autobusy – nowy rozkład")
    assert not buses.live and buses.status == "draft"
    assert buses.unit is None
    assert buses.body == "<p>Pierwszy akapit.</p><p>Drugi &amp; ostatni.</p>"
    assert buses.latest_revision is not None and buses.live_revision is None


def test_an_imported_narrative_has_history_opens_in_the_admin_and_is_in_the_database_search(
    jsonl, run, make_user, client
):
    run(jsonl(line(topics=["transport"], tags=["tramwaje"])))
    narrative = Narrative.objects.get()
    actions = set(ModelLogEntry.objects.for_instance(narrative).values_list("action", flat=True))
    assert actions == {"wagtail.create", "wagtail.publish"}
    assert [topic.slug for topic in narrative.latest_revision.as_object().topics.all()] == ["transport"]

    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    edit = client.get(narrative.get_admin_url())
    assert edit.status_code == 200
    assert "Tramwaj pojedzie w 2028 roku." in edit.content.decode()
    history = client.get(reverse("wagtailsnippets_narratives_narrative:history", args=[narrative.pk]))
    assert history.status_code == 200
    with override_settings(ELASTICSEARCH_URL=None):  # the database search answers from Wagtail's index
        found = client.get(SEARCH, {"q": "Zielone"}).json()
    assert [result["title"] for result in found["results"]] == ["Tramwaj na Zielone Wzgórza"]


def test_bad_lines_are_reported_with_their_numbers_and_the_rest_is_imported(jsonl, run, transport):
    path = jsonl(
        line(title="Pierwsze stanowisko"),
        '{"title": "Zepsuty JSON", "summary": ',
        line(title="Zła data", expires_at="2025-13-01"),
        line(title="Nieznany wydział", unit="XYZ"),
        line(title=None),
        line(title="Literówka w kluczu", expires="2027-01-01"),
        line(title="Data z godziną", expires_at="2027-01-01T10:00:00"),
        line(title="Drugie stanowisko", unit="WKT"),
    )
    out, err = run(path)

    assert "created 2, updated 0, unchanged 0, skipped 6 (errors)" in out
    errors = err.splitlines()
    assert errors[0].startswith("line 2: not valid JSON: ")
    assert errors[1:] == [
        'line 3: expires_at: "2025-13-01" is not a date (use YYYY-MM-DD)',
        'line 4: unit: unknown unit "XYZ"',
        "line 5: title: required",
        'line 6: unknown keys "expires" (known: title, body, summary, topics, tags, unit, expires_at, '
        "review_interval_days, status)",
        'line 7: expires_at: "2027-01-01T10:00:00" has a time; give the date only (YYYY-MM-DD)',
    ]
    assert sorted(Narrative.objects.values_list("title", flat=True)) == [
        "Drugie stanowisko",
        "Pierwsze stanowisko",
    ]


def test_every_problem_of_a_line_is_named():
    with translation.override("en"):
        record, errors = importer.validate(
            {"title": "x" * 256, "summary": "", "body": "<script>alert(1)</script>", "topics": ["Zły Temat"],
             "review_interval_days": 0, "status": "archived"},
            units={},
        )  # fmt: skip
    assert record is None
    assert errors == [
        "title: longer than 255 characters (256)",
        "summary: required",
        "body: nothing is left after removing unsupported HTML",
        'topics: "Zły Temat" is not a valid slug (lowercase letters, digits, hyphens)',
        "review_interval_days: must be a whole number from 1 to 3650 (got 0)",
        'status: "archived" is neither "draft" nor "published"',
    ]


def test_a_file_where_every_line_fails_exits_with_an_error(jsonl):
    with translation.override("en"), pytest.raises(CommandError, match="No line could be imported"):
        call_command(
            "import_narratives", jsonl("not json", line(title="")), stdout=io.StringIO(), stderr=io.StringIO()
        )


def test_a_missing_file_is_an_error(tmp_path):
    with translation.override("en"), pytest.raises(CommandError, match="Cannot read"):
        call_command("import_narratives", str(tmp_path / "missing.jsonl"))


class TestIdempotency:
    def test_running_twice_changes_nothing_and_a_changed_line_updates_in_place(self, jsonl, run, transport):
        lines = [line(topics=["transport"], tags=["tramwaje"], unit="WKT"), line(title="Budżet 2027")]
        run(jsonl(*lines))
        tram = Narrative.objects.get(title="Tramwaj na Zielone Wzgórza")
        revisions = tram.revisions.count()

        out, _err = run(jsonl(*lines))
        assert "created 0, updated 0, unchanged 2, skipped 0 (errors)" in out
        assert Narrative.objects.count() == 2
        assert tram.revisions.count() == revisions

        out, _err = run(
            jsonl(
                line(
                    summary="Tramwaj pojedzie w 2029 roku.",
                    topics=["transport"],
                    tags=["tramwaje"],
                    unit="WKT",
                )
            )
        )
        assert "created 0, updated 1, unchanged 0, skipped 0 (errors)" in out
        tram.refresh_from_db()
        assert tram.summary == "Tramwaj pojedzie w 2029 roku."
        assert tram.revisions.count() == revisions + 1
        assert tram.live_revision == tram.latest_revision
        assert Narrative.objects.count() == 2

    def test_the_same_title_in_another_unit_is_another_narrative(self, jsonl, run, transport):
        out, _err = run(jsonl(line(unit="WKT"), line()))
        assert "created 2," in out
        assert Narrative.objects.filter(title="Tramwaj na Zielone Wzgórza").count() == 2

    def test_a_repeated_line_in_one_file_updates_the_first(self, jsonl, run):
        out, _err = run(jsonl(line(), line(summary="Poprawione.")))
        assert "created 1, updated 1, unchanged 0" in out
        assert Narrative.objects.get().summary == "Poprawione."

    def test_a_draft_line_for_a_live_narrative_keeps_the_live_version(self, jsonl, run):
        run(jsonl(line()))
        out, _err = run(jsonl(line(summary="Wersja robocza.", status="draft")))
        assert "updated 1" in out
        narrative = Narrative.objects.get()
        assert narrative.live and narrative.has_unpublished_changes
        assert narrative.summary == "Tramwaj pojedzie w 2028 roku."
        assert narrative.latest_revision.as_object().summary == "Wersja robocza."
        assert narrative.live_revision != narrative.latest_revision
        out, _err = run(jsonl(line(summary="Wersja robocza.", status="draft")))
        assert "unchanged 1" in out

    def test_a_dry_run_saves_nothing(self, jsonl, run):
        out, _err = run(jsonl(line(topics=["nowy-temat"])), "--dry-run")
        assert "created 1, updated 0" in out
        assert not Narrative.objects.exists()
        assert not Topic.objects.filter(slug="nowy-temat").exists()


def test_a_past_expiry_imports_an_expired_position(jsonl, run):
    yesterday = TODAY - datetime.timedelta(days=1)
    run(jsonl(line(expires_at=yesterday.isoformat())))
    narrative = Narrative.objects.get()
    assert narrative.status == "expired"
    assert narrative.valid_from < narrative.expires_at == yesterday


def test_html_is_cleaned_to_what_the_editor_supports(jsonl, run):
    body = (
        '<h1>Nagłówek</h1><p onclick="x()">Tekst <strong>ważny</strong> i <em>pochylony</em>'
        '<script>alert("x")</script> <a href="javascript:alert(1)">zły</a> '
        '<a href="https://wierzbin.pl/a" target="_blank">dobry</a></p><h3>Śródtytuł</h3>'
    )
    run(jsonl(line(body=body)))
    assert Narrative.objects.get().body == (
        '<h3>Nagłówek</h3><p>Tekst <b>ważny</b> i <i>pochylony</i> zły <a href="https://wierzbin.pl/a">dobry</a></p>'
        "<h3>Śródtytuł</h3>"
    )


def test_imported_narratives_are_searchable_when_the_command_returns(
    jsonl, run, narrative_index, client, make_user
):
    out, _err = run(
        jsonl(line(body="Torowisko powstanie wzdłuż ulicy Jaśminowej."), line(title="Szkic", status="draft"))
    )
    assert "Indexed for search: 1." in out
    client.force_login(make_user("rzecznik"))
    response = client.get(SEARCH, {"q": "jaśminowa"})
    assert [result["title"] for result in response.json()["results"]] == ["Tramwaj na Zielone Wzgórza"]
    assert client.get(SEARCH, {"q": "szkic"}).json()["count"] == 0


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_the_import_succeeds_when_elasticsearch_is_down(jsonl, run):
    out, err = run(jsonl(line()))
    assert "created 1," in out
    assert "indexing was skipped" in err
    assert "search_check --repair" in err
    assert Narrative.objects.get().live


def test_standard_input_is_read_with_a_dash(run, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((line() + "\n").encode())))
    out, _err = run("-")
    assert "created 1," in out
