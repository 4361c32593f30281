"""Citizen reports under sustained load: the public report form and Open311 POSTs beside plain Django views.

    .venv/bin/python -m bench.citizen_reports_submit [--seconds 15] [--clients 6] [--workers 3]

1. In a throw-away database (bench.throwaway): the demo's units, districts, categories with
   their questions, routing rules and deadlines, the live report page and an Open311 key
   (plugins.citizen_reports.demo's setup); no reports.
2. gunicorn (``--workers`` sync workers, production settings) serves the product and, in the
   same workers, the baseline views (the product's URLs plus /bench/...; bench.measure.urlconf).
   The plugin's anti-abuse settings come from the environment, as an operator would set them:
   no minimum fill time and rate limits far above the load (they are still counted).
3. Four sides, one after the other, each for ``--seconds`` after a warm-up, from ``--clients``
   client processes sending one iteration after another (a new connection per request: sync
   workers close theirs after each answer, as behind a proxy):

   - report form: GET the page (the CSRF cookie, its token and the signed time the form was
     shown), POST it back with a category, description, address, point, name, e-mail and
     consent; the product stores, routes and numbers the report, plans its deadlines and
     e-mails the acknowledgement (jobs run in-process; the console backend), answering 302;
   - plain form: GET a plain view rendering a small form with the CSRF token and a signed
     time, POST it back to a view that checks both, inserts one row and answers 302;
   - Open311: POST /open311/v2/requests.json with api_key, service_code, lat, long,
     description and email; 201;
   - plain JSON: POST the same fields to a CSRF-exempt view that inserts one row; 201.

Prints a table: submissions and requests per second, the ratio of each product side to its
baseline, p50/p95 latency per request, and the answers other than 2xx/3xx, which must be none
(exits with 1 otherwise, or when the stored reports do not match the accepted submissions).
With SQLite (DATABASE_URL unset) gunicorn runs one worker: SQLite takes one writer at a time.
"""

import argparse
import functools
import http.client
import multiprocessing
import os
import random
import re
import statistics
import sys
import time
from urllib.parse import urlencode

from bench import measure, throwaway
from bench.server import gunicorn

FORM_BASELINE, POST_BASELINE, JSON_BASELINE = "/bench/form/", "/bench/form/sent/", "/bench/open311/"
OPEN311 = "/open311/v2/requests.json"
#: Categories the form takes in one go (without extra questions), and one Open311 sends answers for.
FORM_CATEGORIES = ["chodnik", "kosz", "oznakowanie", "halas"]
OPEN311_CATEGORIES = [*FORM_CATEGORIES, "dziura-w-jezdni"]
ANSWERS = {"dziura-w-jezdni": {"attribute[wielkosc]": "sredni"}}
DESCRIPTIONS = [
    "Zapadnięta kostka na chodniku przy przejściu, tworzy się kałuża na całą szerokość.",
    "Kosz przepełniony od kilku dni, śmieci leżą dookoła.",
    "Znak „ustąp pierwszeństwa” leży na trawniku, słupek złamany.",
    "Głośna muzyka z lokalu do późnej nocy, także w dni powszednie.",
]
STREETS = ["ul. Lipowa", "ul. Polna", "ul. Kolejowa", "ul. Długa", "ul. Rybacka", "ul. Sosnowa"]
SIGNED_SALT = "bench.plain-form"
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_FIELD = re.compile(rb'name="started" value="([^"]+)"')


def main(argv=None):
    options = _arguments(argv)
    with throwaway.environment() as var_dir:
        from django.db import connection

        workers = options.workers if connection.vendor == "postgresql" else 1
        target = _setup()
        os.environ.update(
            {
                "KOMUNIKAT_CITIZEN_REPORTS_MIN_FILL_SECONDS": "0",
                "KOMUNIKAT_CITIZEN_REPORTS_RATE_PER_IP": "1000000/h",
                "KOMUNIKAT_CITIZEN_REPORTS_RATE_PER_EMAIL": "1000000/h",
            }
        )
        with gunicorn(var_dir, workers, app=f"{__spec__.name}:application()") as port:
            results = {side: _measure(side, port, target, options) for side in SIDES}
        return _report(options, workers, results, _stored())


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=15, help="measured seconds per side (15)")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per side (3)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent client processes (6)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers on PostgreSQL (3)")
    return parser.parse_args(argv)


def _setup():
    """The demo's categories, rules, districts and report page, an Open311 key; the page's path and key."""
    from django.contrib.auth import get_user_model

    from cms.core.models import HomePage
    from plugins.citizen_reports import demo

    units = demo.demo_units()
    demo.demo_categories(units, demo.demo_areas())
    page = demo.demo_page(HomePage.objects.get())
    _record, key = demo.demo_api_key()
    get_user_model().objects.create_user("bench", email="bench@example.org")
    return {"page": page.url, "key": key}


