"""Narratives in the admin: the two-stage workflow, the list with derived status, who may open it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.narratives.models import Narrative
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def people(make_user):
    return {
        "anna": make_user("anna", groups=[roles.EDITORS], email="anna@um.wierzbin.pl"),
        "tomasz": make_user("tomasz", groups=[roles.SUBJECT_EXPERTS], email="tomasz@um.wierzbin.pl"),
        "piotr": make_user("piotr", groups=[roles.MODERATORS], email="piotr@um.wierzbin.pl"),
        "jan": make_user("jan"),
    }


def form(**fields):
    data = {
        "title": "Budowa linii tramwajowej na Zielone Wzgórza",
        "summary": "Tramwaj pojedzie w 2028 roku; prace ruszą wiosną 2026.",
        "body": rich_text("<p>Miasto podpisało umowę z wykonawcą.</p>"),
        "tags": "tramwaj, inwestycje",
        "valid_from": TODAY.isoformat(),
        "expires_at": (TODAY + datetime.timedelta(days=365)).isoformat(),
        "review_interval_days": "30",
        "sources": inline_formset([{"title": "Uchwała budżetowa", "url": "https://wierzbin.pl/budzet"}]),
        "related_links": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def test_a_narrative_goes_through_both_approval_steps_before_it_is_live(client, people, make_narrative):
    depot = make_narrative("Zajezdnia tramwajowa na Nadrzeczu")
    client.force_login(people["anna"])
    response = client.post(
        reverse("wagtailsnippets_narratives_narrative:add"),
        form(**{"action-submit": "Submit", "related_links": inline_formset([{"narrative": depot.pk}])}),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    narrative = Narrative.objects.exclude(pk=depot.pk).get()
    assert not narrative.live
    assert narrative.status == "draft"
    assert narrative.sources.get().url == "https://wierzbin.pl/budzet"
    assert narrative.related == [depot]

    narrative.current_workflow_task_state.approve(user=people["tomasz"])
    narrative.refresh_from_db()
    assert not narrative.live
    narrative.current_workflow_task_state.approve(user=people["piotr"])

    narrative.refresh_from_db()
    assert narrative.live
    assert narrative.status == "active"
    assert narrative.next_review_at == TODAY + datetime.timedelta(days=30)
    assert narrative.last_verified_at is not None


def test_an_expiry_before_the_start_is_refused(client, people):
    client.force_login(people["anna"])
    response = client.post(
        reverse("wagtailsnippets_narratives_narrative:add"),
        form(expires_at=(TODAY - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert "expires_at" in response.context["form"].errors
    assert not Narrative.objects.exists()


def test_the_list_shows_status_and_filters_by_it(client, people, make_narrative):
    make_narrative("Stanowisko aktualne")
    make_narrative("Stanowisko do przeglądu", next_review_at=TODAY - datetime.timedelta(days=1))
    client.force_login(people["anna"])
    url = reverse("wagtailsnippets_narratives_narrative:list")
    page = client.get(url).content.decode()
    assert "narrative-status--active" in page
    assert "narrative-status--needs_review" in page
    filtered = client.get(url, {"status": "needs_review"}).content.decode()
    assert "Stanowisko do przeglądu" in filtered
    assert "Stanowisko aktualne" not in filtered


def test_people_outside_the_press_office_roles_cannot_open_narratives(client, people, make_narrative):
    narrative = make_narrative("Stanowisko")
    client.force_login(people["jan"])
    for name, args in [("list", []), ("edit", [narrative.pk]), ("add", [])]:
        response = client.get(reverse(f"wagtailsnippets_narratives_narrative:{name}", args=args))
        assert response.status_code in (302, 403), name
        if response.status_code == 302:
            assert "/login/" in response.url or response.url == reverse("wagtailadmin_home")


def test_the_list_leads_to_the_full_text_search(client, people):
    client.force_login(people["anna"])
    page = client.get(reverse("wagtailsnippets_narratives_narrative:list")).content.decode()
    assert f'href="{reverse("narratives_search")}"' in page  # a button, not only the menu entry


def test_the_list_costs_the_same_queries_for_more_narratives(client, people, make_narrative):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.organisation.models import Unit

    unit = Unit.objects.create(name="Wydział Komunikacji", code="WK")
    client.force_login(people["anna"])
    url = reverse("wagtailsnippets_narratives_narrative:list")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_narrative("Stanowisko 1", unit=unit, owner=people["tomasz"])
    few = queries()
    for number in range(2, 12):
        make_narrative(f"Stanowisko {number}", unit=unit, owner=people["tomasz"])
    assert queries() == few
