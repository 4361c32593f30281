"""The narrative search screen in the admin, on the real Elasticsearch (and the database fallback)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.search.index import insert_or_update_object
from wagtail.users.models import UserProfile

from cms.organisation.models import Unit
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db

SEARCH = reverse("narratives_search")
TODAY = timezone.localdate()
SUMMARY = 'Żadna szkoła nie zostanie zamknięta – „sieć” & "reforma" <bez zmian>.'


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def officer(client, make_user):
    user = make_user("rzecznik", groups=[roles.EDITORS])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client.force_login(user)
    return user


@pytest.fixture
def schools(make_narrative):
    unit = Unit.objects.create(name="Wydział Edukacji", code="WE")
    return {
        "network": make_narrative(
            "Sieć szkół w Wierzbinie",
            summary=SUMMARY,
            body="<p>Źródło finansowania to subwencja oświatowa.</p>",
            topics=["edukacja"],
            tags=["oświata"],
            unit=unit,
        ),
        "repair": make_narrative(
            "Remont w szkole przy Polnej", body="<p>Prace w szkole potrwają do sierpnia.</p>"
        ),
        "admission": make_narrative(
            "Nabór do szkół średnich", body="<p>Lista szkół i terminy naboru.</p>", topics=["edukacja"]
        ),
        "old": make_narrative(
            "Stara sieć szkół",
            summary="Szkoła przy Lipowej zostanie zamknięta.",
            valid_from=days(-400),
            expires_at=days(-1),
        ),
        "due": make_narrative("Dowozy do szkół", next_review_at=days(-3)),
    }


@pytest.fixture
def indexed(schools, narrative_index):
    narrative_index()
    return schools


def page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def found(soup):
    return [title.get_text(" ", strip=True) for title in soup.select(".ns-result__title a")]


def facets(soup, kind):
    """(label, count) of each link of a facet column."""
    return [
        (
            link.select_one(".ns-facet__label").get_text(strip=True),
            link.select_one(".ns-facet__count").get_text(),
        )
        for link in soup.select(f'a[data-facet="{kind}"]')
    ]


def test_an_inflected_unaccented_word_finds_the_narrative_with_highlights_and_its_badge(
    client, officer, indexed
):
    soup = page(client.get(SEARCH, {"q": "zrodlo finansowania"}))
    assert found(soup) == ["Sieć szkół w Wierzbinie"]
    (result,) = soup.select(".ns-result")
    assert [str(mark) for mark in result.select(".ns-result__fragments mark")] == [
        "<mark>Źródło</mark>",
        "<mark>finansowania</mark>",
    ]
    assert result.select_one(".narrative-status--active").get_text(strip=True) == "active"
    assert result.select_one(".ns-result__title a")["href"] == indexed["network"].get_admin_url()
    assert not result.select(".ns-warning")


def test_every_form_of_the_word_is_marked_in_the_titles(client, officer, indexed):
    soup = page(client.get(SEARCH, {"q": "szkoła"}))
    titles = {" ".join(a.get_text().split()): a for a in soup.select(".ns-result__title a")}
    assert set(titles) == {
        "Sieć szkół w Wierzbinie",
        "Remont w szkole przy Polnej",
        "Nabór do szkół średnich",
    }
    assert [str(a.mark) for a in titles.values()].count("<mark>szkół</mark>") == 2
    assert titles["Remont w szkole przy Polnej"].mark.get_text() == "szkole"


def test_facets_show_counts_and_a_topic_narrows_the_results(client, officer, indexed):
    soup = page(client.get(SEARCH, {"q": "szkoła"}))
    assert facets(soup, "topic") == [("Edukacja", "2")]
    assert facets(soup, "tag") == [("oświata", "1")]
    (topic,) = soup.select('a[data-facet="topic"]')

    narrowed = page(client.get(SEARCH + topic["href"]))
    assert sorted(found(narrowed)) == ["Nabór do szkół średnich", "Sieć szkół w Wierzbinie"]
    assert narrowed.select_one("#id_q")["value"] == "szkoła"
    (current,) = narrowed.select('a[data-facet="topic"][aria-current="true"]')
    widened = page(client.get(SEARCH + current["href"]))
    assert len(found(widened)) == 3


def test_a_unit_filter_is_offered_in_the_form_and_can_be_removed(client, officer, indexed):
    soup = page(client.get(SEARCH, {"q": "szkoła"}))
    assert [option.get_text() for option in soup.select("#id_unit option")] == [
        "All units",
        "WE – Wydział Edukacji",
    ]
    narrowed = page(client.get(SEARCH, {"q": "szkoła", "unit": "WE"}))
    assert found(narrowed) == ["Sieć szkół w Wierzbinie"]
    remove = narrowed.select_one(".ns-facets .ns-facet--current[title]")
    assert len(found(page(client.get(SEARCH + remove["href"])))) == 3


def test_an_expired_narrative_is_hidden_by_default_and_shown_with_a_warning_on_request(
    client, officer, indexed
):
    assert "Stara sieć szkół" not in found(page(client.get(SEARCH, {"q": "sieć szkół"})))

    soup = page(client.get(SEARCH, {"q": "sieć szkół", "status": "expired"}))
    assert found(soup) == ["Stara sieć szkół"]
    result = soup.select_one(".ns-result")
    assert result.select_one(".narrative-status--expired")
    assert result.select_one(".help-critical .ns-warning").get_text(strip=True) == "Do not quote: expired"
    copy = result.select_one('[data-action="w-clipboard#copy"]')
    assert copy["aria-describedby"] == result.select_one(".ns-warning")["id"]


def test_a_narrative_due_for_review_warns_before_quoting(client, officer, indexed):
    soup = page(client.get(SEARCH, {"q": "dowozy", "status": "needs_review"}))
    assert found(soup) == ["Dowozy do szkół"]
    assert soup.select_one(".help-warning .ns-warning").get_text(strip=True) == (
        "Review due – check with the owner before quoting"
    )


def test_the_copy_button_carries_the_short_version(client, officer, indexed):
    soup = page(client.get(SEARCH, {"q": "subwencja"}))
    short = soup.select_one(".ns-result .ns-short")
    assert "w-clipboard" in short["data-controller"].split()
    assert short.select_one('button[data-action="w-clipboard#copy"]')
    assert short.select_one('[data-w-clipboard-target="value"]').get_text() == SUMMARY
    assert short.select_one(".ns-short__text").get_text() == SUMMARY


def test_a_one_character_query_is_an_error_next_to_the_field(client, officer, indexed):
    soup = page(client.get(SEARCH, {"q": "s"}))
    field = soup.select_one("#id_q").find_parent(attrs={"data-field-wrapper": True})
    assert "Type at least 2 characters to search." in field.get_text()
    assert not soup.select(".ns-results")


def test_a_page_past_the_results_window_is_reported_above_the_form(client, officer, indexed):
    soup = page(client.get(SEARCH, {"q": "szkoła", "page": "9999"}))
    assert "past the last result" in soup.select_one("form .messages .error").get_text()


def test_the_first_visit_explains_the_search_and_links_to_the_lists_by_status(client, officer, schools):
    soup = page(client.get(SEARCH))
    assert soup.select_one("#id_q").has_attr("autofocus")
    assert "Type at least 2 characters" in soup.select_one(".ns-empty").get_text()
    links = {a["href"].split("?")[1]: a.get_text(strip=True) for a in soup.select(".ns-empty__counts a")}
    assert links == {
        "status=active": "3 narratives",
        "status=needs_review": "1 narrative",
        "status=expired": "1 narrative",
    }
    assert not soup.select(".error-message")


def test_results_come_twenty_to_a_page(client, officer, make_narrative, narrative_index):
    for n in range(23):
        make_narrative(f"Park miejski nr {n + 1}")
    narrative_index()
    first = page(client.get(SEARCH, {"q": "park"}))
    assert len(found(first)) == 20
    assert "23 narratives found" in first.select_one(".ns-count").get_text(" ", strip=True)
    second_link = first.select_one('.pagination a[href*="page=2"]')
    second = page(client.get(SEARCH + second_link["href"]))
    assert len(found(second)) == 3
    assert not set(found(first)) & set(found(second))


def test_without_elasticsearch_the_database_answers_with_a_notice(client, officer, schools):
    for narrative in schools.values():
        insert_or_update_object(narrative)
    with override_settings(ELASTICSEARCH_URL=None):
        soup = page(client.get(SEARCH, {"q": "subwencja"}))
    assert "search index is not available" in soup.select_one(".ns-results .help-warning").get_text()
    assert found(soup) == ["Sieć szkół w Wierzbinie"]
    assert not soup.select(".ns-result mark")  # the database has no highlights: the plain title and text
    assert soup.select_one(".ns-short__text").get_text() == SUMMARY


def test_the_menu_offers_the_search_to_the_press_office(client, officer):
    assert SEARCH in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_admin_user_without_narrative_permissions_is_turned_away(client, make_user):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(make_user("gosc", groups=["Readers"]))
    response = client.get(SEARCH, {"q": "szkoła"})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert SEARCH not in dashboard.content.decode()


def test_someone_without_any_role_never_reaches_the_search(client, make_user):
    client.force_login(make_user("jan"))
    response = client.get(SEARCH, {"q": "szkoła"})
    assert response.status_code == 302
    assert "/login/" in response.url