# --- the baseline views, served by the same gunicorn workers --------------------------------------
PLAIN_FORM = """<!doctype html><html lang="pl"><head><title>Zgłoś problem</title></head><body>
<form method="post" action="{{ action }}">{% csrf_token %}
<input type="hidden" name="started" value="{{ started }}">
<label>Kategoria <select name="category">{% for code in categories %}<option>{{ code }}</option>{% endfor %}
</select></label><label>Opis <textarea name="description"></textarea></label>
<label>Adres <input name="address"></label><label>E-mail <input name="email" type="email"></label>
<label><input type="checkbox" name="consent" value="yes"> Zapoznałem się z klauzulą</label>
<button>Wyślij</button></form></body></html>"""


@functools.cache
def _plain_template():
    from django.template import engines

    return engines["django"].from_string(PLAIN_FORM)


def plain_form(request):
    """GET: a small form with the CSRF token and a signed time, rendered by Django's template engine."""
    import time as clock

    from django.core import signing
    from django.template.response import TemplateResponse

    template = _plain_template()
    context = {
        "action": POST_BASELINE,
        "started": signing.dumps(clock.time(), salt=SIGNED_SALT),
        "categories": FORM_CATEGORIES,
    }
    return TemplateResponse(request, template, context)


def plain_form_sent(request):
    """POST (CSRF checked by the middleware): the signed time checked, one row inserted, 302."""
    from django.core import signing
    from django.http import HttpResponseBadRequest, HttpResponseRedirect

    try:
        signing.loads(request.POST.get("started", ""), salt=SIGNED_SALT, max_age=3600)
    except signing.BadSignature:
        return HttpResponseBadRequest("started")
    row = _insert(request.POST)
    return HttpResponseRedirect(f"{FORM_BASELINE}?sent={row.pk}")


def plain_json(request):
    """POST without CSRF (an API): one row inserted, its id as JSON, 201."""
    from django.http import JsonResponse

    row = _insert(request.POST)
    return JsonResponse([{"service_request_id": str(row.pk)}], status=201, safe=False)


@functools.cache
def _bench_user_id():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.values_list("pk", flat=True).get(username="bench")


def _insert(data):
    """One row with the description (a notification to the bench user: a plain table with text)."""
    from cms.notifications.models import Notification

    description = data.get("description", "")
    return Notification.objects.create(
        recipient_id=_bench_user_id(), subject=description[:255], body=description, kind="bench", url=""
    )


def application():
    """gunicorn's app factory (``bench.citizen_reports_submit:application()``): the product plus /bench/."""
    from django.conf import settings
    from django.views.decorators.csrf import csrf_exempt

    from cms.wsgi import application as product

    settings.ROOT_URLCONF = measure.urlconf(
        "citizen_reports_bench_urls",
        {FORM_BASELINE: plain_form, POST_BASELINE: plain_form_sent, JSON_BASELINE: csrf_exempt(plain_json)},
    )
    return product


