"""The page API's listing of live press releases against a plain Django view, in one run.

    .venv/bin/python -m bench.api_listing [--releases 1000] [--requests 200] [--repeat 5]

The run has its own database, made and dropped by bench.throwaway: a temporary SQLite file
when DATABASE_URL is unset or SQLite, ``<name>_bench`` beside the PostgreSQL database it names
otherwise. Jobs run in-process and the cache is local memory, so nothing reaches shared
services. The API and the baseline (the same JSON sliced from a list of dicts made once)
answer through the same URL resolver and middleware, via Django's test client, on a kept
database connection. Prints requests per second, median latency, how many times slower the
API is, and the SQL queries per request for page sizes 10, 20 and 50; exits with 1 when the
query count grows with the page size.
"""

import argparse
import random
import statistics
import sys
import time
import types
from datetime import timedelta

from bench import throwaway

LISTING = "/api/v2/pages/?type=editorial.PressReleasePage&fields=lead,topic_slugs,tag_names"
BASELINE = "/bench/baseline/"
PAGE_SIZE = 20
PAGE_SIZES = (10, 20, 50)

TOPICS = [
    ("Transport", "transport"),
    ("Edukacja", "edukacja"),
    ("Inwestycje", "inwestycje"),
    ("Środowisko", "srodowisko"),
    ("Kultura", "kultura"),
    ("Zdrowie", "zdrowie"),
    ("Sport", "sport"),
    ("Bezpieczeństwo", "bezpieczenstwo"),
]
TAGS = [
    "remont",
    "objazdy",
    "MPK",
    "rekrutacja",
    "zieleń",
    "rewitalizacja",
    "koncert",
    "budżet obywatelski",
    "konsultacje",
    "ścieżki rowerowe",
    "seniorzy",
    "dzielnice",
]
STREETS = ["Długa", "Jaśminowa", "Kościuszki", "Żeromskiego", "Polna", "Świętokrzyska", "Łąkowa", "Rynek"]
DISTRICTS = ["Zielone Wzgórza", "Stare Miasto", "Nadrzecze", "Osiedle Słoneczne", "Wierzbinek"]
# (title, lead, paragraph, topic slugs); {street}, {district}, {number} vary per release.
RELEASES = [
    (
        "Remont ul. {street}: utrudnienia od poniedziałku",
        "Od poniedziałku drogowcy wymieniają nawierzchnię ul. {street}. Prace potrwają {number} tygodni.",
        "Objazd poprowadzono sąsiednimi ulicami. Autobusy linii {number} zmieniają trasę.",
        ["transport", "inwestycje"],
    ),
    (
        "{number} nowych drzew w dzielnicy {district}",
        "Wzdłuż alej i na skwerach dzielnicy {district} posadzono lipy, klony i dęby.",
        "Nasadzenia sfinansowano z budżetu obywatelskiego; mieszkańcy wskazali miejsca w ankiecie.",
        ["srodowisko"],
    ),
    (
        "Nabór do Szkoły Podstawowej nr {number}",
        "Rodzice złożą wnioski elektronicznie do końca marca; punkt konsultacyjny działa w szkole.",
        "Szkoła ma nowe pracownie i salę gimnastyczną oddaną do użytku we wrześniu.",
        ["edukacja"],
    ),
    (
        "Koncert na Rynku: {number}. urodziny miasta",
        "W sobotę na Rynku zagrają orkiestra miejska i zespoły z dzielnicy {district}. Wstęp wolny.",
        "Od godziny 18 ul. {street} będzie zamknięta dla ruchu; tramwaje pojadą objazdem.",
        ["kultura"],
    ),
    (
        "Badania profilaktyczne dla seniorów z dzielnicy {district}",
        "Bezpłatne badania słuchu i wzroku dla osób po 60. roku życia, bez skierowania.",
        "Zapisy telefoniczne przyjmuje Miejskie Centrum Zdrowia przy ul. {street}.",
        ["zdrowie"],
    ),
    (
        "Nowe boisko przy ul. {street} otwarte",
        "Boisko z nawierzchnią poliuretanową i bieżnią jest dostępne codziennie od 8 do 21.",
        "Inwestycja kosztowała {number} tys. zł i jest częścią programu „Sport w dzielnicach”.",
        ["sport", "inwestycje"],
    ),
    (
        "Monitoring miejski obejmie dzielnicę {district}",
        "Straż miejska uruchomi {number} nowych kamer przy szkołach i przystankach.",
        "Obraz z kamer trafia do centrum monitoringu czynnego całą dobę.",
        ["bezpieczenstwo"],
    ),
]


def main(argv=None):
    options = _arguments(argv)
    with throwaway.environment():
        _seed(options.releases)
        return _measure(options)


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.api_listing", description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=1000, help="live press releases (1000)")
    parser.add_argument("--requests", type=int, default=200, help="requests per timed round (200)")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds, the best counts (5)")
    return parser.parse_args(argv)


