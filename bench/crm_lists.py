"""The CRM's journalist lists (API and admin) on 50,000 journalists, beside plain Django views, in one run.

    .venv/bin/python -m bench.crm_lists [--journalists 50000] [--outlets 5000] [--requests 200]
                                        [--repeat 3]

The run has its own database, made and dropped by bench.throwaway (never the real data); jobs run
in-process, nothing reaches shared services.

1. Generates ``--outlets`` outlets (e-mails, phones, tags) and ``--journalists`` journalists (one
   or two e-mails, a phone, a current job and for a fifth an ended one, one to three beats, up to
   three tags, custom values) with bulk_create: rows per second.
2. Sends requests through Django's test client in this process, on a kept database connection,
   with the objects alive after the first requests frozen out of the garbage collector, as
   ``cms.wsgi`` does in a server process:
   - ``/api/v1/journalists/`` with a coordinator's token: pages across the whole list and the
     filters (beat, tag, current outlet, words of the name);
   - the admin list ``reverse("crm_journalist:index")`` logged in as that coordinator: the same
     pages and filters;
   each beside a baseline in the same URL resolver and middleware: a plain Django view answering
   the same page (same filters, same order, same ids) with the name and primary e-mail, as compact
   JSON for the API and as a minimal HTML table (after checking the user is logged in) for the
   admin.

Prints, for each side, p50/p95 latency and the ratio of the product's to its baseline's, and the
SQL queries per request at different page sizes and pages (the admin's page size is changed on its
view for that). Exits with 1 when a query count depends on the page size or the page.
"""

import argparse
import datetime
import random
import re
import sys
import time

from bench import measure, throwaway

API = "/api/v1/journalists/"
JSON_BASELINE = "/bench/journalists.json"
HTML_BASELINE = "/bench/journalists.html"
PAGE_SIZE = 50  # the admin's list_per_page and the API's default limit
API_PAGE_SIZES = (10, 50, 100)
ADMIN_PAGE_SIZES = (20, 50, 100)
BATCH = 5000
ALL, PAGES, FILTERS, SEARCHES = "all", "pages", "filters", "search"

OUTLET_WORDS = [
    "Gazeta", "Kurier", "Tygodnik", "Echo", "Głos", "Radio", "Telewizja", "Portal", "Dziennik", "Wiadomości",
    "Nowiny", "Informator", "Serwis", "Magazyn", "Agencja",
]  # fmt: skip
TOWNS = [
    "Wierzbina", "Lipnicy", "Borowca", "Starego Pola", "Nadrzecza", "Zielonych Wzgórz", "Kamionki",
    "Przylesia", "Łęgów", "Zatorza", "Piasków", "Podgórza", "Borek", "Wierzbinka", "Żarnowa",
]  # fmt: skip
TAGS = [
    "konferencje", "dyżur weekendowy", "śledcze", "fotoreporter", "media społecznościowe", "akredytowani",
    "rada miasta", "wywiady", "pilne", "prasa", "radio", "telewizja", "portal", "powiat", "sport",
]  # fmt: skip
SEARCH_WORDS = ["kowal", "anna", "lewandowsk", "żak", "dąbrowsk", "marta", "sikor"]


def main(argv=None):
    options = _arguments(argv)
    with throwaway.environment():
        seeded = _seed(options.journalists, options.outlets)
        return _measure(options, seeded)


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.crm_lists", description=__doc__.splitlines()[0])
    parser.add_argument("--journalists", type=int, default=50000, help="journalists (50000)")
    parser.add_argument("--outlets", type=int, default=5000, help="outlets (5000)")
    parser.add_argument("--requests", type=int, default=200, help="requests per side and round (200)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (3)")
    return parser.parse_args(argv)


# Data


def _seed(journalist_count, outlet_count):
    """Outlets and journalists with everything the lists show; returns what the requests filter by."""
    from django.db import connection, transaction
    from taggit.models import Tag

    from cms.core.models import Topic
    from plugins.crm.demo import BEATS

    rng = random.Random(2026)  # noqa: S311 - repeatable data, not secrets
    started = time.perf_counter()
    with transaction.atomic():
        topics = [Topic.objects.create(slug=slug, name=name) for slug, name in BEATS]
        tags = [Tag.objects.create(name=name, slug=f"tag-{number}") for number, name in enumerate(TAGS)]
        outlets, outlet_rows = _outlets(rng, outlet_count, tags)
        rows = outlet_rows + _journalists(rng, journalist_count, outlets, topics, tags)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # up-to-date planner statistics, as autovacuum keeps them
    print(f"\nGenerated {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s).")
    busiest = _busiest_outlet()
    return {"topic": topics[0], "tag": tags[0], "outlet": busiest, "rows": rows, "seconds": seconds}


