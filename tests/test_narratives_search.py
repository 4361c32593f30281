"""Narrative search on the real Elasticsearch: Polish analysis, filters, the API contract, fallback."""

import datetime
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token
from wagtail.search.index import insert_or_update_object

from cms.organisation.models import Unit
from search import connection, indexes, sync
from search.narratives import NarrativeDocument
from tests.helpers import run_jobs

SEARCH = "/api/v1/narratives/search/"
AUTOCOMPLETE = "/api/v1/narratives/autocomplete/"
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user("rzecznik"))
    return client


def titles(response):
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


@pytest.fixture
def schools(make_narrative, narrative_index):
    make_narrative(
        "Sieć szkół w Wierzbinie",
        summary="Żadna szkoła nie zostanie zamknięta.",
        body="<p>Źródło finansowania to subwencja oświatowa.</p>",
        topics=["edukacja"],
        tags=["oświata"],
    )
    make_narrative("Remont w szkole przy Polnej", body="<p>Prace w szkole potrwają do sierpnia.</p>")
    make_narrative(
        "Nabór do szkół średnich", body="<p>Lista szkół i terminy naboru.</p>", topics=["edukacja"]
    )
    make_narrative(
        "Nowa linia tramwajowa", body="<p>Tramwaj pojedzie na Zielone Wzgórza.</p>", topics=["transport"]
    )
    narrative_index()


class TestPolishSearch:
    def test_inflected_forms_find_each_other(self, api, schools):
        found = titles(api.get(SEARCH, {"q": "szkoła"}))
        assert sorted(found) == [
            "Nabór do szkół średnich",
            "Remont w szkole przy Polnej",
            "Sieć szkół w Wierzbinie",
        ]

    def test_a_query_without_diacritics_finds_the_word_with_them(self, api, schools):
        response = api.get(SEARCH, {"q": "zrodlo finansowania"})
        assert titles(response) == ["Sieć szkół w Wierzbinie"]
        assert response.json()["results"][0]["highlight"]["body"] == [
            "<mark>Źródło</mark> <mark>finansowania</mark> to subwencja oświatowa."
        ]

    def test_a_typo_still_finds_the_narrative(self, api, schools):
        assert titles(api.get(SEARCH, {"q": "tramwajwa"})) == ["Nowa linia tramwajowa"]

    def test_the_response_follows_the_contract(self, api, schools):
        body = api.get(SEARCH, {"q": "subwencja"}).json()
        assert set(body) == {"count", "results", "facets"}
        assert body["count"] == 1
        (result,) = body["results"]
        assert set(result) == {
            *("id", "title", "summary", "topics", "tags", "status"),
            *("expires_at", "next_review_at", "url", "highlight"),
        }
        assert result["topics"] == ["edukacja"]
        assert result["tags"] == ["oświata"]
        assert result["status"] == "active"
        assert result["next_review_at"] == days(90).isoformat()
        assert result["url"].startswith("/admin/snippets/narratives/narrative/edit/")

    def test_facets_count_topics_and_tags_of_the_matches(self, api, schools):
        facets = api.get(SEARCH, {"q": "szkoła"}).json()["facets"]
        assert facets == {"topics": {"edukacja": 2}, "tags": {"oświata": 1}}

    def test_topic_and_tag_filters(self, api, schools):
        assert titles(api.get(SEARCH, {"q": "szkoła", "topic": "edukacja", "tag": "oświata"})) == [
            "Sieć szkół w Wierzbinie"
        ]

    def test_unit_filter_includes_sub_units(self, api, make_narrative, narrative_index):
        city = Unit.objects.create(name="Wydział Inwestycji", code="WI")
        roads = Unit.objects.create(name="Referat Dróg", code="WI-D", parent=city)
        make_narrative("Remont mostu Zwierzynieckiego", unit=roads)
        make_narrative("Remont mostu kolejowego")
        narrative_index()
        assert titles(api.get(SEARCH, {"q": "remont mostu", "unit": "wi"})) == [
            "Remont mostu Zwierzynieckiego"
        ]

    def test_autocomplete_completes_titles_of_quotable_narratives(self, api, schools, make_narrative):
        make_narrative("Tramwaje nocne – wygaszone", expires_at=days(-1), valid_from=days(-30))
        narrative_index_again = sync.rebuild
        narrative_index_again(NarrativeDocument)
        response = api.get(AUTOCOMPLETE, {"q": "tram"})
        assert [item["title"] for item in response.json()["results"]] == ["Nowa linia tramwajowa"]

    def test_autocomplete_returns_at_most_ten_titles(self, api, make_narrative, narrative_index):
        for number in range(12):
            make_narrative(f"Budżet obywatelski {2014 + number}")
        narrative_index()
        assert len(api.get(AUTOCOMPLETE, {"q": "budż"}).json()["results"]) == 10

    def test_fresher_narrative_first_on_equal_relevance(self, api, make_narrative, narrative_index):
        old = make_narrative(
            "Parking przy ratuszu", last_verified_at=timezone.now() - datetime.timedelta(days=60)
        )
        new = make_narrative("Parking przy ratuszu", last_verified_at=timezone.now())
        narrative_index()
        results = api.get(SEARCH, {"q": "parking"}).json()["results"]
        assert [result["id"] for result in results] == [new.pk, old.pk]


