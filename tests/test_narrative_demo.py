"""seed_demo gives the press office believable narratives in every status, searchable at once."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.narratives.models import Narrative
from search import connection, indexes
from search.narratives import NarrativeDocument

pytestmark = pytest.mark.django_db


def test_demo_narratives_cover_topics_and_every_status(narrative_index, client, make_user):
    call_command("seed_demo", stdout=io.StringIO())
    narratives = list(Narrative.objects.prefetch_related("topics", "sources", "related_links"))

    assert len(narratives) >= 60
    assert len({topic.slug for narrative in narratives for topic in narrative.topics.all()}) >= 10
    statuses = [narrative.status for narrative in narratives]
    assert {"active", "needs_review", "expired", "draft"} <= set(statuses)
    assert statuses.count("active") > len(narratives) / 2
    assert any(n.live and n.valid_from > timezone.localdate() for n in narratives)  # not in force yet
    assert all(narrative.owner_id and narrative.unit_id for narrative in narratives)
    assert sum(1 for narrative in narratives if narrative.related) >= 20

    tram = Narrative.objects.get(title="Tramwaj na Zielone Wzgórza – harmonogram budowy")
    assert tram.sources.get().url == "https://wierzbin.pl/inwestycje/tramwaj-zielone-wzgorza"
    opened_in_admin = tram.latest_revision.as_object()
    assert [source.url for source in opened_in_admin.sources.all()] == [tram.sources.get().url]
    assert opened_in_admin.owner == tram.owner

    live = Narrative.objects.filter(live=True).count()
    assert connection.get_client().count(index=indexes.alias_name(NarrativeDocument))["count"] == live
    client.force_login(make_user("rzecznik"))
    found = client.get("/api/v1/narratives/search/", {"q": "tramwaj Zielone Wzgórza"}).json()["results"]
    assert found[0]["title"] == tram.title

    call_command("seed_demo", stdout=io.StringIO())  # a second run adds nothing
    assert Narrative.objects.count() == len(narratives)