def _phones(rng, count):
    """``count`` valid Polish numbers to draw from (checking each of 50,000 would time phonenumbers)."""
    from plugins.crm.demo import phone

    return [phone(rng) for _ in range(count)]


def _outlets(rng, count, tags):
    from plugins.crm.models import Outlet, OutletEmail, OutletKind, OutletPhone, OutletReach, OutletTag

    phones = _phones(rng, 200)
    names = [f"{rng.choice(OUTLET_WORDS)} {rng.choice(TOWNS)} {number}" for number in range(1, count + 1)]
    outlets = Outlet.objects.bulk_create(
        (
            Outlet(
                name=name,
                kind=rng.choice(OutletKind.values),
                reach=rng.choice(OutletReach.values),
                website=f"https://redakcja-{number}.example.pl/",
            )
            for number, name in enumerate(names)
        ),
        batch_size=BATCH,
    )
    OutletEmail.objects.bulk_create(
        (
            OutletEmail(
                outlet=outlet, sort_order=0, label="redakcja", email=f"redakcja@redakcja-{n}.example.pl"
            )
            for n, outlet in enumerate(outlets)
        ),
        batch_size=BATCH,
    )
    OutletPhone.objects.bulk_create(
        (OutletPhone(outlet=outlet, sort_order=0, number=rng.choice(phones)) for outlet in outlets),
        batch_size=BATCH,
    )
    tagged = OutletTag.objects.bulk_create(
        (OutletTag(content_object=outlet, tag=tag) for outlet in outlets for tag in rng.sample(tags, 2)),
        batch_size=BATCH,
    )
    print(f"Outlets: {count}", flush=True)
    return outlets, len(outlets) * 3 + len(tagged)


def _journalists(rng, count, outlets, topics, tags):
    """``count`` journalists in batches, with their children; returns how many rows went in."""
    from plugins.crm.demo import FEMALE_NAMES, LANGUAGES, MALE_NAMES, SURNAMES, address_part, surname
    from plugins.crm.models import (
        Employment,
        Journalist,
        JournalistEmail,
        JournalistPhone,
        JournalistTag,
    )

    phones = _phones(rng, 1000)
    today = datetime.date.today()
    Beat = Journalist.beats.through
    rows = 0
    for start in range(0, count, BATCH):
        people = []
        for _ in range(min(BATCH, count - start)):
            gender = rng.choice("fm")
            first = rng.choice(FEMALE_NAMES if gender == "f" else MALE_NAMES)
            people.append((first, surname(rng.choice(SURNAMES), gender)))
        journalists = Journalist.objects.bulk_create(
            Journalist(
                first_name=first,
                last_name=last,
                data_source="bench",
                review_at=today + datetime.timedelta(days=rng.randint(-30, 700)),
                extra={"jezyk": rng.choice(LANGUAGES)},
            )
            for first, last in people
        )
        children = {Employment: [], JournalistEmail: [], JournalistPhone: [], Beat: [], JournalistTag: []}
        for number, (journalist, (first, last)) in enumerate(zip(journalists, people, strict=True), start):
            outlet = rng.choice(outlets)
            local = f"{address_part(first)}.{address_part(last)}.{number}"
            children[JournalistEmail].append(
                JournalistEmail(journalist=journalist, email=f"{local}@redakcja.example.pl", primary=True)
            )
            if rng.random() < 0.3:
                children[JournalistEmail].append(
                    JournalistEmail(journalist=journalist, email=f"{local}@poczta.example.pl", sort_order=1)
                )
            children[JournalistPhone].append(
                JournalistPhone(journalist=journalist, number=rng.choice(phones))
            )
            if rng.random() < 0.2:
                children[Employment].append(
                    Employment(
                        journalist=journalist,
                        outlet=rng.choice(outlets),
                        role="reporter",
                        started_on=today - datetime.timedelta(days=2000),
                        ended_on=today - datetime.timedelta(days=400),
                    )
                )
            children[Employment].append(
                Employment(journalist=journalist, outlet=outlet, role="dziennikarz", sort_order=1)
            )
            children[Beat].extend(
                Beat(journalist=journalist, topic=topic) for topic in rng.sample(topics, rng.randint(1, 3))
            )
            children[JournalistTag].extend(
                JournalistTag(content_object=journalist, tag=tag)
                for tag in rng.sample(tags, rng.randint(0, 3))
            )
        for model, objects in children.items():
            model.objects.bulk_create(objects, batch_size=BATCH)
            rows += len(objects)
        rows += len(journalists)
        print(f"\rJournalists: {start + len(journalists)}/{count}", end="", flush=True)
    return rows