class TestStatus:
    @pytest.fixture
    def lifetimes(self, make_narrative, narrative_index):
        make_narrative("Powódź: wały aktualne", body="<p>Wały przeciwpowodziowe</p>")
        make_narrative("Powódź: wały do przeglądu", body="<p>Wały</p>", next_review_at=days(-2))
        make_narrative("Powódź 2010: wały", body="<p>Wały</p>", valid_from=days(-400), expires_at=days(-1))
        make_narrative("Powódź: szkic", body="<p>Wały</p>", live=False)
        narrative_index()

    def test_default_results_are_active_only(self, api, lifetimes):
        assert titles(api.get(SEARCH, {"q": "wały"})) == ["Powódź: wały aktualne"]

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            ("needs_review", ["Powódź: wały do przeglądu"]),
            ("expired", ["Powódź 2010: wały"]),
            ("all", ["Powódź 2010: wały", "Powódź: wały aktualne", "Powódź: wały do przeglądu"]),
        ],
    )
    def test_status_filter(self, api, lifetimes, status, expected):
        response = api.get(SEARCH, {"q": "wały", "status": status})
        assert sorted(titles(response)) == expected
        assert {result["status"] for result in response.json()["results"]} == (
            {"active", "needs_review", "expired"} if status == "all" else {status}
        )

    def test_a_narrative_leaves_active_results_the_day_it_expires(self, api, make_narrative, narrative_index):
        make_narrative("Objazd ul. Długiej", expires_at=days(3))
        narrative_index()
        assert titles(api.get(SEARCH, {"q": "objazd"})) == ["Objazd ul. Długiej"]
        later = timezone.now() + datetime.timedelta(days=3)
        with mock.patch("django.utils.timezone.now", return_value=later):
            assert titles(api.get(SEARCH, {"q": "objazd"})) == []
            expired = api.get(SEARCH, {"q": "objazd", "status": "expired"}).json()["results"]
        assert [result["status"] for result in expired] == ["expired"]

    def test_the_list_api_leaves_out_expired_narratives(self, api, lifetimes):
        listed = [item["title"] for item in api.get("/api/v1/narratives/").json()["results"]]
        assert listed == ["Powódź: wały aktualne"]
        archive = api.get("/api/v1/narratives/", {"status": "expired"}).json()["results"]
        assert [item["title"] for item in archive] == ["Powódź 2010: wały"]


class TestBadInput:
    @pytest.mark.parametrize("q", ["", "a", "  b  "])
    def test_too_short_queries_are_refused(self, api, q):
        response = api.get(SEARCH, {"q": q})
        assert response.status_code == 400
        assert response.json()["error"]["message"] == "Wpisz co najmniej 2 znaki, aby wyszukać."

    @pytest.mark.parametrize("q", ['"tramwaj', "(szkoła", "szkoła: nabór", "szk*", "a OR b AND", "\\/[]{}~^"])
    def test_search_syntax_is_plain_text(self, api, schools, q):
        assert api.get(SEARCH, {"q": q}).status_code == 200

    def test_unknown_topic_and_status_are_named(self, api, schools):
        response = api.get(SEARCH, {"q": "szkoła", "topic": "kosmos", "status": "archived"})
        assert response.status_code == 400
        message = response.json()["error"]["message"]
        assert "„kosmos”" in message or "kosmos" in message
        assert "archived" in message

    def test_a_bad_page_is_refused(self, api, schools):
        assert api.get(SEARCH, {"q": "szkoła", "page": "zero"}).status_code == 400
        assert api.get(SEARCH, {"q": "szkoła", "page": "99"}).json()["results"] == []