# --- the clients ---------------------------------------------------------------------------------
def _request(port, method, path, body=None, headers=None):
    """(status, response headers, body, seconds) of one request on a new connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    began = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return response.status, response.headers, data, time.perf_counter() - began


FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


def _fields(rng, number):
    category = rng.choice(FORM_CATEGORIES)
    return {
        "category": category,
        "description": DESCRIPTIONS[FORM_CATEGORIES.index(category)],
        "address": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
        "latitude": f"{52.11 + rng.uniform(-0.03, 0.03):.6f}",
        "longitude": f"{21.01 + rng.uniform(-0.045, 0.045):.6f}",
        "first_name": "Anna",
        "last_name": "Kowalska",
        "email": f"mieszkaniec{number}@example.pl",
        "consent": "yes",
    }


def _form(port, rng, number, page, post_path):
    """GET the form (cookie, CSRF token, signed time), POST it back: [(request, seconds, status)]."""
    status, headers, body, got = _request(port, "GET", page)
    cookie = CSRF_COOKIE.search(" ".join(headers.get_all("Set-Cookie") or []))
    token, started = CSRF_FIELD.search(body), STARTED_FIELD.search(body)
    if status != 200 or not (cookie and token and started):
        return [("GET", got, status if status != 200 else 599)]
    fields = {
        "csrfmiddlewaretoken": token.group(1).decode(),
        "started": started.group(1).decode(),
        "website": "",
        **_fields(rng, number),
    }
    headers = {**FORM_HEADERS, "Cookie": f"csrftoken={cookie.group(1)}"}
    status_post, _headers, _body, sent = _request(port, "POST", post_path, urlencode(fields), headers)
    return [("GET", got, status), ("POST", sent, status_post)]


def _api(port, rng, number, path, key):
    fields = _fields(rng, number)
    code = rng.choice(OPEN311_CATEGORIES)
    data = {
        "api_key": key,
        "service_code": code,
        "lat": fields["latitude"],
        "long": fields["longitude"],
        "description": fields["description"],
        "email": fields["email"],
        **ANSWERS.get(code, {}),
    }
    status, _headers, _body, sent = _request(port, "POST", path, urlencode(data), FORM_HEADERS)
    return [("POST", sent, status)]


#: side: (label, its baseline side, one iteration(port, rng, number, target)); measured in this order.
SIDES = {
    "form": (
        "Report form: GET + POST (product)",
        "plain form",
        lambda port, rng, number, target: _form(port, rng, number, target["page"], target["page"]),
    ),
    "plain form": (
        "Plain form view: GET + POST (baseline)",
        None,
        lambda port, rng, number, target: _form(port, rng, number, FORM_BASELINE, POST_BASELINE),
    ),
    "open311": (
        "Open311 POST requests.json (product)",
        "plain json",
        lambda port, rng, number, target: _api(port, rng, number, OPEN311, target["key"]),
    ),
    "plain json": (
        "Plain JSON POST view (baseline)",
        None,
        lambda port, rng, number, target: _api(port, rng, number, JSON_BASELINE, ""),
    ),
}


def _client(side, port, target, seed, begin, end, results):
    """One client process: iterations one after another until ``end``; requests finished in [begin, end]."""
    rng = random.Random(seed)  # noqa: S311 - repeatable field values, not secrets
    iterate = SIDES[side][2]
    measured, warm, number = [], [], seed * 1_000_000
    while time.time() < end:
        for request, seconds, status in iterate(port, rng, number, target):
            finished = time.time()
            (measured if begin <= finished <= end else warm).append((request, seconds, status))
        number += 1
    results.put((measured, warm))


def _measure(side, port, target, options):
    label = SIDES[side][0]
    print(f"{label}: {options.clients} clients, {options.warmup:.0f} s warm-up + {options.seconds:.0f} s ...")
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    begin = time.time() + options.warmup + 2  # the clients take a moment to start
    end = begin + options.seconds
    clients = [
        context.Process(target=_client, args=(side, port, target, number + 1, begin, end, results))
        for number in range(options.clients)
    ]
    for client in clients:
        client.start()
    measured, warm = [], []
    for _client_process in clients:
        done, warming = results.get()
        measured += done
        warm += warming
    for client in clients:
        client.join()
    return {"measured": measured, "warm": warm, "seconds": options.seconds}


def _stored():
    """Reports and plain rows in the database after the run."""
    from cms.notifications.models import Notification
    from plugins.citizen_reports.models import Report, Source

    return {
        "form": Report.objects.filter(source=Source.FORM).count(),
        "open311": Report.objects.filter(source=Source.OPEN311).count(),
        "plain": Notification.objects.filter(kind="bench").count(),
    }


# --- the report ------------------------------------------------------------------------------------
def _accepted(records):
    return sum(1 for request, _s, status in records if request == "POST" and 200 <= status < 400)


def _report(options, workers, results, stored):
    from django.db import connection

    version = ".".join(str(part) for part in connection.get_database_version())
    plural = "s" if workers != 1 else ""
    print(f"\nDatabase: {connection.display_name} {version} (throw-away); CPUs: {os.cpu_count()}, shared by")
    print(
        f"gunicorn ({workers} sync worker{plural}), the database and {options.clients} client processes; "
        f"{options.seconds:.0f} s per side after {options.warmup:.0f} s of warm-up.\n"
    )
    rates = {side: _accepted(results[side]["measured"]) / results[side]["seconds"] for side in SIDES}
    print(
        "| side | submissions/s | requests/s | of the baseline's rate | GET p50 / p95 ms | POST p50 / p95 ms "
        "| not 2xx/3xx |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    failures = 0
    for side, (label, baseline, _iterate) in SIDES.items():
        records = results[side]["measured"]
        requests = len(records) / results[side]["seconds"]
        bad = sum(1 for _r, _s, status in records + results[side]["warm"] if not 200 <= status < 400)
        failures += bad
        ratio = f"{rates[side] / rates[baseline]:.2f}" if baseline and rates[baseline] else ""
        print(
            f"| {label} | {rates[side]:.1f} | {requests:.1f} | {ratio} | {_latency(records, 'GET')} | "
            f"{_latency(records, 'POST')} | {bad} |"
        )
    print("\nOf the baseline's rate: the product's submissions per second over the plain view's, same run.")
    print("Latencies per request, all clients together; each request on a new connection.")
    accepted = {
        side: _accepted(results[side]["measured"] + results[side]["warm"]) for side in ("form", "open311")
    }
    checks = [
        (failures == 0, f"answers other than 2xx/3xx: {failures}"),
        (
            stored["form"] == accepted["form"] and stored["open311"] == accepted["open311"],
            f"reports stored {stored['form']} (form) and {stored['open311']} (Open311) for "
            f"{accepted['form']} and {accepted['open311']} submissions accepted",
        ),
    ]
    print()
    for ok, text in checks:
        print(f"{'OK  ' if ok else 'FAIL'} {text}")
    return 0 if all(ok for ok, _text in checks) else 1


def _latency(records, request):
    seconds = [s for r, s, _status in records if r == request]
    if len(seconds) < 2:
        return "–"
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return f"{cuts[49] * 1000:.0f} / {cuts[94] * 1000:.0f}"


if __name__ == "__main__":
    sys.exit(main())