def _busiest_outlet():
    from django.db.models import Count, Q

    from plugins.crm.models import Outlet

    return (
        Outlet.objects.annotate(people=Count("employments", filter=Q(employments__ended_on__isnull=True)))
        .order_by("-people")
        .first()
    )


# Requests


def _coordinator():
    """A press office coordinator with an API token, as the lists' users are."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from cms.plugin_api.migrations import COORDINATORS

    user = get_user_model().objects.create_user("bench", email="bench@example.org")
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user, Token.objects.create(user=user).key


def _scenarios(seeded, count):
    """{side: [(group, product URL, baseline URL)]}: pages across the list, filtered first pages, searches."""
    from urllib.parse import urlencode

    from django.urls import reverse

    admin = reverse("crm_journalist:index")
    pages = sorted({1, 2, 10, max(1, count // PAGE_SIZE // 2), max(1, -(-count // PAGE_SIZE))})
    topic, tag, outlet = seeded["topic"], seeded["tag"], seeded["outlet"]
    filters = [
        (FILTERS, {"beat": topic.slug}, {"beat": topic.pk}),
        (FILTERS, {"tag": tag.name}, {"tag": tag.pk}),
        (FILTERS, {"outlet": outlet.pk}, {"outlet": outlet.pk}),
        *((SEARCHES, {"q": word}, {"q": word}) for word in SEARCH_WORDS),
    ]

    def url(base, params):
        return f"{base}?{urlencode(params)}"

    api, html = [], []
    for page in pages:
        api_params = {"limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE}
        api.append((PAGES, url(API, api_params), url(JSON_BASELINE, api_params)))
        html.append((PAGES, url(admin, {"p": page}), url(HTML_BASELINE, api_params)))
    for group, api_filter, admin_filter in filters:
        api.append((group, url(API, {"limit": PAGE_SIZE, **api_filter}), url(JSON_BASELINE, api_filter)))
        html.append((group, url(admin, admin_filter), url(HTML_BASELINE, api_filter)))
    return {"API": api, "admin": html}


def _urlconf():
    return measure.urlconf("bench_crm_urls", {JSON_BASELINE: _json_baseline, HTML_BASELINE: _html_baseline})


def _page(request):
    """(total, [(pk, name, primary e-mail)]) of the page the request asks for, as simply as Django can."""
    from django.db.models import Exists, OuterRef, Q

    from plugins.crm.models import Employment, Journalist, JournalistEmail, JournalistTag

    journalists = Journalist.objects.all()
    params = request.GET
    for word in params.get("q", "").split():
        emails = JournalistEmail.objects.filter(journalist=OuterRef("pk"), email__icontains=word)
        journalists = journalists.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Exists(emails)
        )
    if "beat" in params:
        journalists = journalists.filter(beats__slug=params["beat"])
    if "tag" in params:
        tagged = JournalistTag.objects.filter(content_object=OuterRef("pk"), tag__name=params["tag"])
        journalists = journalists.filter(Exists(tagged))
    if "outlet" in params:
        jobs = Employment.objects.filter(journalist=OuterRef("pk"), outlet=params["outlet"], ended_on=None)
        journalists = journalists.filter(Exists(jobs))
    offset = int(params.get("offset", 0))
    limit = int(params.get("limit", PAGE_SIZE))
    page = journalists.with_primary_address().order_by("last_name", "first_name", "pk")[
        offset : offset + limit
    ]
    rows = [(pk, f"{first} {last}", email) for pk, first, last, email in
            page.values_list("pk", "first_name", "last_name", "primary_address")]  # fmt: skip
    return journalists.count(), rows


def _json_baseline(request):
    from django.http import JsonResponse

    total, rows = _page(request)
    return JsonResponse(
        {"count": total, "results": [{"id": pk, "name": name, "email": email} for pk, name, email in rows]},
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


HTML_TEMPLATE = """<!doctype html><title>Dziennikarze</title><p>{{ total }}</p><table>
{% for pk, name, email in rows %}<tr><td><a href="/j/{{ pk }}/">{{ name }}</a></td><td>{{ email }}</td></tr>
{% endfor %}</table>"""


def _html_baseline(request):
    from django.http import HttpResponse, HttpResponseForbidden
    from django.template import engines

    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    total, rows = _page(request)
    template = engines["django"].from_string(HTML_TEMPLATE)
    return HttpResponse(template.render({"total": total, "rows": rows}, request))


def _ids(response):
    """The journalist ids a response lists, in order."""
    if "json" in response["Content-Type"]:
        return [item["id"] for item in response.json()["results"]]
    html = response.content.decode()
    pattern = r'href="/j/(\d+)/"' if "<title>Dziennikarze</title>" in html else r"journalist/edit/(\d+)/"
    return [int(pk) for pk in dict.fromkeys(re.findall(pattern, html))]


def _check(clients, scenarios):
    """Every request answers 200, and each product page lists the same ids as its baseline."""
    for side, triples in scenarios.items():
        for _group, product, baseline in triples:
            answers = [clients[side].get(url) for url in (product, baseline)]
            for url, response in zip((product, baseline), answers, strict=True):
                if response.status_code != 200:
                    sys.exit(f"{url} answered {response.status_code}: {response.content[:500]!r}")
            mine, theirs = (_ids(response) for response in answers)
            if mine != theirs or not mine:
                sys.exit(
                    f"{product} and {baseline} list different journalists; the comparison would be unfair."
                )


def _measure(options, seeded):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from cms.heap import freeze_startup_objects
    from plugins.crm.models import Journalist

    count = Journalist.objects.count()
    user, token = _coordinator()
    clients = {"API": Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Token {token}"),
               "admin": Client(SERVER_NAME="localhost")}  # fmt: skip
    clients["admin"].force_login(user)
    with override_settings(ROOT_URLCONF=_urlconf()):
        scenarios = _scenarios(seeded, count)
        _check(clients, scenarios)
        freeze_startup_objects()  # as cms.wsgi does in a server process
        latencies = {}
        for side, triples in scenarios.items():
            urls = {"list": [p for _g, p, _b in triples], "baseline": [b for _g, _p, b in triples]}
            for each in urls.values():
                measure.run(
                    clients[side], each, len(each) * 2
                )  # warm-up: caches, the database's and Python's
            for kind in urls:
                latencies[side, kind] = {group: [] for group in (ALL, PAGES, FILTERS, SEARCHES)}
            for _ in range(options.repeat):
                for kind, each in urls.items():
                    for index, seconds in measure.run(clients[side], each, options.requests):
                        latencies[side, kind][ALL].append(seconds)
                        latencies[side, kind][triples[index][0]].append(seconds)
        queries = measure.query_counts(
            clients,
            count,
            api=API,
            api_sizes=API_PAGE_SIZES,
            admin_name="crm_journalist:index",
            admin_sizes=ADMIN_PAGE_SIZES,
        )

    version = ".".join(str(part) for part in connection.get_database_version())
    print(
        f"\n\nDatabase: {connection.display_name} {version}, {connection.settings_dict['NAME']} (throw-away)"
    )
    print(
        f"{count:,} journalists, {options.outlets:,} outlets; {seeded['rows']:,} rows generated at "
        f"{seeded['rows'] / seeded['seconds']:,.0f} rows/s"
    )
    print(
        f"Requests through Django's test client in this process; {options.requests} per side and round, "
        f"{options.repeat} rounds. Page size {PAGE_SIZE}."
    )
    print(f"API:   {API} with a coordinator's token; baseline {JSON_BASELINE} (name and e-mail as JSON)")
    print(f"admin: {scenarios['admin'][0][1]} logged in; baseline {HTML_BASELINE} (a minimal HTML table)")
    print(
        f"Each: {len(scenarios['API']) - len(SEARCH_WORDS) - 3} pages across the list, then the first page "
        f"filtered by beat, tag, current outlet ({seeded['outlet'].name}) and "
        f"{len(SEARCH_WORDS)} name searches\n"
    )
    print(f"{'':<16}{'list ms p50':>12}{'p95':>8}{'baseline p50':>14}{'p95':>8}{'ratio p50':>11}{'p95':>7}")
    for side in scenarios:
        for group in (ALL, PAGES, FILTERS, SEARCHES):
            mine = measure.percentiles(latencies[side, "list"][group])
            base = measure.percentiles(latencies[side, "baseline"][group])
            print(
                f"{side + ' ' + group:<16}{mine[0]:>12.1f}{mine[1]:>8.1f}{base[0]:>14.1f}{base[1]:>8.1f}"
                f"{mine[0] / base[0]:>11.1f}{mine[1] / base[1]:>7.1f}"
            )
    failed = False
    for side, counts in queries.items():
        print(f"\nSQL queries per {side} request:")
        for label, number in counts.items():
            print(f"  {label:<28}{number:>4}")
        if len(set(counts.values())) > 1:
            print(f"FAIL: the {side} list's query count depends on the page size or the page.")
            failed = True
        else:
            print(f"OK: the {side} list's query count depends on neither the page size nor the page.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