class TestAccess:
    @pytest.mark.parametrize("url", [SEARCH, AUTOCOMPLETE, "/api/v1/narratives/"])
    def test_anonymous_users_are_refused(self, client, db, url):
        assert client.get(url, {"q": "szkoła"}).status_code in (401, 403)

    def test_a_token_opens_the_search(self, client, make_user, schools):
        token = Token.objects.create(user=make_user("integracja"))
        response = client.get(SEARCH, {"q": "szkoła"}, HTTP_AUTHORIZATION=f"Token {token.key}")
        assert response.json()["count"] == 3


def in_database_index(*narratives):
    """What Wagtail's index task (a background task on RQ here) would do after each save."""
    for narrative in narratives:
        insert_or_update_object(narrative)


class TestFallback:
    def test_without_elasticsearch_the_database_answers_with_a_notice(self, api, make_narrative):
        in_database_index(
            make_narrative("Sieć szkół w Wierzbinie", summary="Żadna szkoła nie zostanie zamknięta."),
            make_narrative(
                "Stara szkoła", summary="Żadna szkoła", valid_from=days(-100), expires_at=days(-1)
            ),
        )
        with override_settings(ELASTICSEARCH_URL=None):
            response = api.get(SEARCH, {"q": "szkoła"})
        body = response.json()
        assert titles(response) == ["Sieć szkół w Wierzbinie"]
        assert response["X-Search-Backend"] == "database"
        assert body["notice"].startswith("Indeks wyszukiwania jest niedostępny")

    def test_an_unreachable_elasticsearch_is_not_an_error(self, api, make_narrative):
        in_database_index(make_narrative("Budżet obywatelski 2027"))
        with override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9", ELASTICSEARCH_TIMEOUT=1):
            search = api.get(SEARCH, {"q": "budżet"})
            complete = api.get(AUTOCOMPLETE, {"q": "budż"})
        assert titles(search) == ["Budżet obywatelski 2027"]
        assert search.json()["facets"] == {"topics": {}, "tags": {}}
        assert [item["title"] for item in complete.json()["results"]] == ["Budżet obywatelski 2027"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestSync:
    def test_saving_unpublishing_and_deleting_reach_the_index(
        self, api, make_narrative, narrative_index, redis_connection
    ):
        narrative = make_narrative("Wycinka drzew w parku Miejskim")
        run_jobs()
        assert titles(api.get(SEARCH, {"q": "wycinka drzew"})) == ["Wycinka drzew w parku Miejskim"]

        narrative.title = "Nasadzenia drzew w parku Miejskim"
        narrative.save()
        run_jobs()
        assert titles(api.get(SEARCH, {"q": "drzew"})) == ["Nasadzenia drzew w parku Miejskim"]

        narrative.unpublish()
        run_jobs()
        assert titles(api.get(SEARCH, {"q": "drzew"})) == []

        narrative.live = True
        narrative.save()
        run_jobs()
        narrative.delete()
        run_jobs()
        assert titles(api.get(SEARCH, {"q": "drzew"})) == []


class TestCommands:
    def test_reindex_builds_a_new_index_and_moves_the_alias(self, make_narrative, narrative_index):
        make_narrative("Stypendia sportowe")
        (before,) = indexes.current_indices(NarrativeDocument)
        out = io.StringIO()
        call_command("search_reindex", "narratives", stdout=out, stderr=io.StringIO())
        (after,) = indexes.current_indices(NarrativeDocument)
        assert after != before
        assert not connection.get_client().indices.exists(index=before)
        assert "narratives: 1 documents" in out.getvalue()
        assert NarrativeDocument.search(index=indexes.alias_name(NarrativeDocument)).count() == 1

    def test_reindex_refuses_an_unknown_index(self, db):
        with pytest.raises(CommandError, match="Unknown index kosmos"):
            call_command("search_reindex", "kosmos")

    def test_check_finds_missing_stale_and_orphaned_and_repairs(self, make_narrative, narrative_index):
        kept = make_narrative("Stypendia sportowe")
        changed = make_narrative("Hala sportowa")
        gone = make_narrative("Basen letni")
        narrative_index()
        missing = make_narrative("Lodowisko")
        type(changed).objects.filter(pk=changed.pk).update(title="Hala sportowa – otwarcie")
        type(gone).objects.filter(pk=gone.pk).delete()

        out = io.StringIO()
        with pytest.raises(CommandError, match="--repair"):
            call_command("search_check", "narratives", stdout=out)
        report = out.getvalue()
        assert f"1 missing: {missing.pk}" in report
        assert f"1 stale: {changed.pk}" in report
        assert f"1 orphaned: {gone.pk}" in report

        call_command("search_check", "narratives", "--repair", stdout=io.StringIO())
        out = io.StringIO()
        call_command("search_check", "narratives", stdout=out)
        assert "index matches the database" in out.getvalue()
        assert kept.pk