def _seed(count):
    """A press room with ``count`` live releases: topics, tags and a one-paragraph body."""
    from anyascii import anyascii
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Page
    from wagtail.rich_text import RichText

    from cms.core.models import Topic
    from cms.editorial.models import PressReleasePage, PressRoomIndexPage

    rng = random.Random(2026)  # noqa: S311 - repeatable sample text, not secrets
    topics = {slug: Topic.objects.create(name=name, slug=slug) for name, slug in TOPICS}
    now = timezone.now()
    with transaction.atomic():
        room = Page.objects.get(depth=2).add_child(
            instance=PressRoomIndexPage(title="Komunikaty prasowe", slug="komunikaty", live=True)
        )
        for number in range(1, count + 1):
            title, lead, paragraph, topic_slugs = rng.choice(RELEASES)
            words = {
                "street": rng.choice(STREETS),
                "district": rng.choice(DISTRICTS),
                "number": rng.randint(2, 60),
            }
            published = now - timedelta(hours=7 * number)
            release = PressReleasePage(
                title=title.format(**words),
                slug=f"{slugify(anyascii(title.format(**words)))}-{number}",
                lead=lead.format(**words),
                body=[("paragraph", RichText(f"<p>{paragraph.format(**words)}</p>"))],
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
            release.topics = [topics[slug] for slug in topic_slugs]
            release.tags.add(*rng.sample(TAGS, rng.randint(1, 3)))
            room.add_child(instance=release)
            if number % 50 == 0 or number == count:
                print(f"\rLive press releases: {number}/{count}", end="", flush=True)
    print()
    # Up-to-date planner statistics, as autovacuum keeps them on a database in use.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _measure(options):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(SERVER_NAME="localhost")
    items = _all_items(client)
    offsets = range(0, len(items), PAGE_SIZE)
    urls = {
        "API": [f"{LISTING}&limit={PAGE_SIZE}&offset={offset}" for offset in offsets],
        "baseline": [f"{BASELINE}?limit={PAGE_SIZE}&offset={offset}" for offset in offsets],
    }
    with override_settings(ROOT_URLCONF=_urlconf(items)):
        _check_same_answers(client, urls)
        for each in urls.values():
            _run(client, each, 50)  # warm-up: caches, the database's own and Python's
        rounds = {name: [] for name in urls}
        latencies = {name: [] for name in urls}
        for _ in range(options.repeat):
            for name, each in urls.items():
                elapsed, latency = _run(client, each, options.requests)
                rounds[name].append(elapsed)
                latencies[name].extend(latency)
    queries = {size: _queries(client, f"{LISTING}&limit={size}") for size in PAGE_SIZES}

    version = ".".join(str(part) for part in connection.get_database_version())
    print(f"\nDatabase: {connection.display_name} {version}, {connection.settings_dict['NAME']} (throw-away)")
    print(
        f"{len(items)} live press releases, page size {PAGE_SIZE}; "
        f"{options.requests} requests per round, best of {options.repeat} rounds"
    )
    print(f"API:      {LISTING}&limit={PAGE_SIZE}&offset=0..{offsets[-1]}")
    print("baseline: a plain Django view, the same JSON sliced from a list in memory\n")
    print(f"{'':<10}{'requests/s':>12}{'median ms':>12}")
    rate = {name: options.requests / min(times) for name, times in rounds.items()}
    for name in urls:
        print(f"{name:<10}{rate[name]:>12.1f}{statistics.median(latencies[name]) * 1000:>12.2f}")
    print(f"API / baseline: {rate['baseline'] / rate['API']:.1f} times slower\n")
    print("SQL queries per API request: " + ", ".join(f"limit={size}: {n}" for size, n in queries.items()))
    if len(set(queries.values())) > 1:
        print("FAIL: the query count grows with the page size.")
        return 1
    print("OK: the query count does not depend on the page size.")
    return 0


def _all_items(client):
    """Every release as the API lists it, fetched once: the baseline's list of dicts."""
    items = []
    while True:
        response = client.get(f"{LISTING}&limit=100&offset={len(items)}")
        if response.status_code != 200:
            sys.exit(f"The API answered {response.status_code}: {response.content[:500]!r}")
        page = response.json()["items"]
        if not page:
            return items
        items.extend(page)


def _urlconf(items):
    """The product's URLs plus the baseline, so both pass the same resolver and middleware."""
    from django.urls import include, path

    urlconf = types.ModuleType("bench_urls")
    urlconf.urlpatterns = [path(BASELINE.lstrip("/"), _baseline(items)), path("", include("cms.urls"))]
    return urlconf


def _baseline(items):
    from django.http import JsonResponse

    def listing(request):
        """The API's answer without the API: a slice of a list of dicts, as compact UTF-8 JSON."""
        offset = int(request.GET.get("offset", 0))
        limit = int(request.GET.get("limit", PAGE_SIZE))
        return JsonResponse(
            {"meta": {"total_count": len(items)}, "items": items[offset : offset + limit]},
            json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
        )

    return listing


def _check_same_answers(client, urls):
    """Both answer the same releases with the same fields (the order of tags may differ)."""
    api, baseline = (client.get(each[len(each) // 2]) for each in urls.values())
    if _outline(api) != _outline(baseline):
        sys.exit("The baseline does not answer what the API answers; the comparison would be unfair.")


def _outline(response):
    data = response.json()
    return (
        response.status_code,
        data["meta"],
        [(item["id"], sorted(item), item["meta"]) for item in data["items"]],
    )


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def _run(client, urls, count):
    """(seconds for ``count`` requests, each request's latency), cycling through ``urls``."""
    latencies = []
    clock = time.perf_counter
    start = clock()
    for index in range(count):
        began = clock()
        client.get(urls[index % len(urls)])
        latencies.append(clock() - began)
    return clock() - start, latencies


if __name__ == "__main__":
    sys.exit(main())
