"""A representative's scoped inquiry lists and the SLA sweep on 200,000 inquiries and 2,000 users, in one run.

    .venv/bin/python -m bench.inquiries_scoped [--inquiries 200000] [--users 2000] [--units 40]
                                               [--requests 200] [--repeat 3] [--sweep-cases 10000]

The run has its own database, made and dropped by bench.throwaway (never the real data); jobs run
in-process, e-mail goes to Django's in-memory backend, nothing reaches shared services.

1. Generates ``--units`` units (a quarter under others), ``--users`` users (a few press office
   coordinators and moderators; the others unit representatives and experts, each a member of a
   unit, some of two, with a head in every unit), 5,000 journalists, and ``--inquiries`` inquiries
   over two years with bulk_create: a sixth open, the rest sent, closed or withdrawn; one to three
   units assigned to each, most with a named expert; a topic on most; the open ones with their
   answer and unit deadlines, all in the future.
2. Sends requests through Django's test client in this process, on a kept database connection,
   with the objects alive after the first requests frozen out of the garbage collector, as
   ``cms.wsgi`` does in a server process, as a representative of a unit with units below it:
   - ``/api/v1/inquiries/`` with the representative's token: pages across the whole scoped list, and
     its first page filtered by state and by overdue;
   - the admin list ``reverse("inquiries:index")`` logged in: the same pages and filters;
   each beside a baseline in the same URL resolver and middleware: a plain Django view serving the
   same page (same filters, order, page size and offset) of the same model, unscoped, as compact JSON
   for the API and as a minimal HTML table (after checking the user is logged in) for the admin.
3. Times the SLA sweep (``cms.sla.sweep.sweep``): once with nothing due (the scan over every open
   deadline), then with the deadlines of ``--sweep-cases`` open cases due, half past due (escalated)
   and half in their reminder window (reminded). The baseline is a plain bulk update marking the same
   rows, in the sweep's batches.

Prints, for each list, p50/p95 latency and the ratio of the product's to its baseline's, the SQL queries
per request at different page sizes and pages (the admin's page size is changed on its view for that);
for the sweep, its time per 10,000 open cases, per deadline, the ratio to the baseline and the queries
per deadline. Exits with 1 when a list's query count depends on the page size or the page.
"""

import argparse
import datetime
import random
import statistics
import sys
import time

from bench import measure, throwaway

API = "/api/v1/inquiries/"
JSON_BASELINE = "/bench/inquiries.json"
HTML_BASELINE = "/bench/inquiries.html"
PAGE_SIZE = 50  # the admin's paginate_by and the API's default limit
API_PAGE_SIZES = (10, 50, 100)
ADMIN_PAGE_SIZES = (20, 50, 100)
BATCH = 5000
ALL, PAGES, FILTERS = "all", "pages", "filters"
PRESS_OFFICE = 8  # coordinators and moderators among the users
JOURNALISTS = 5000
YEARS = 2

SUBJECTS = [
    "Remont ulicy {street}",
    "Wycinka drzew przy ulicy {street}",
    "Rekrutacja do przedszkoli {place}",
    "Budżet obywatelski {place}",
    "Rozkład jazdy linii {line}",
    "Odbiór odpadów {place}",
    "Ceny wody w {year} roku",
    "Awaria wodociągu {place}",
    "Korki na rondzie przy ul. {street}",
    "Droga rowerowa wzdłuż ul. {street}",
    "Remont Szkoły Podstawowej nr {line}",
    "Oświetlenie ul. {street}",
]
STREETS = ["Długiej", "Lipowej", "Kościuszki", "Polnej", "Żeromskiego", "Mickiewicza", "Ogrodowej", "Leśnej"]
PLACES = ["na Zatorzu", "na Piaskach", "na Nadrzeczu", "na Zielonych Wzgórzach", "na Podgórzu", "w Borkach"]
# Open states and their weights; the rest are answered or withdrawn.
OPEN = {
    "new": 10,
    "assigned": 15,
    "waiting_for_unit": 35,
    "answer_drafted": 15,
    "in_approval_1": 10,
    "in_approval_2": 8,
    "approved": 7,
}
DONE = {"closed": 75, "sent": 15, "withdrawn": 10}
OPEN_SHARE = 1 / 6


def main(argv=None):
    options = _arguments(argv)
    with throwaway.environment():
        seeded = _seed(options)
        return _measure(options, seeded)


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.inquiries_scoped", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--inquiries", type=int, default=200000, help="inquiries (200000)")
    parser.add_argument("--users", type=int, default=2000, help="users (2000)")
    parser.add_argument("--units", type=int, default=40, help="units (40)")
    parser.add_argument("--requests", type=int, default=200, help="requests per side and round (200)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (3)")
    parser.add_argument(
        "--sweep-cases", type=int, default=10000, help="open cases whose deadlines the sweep handles (10000)"
    )
    return parser.parse_args(argv)


# Data


def _seed(options):
    """Units, users, journalists, inquiries with assignments and deadlines; returns what the run needs."""
    from django.db import connection, transaction

    rng = random.Random(2026)  # noqa: S311 - repeatable data, not secrets
    started = time.perf_counter()
    with transaction.atomic():
        units = _units(options.units)
        people = _users(rng, options.users, units)
        journalists, outlets = _journalists(rng)
        rows = _inquiries(rng, options.inquiries, units, people, journalists, outlets)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # up-to-date planner statistics, as autovacuum keeps them
    rows += len(units) + options.users + len(journalists) + len(outlets)
    print(f"\nGenerated {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s).")
    return {"rows": rows, "seconds": seconds, "representative": people["representative"]}


def _units(count):
    """``count`` units; every fourth under one of the first units, so scoping follows the tree."""
    from cms.organisation.models import Unit, UnitKind

    top = max(1, count - count // 4)
    units = Unit.objects.bulk_create(
        Unit(code=f"J{number:02d}", name=f"Jednostka {number:02d}", kind=UnitKind.DEPARTMENT)
        for number in range(1, top + 1)
    )
    children = Unit.objects.bulk_create(
        Unit(
            code=f"J{number:02d}",
            name=f"Jednostka {number:02d}",
            kind=UnitKind.ORGANISATIONAL_UNIT,
            parent=units[(number - top - 1) % min(top, 5)],
        )
        for number in range(top + 1, count + 1)
    )
    return units + children


def _users(rng, count, units):
    """The press office, then representatives and experts of the units; returns who is who."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from cms.organisation.models import Membership, MembershipRole
    from cms.plugin_api.migrations import COORDINATORS, MODERATORS, REPRESENTATIVES, SUBJECT_EXPERTS

    User = get_user_model()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"user{number:05d}",
            email=f"user{number:05d}@um.example.pl",
            first_name=rng.choice(["Anna", "Jan", "Ewa", "Piotr", "Maria", "Tomasz"]),
            last_name=f"Nowak-{number}",
            password=unusable,
        )
        for number in range(count)
    )
    UserProfile.objects.bulk_create(UserProfile(user=user) for user in users)
    groups = {group.name: group for group in Group.objects.all()}
    press, staff = users[:PRESS_OFFICE], users[PRESS_OFFICE:]
    coordinators, moderators = press[: PRESS_OFFICE - 3], press[PRESS_OFFICE - 3 :]
    in_group = [(user, groups[COORDINATORS]) for user in coordinators]
    in_group += [(user, groups[MODERATORS]) for user in moderators]
    in_group += [
        (user, groups[SUBJECT_EXPERTS] if rng.random() < 0.2 else groups[REPRESENTATIVES]) for user in staff
    ]
    Membered = User.groups.through
    Membered.objects.bulk_create(Membered(user_id=user.pk, group_id=group.pk) for user, group in in_group)
    members = {unit.pk: [] for unit in units}
    memberships = []
    for number, user in enumerate(staff):
        unit = units[number % len(units)]
        first = number < len(units)  # the first member of every unit is its head
        role = (
            MembershipRole.UNIT_HEAD
            if first
            else rng.choices(
                [MembershipRole.REPRESENTATIVE, MembershipRole.SUBJECT_EXPERT, MembershipRole.UNIT_HEAD],
                [70, 25, 5],
            )[0]
        )
        memberships.append(Membership(user=user, unit=unit, role=role))
        members[unit.pk].append(user)
        if rng.random() < 0.1:
            other = rng.choice([u for u in units if u != unit])
            memberships.append(Membership(user=user, unit=other, role=MembershipRole.REPRESENTATIVE))
            members[other.pk].append(user)
    Membership.objects.bulk_create(memberships)
    parent = next(unit for unit in units if unit.parent_id is None and unit.children.exists())
    representative = next(
        m.user for m in memberships if m.unit == parent and m.role == MembershipRole.REPRESENTATIVE
    )
    print(f"Units: {len(units)}, users: {count}", flush=True)
    return {"coordinators": coordinators, "members": members, "representative": representative}


def _journalists(rng):
    from plugins.crm.demo import FEMALE_NAMES, MALE_NAMES, SURNAMES, surname
    from plugins.crm.models import Journalist, Outlet, OutletKind

    outlets = Outlet.objects.bulk_create(
        Outlet(name=f"Redakcja {number}", kind=rng.choice(OutletKind.values)) for number in range(500)
    )
    people, review = [], datetime.date.today() + datetime.timedelta(days=365)
    for _ in range(JOURNALISTS):
        gender = rng.choice("fm")
        first = rng.choice(FEMALE_NAMES if gender == "f" else MALE_NAMES)
        last = surname(rng.choice(SURNAMES), gender)
        people.append(Journalist(first_name=first, last_name=last, data_source="bench", review_at=review))
    return Journalist.objects.bulk_create(people, batch_size=BATCH), outlets


def _inquiries(rng, count, units, people, journalists, outlets):
    """``count`` inquiries in batches with their assignments, experts, topics and deadlines; rows made."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from tqdm import tqdm

    from cms.core.models import Topic
    from cms.sla.models import Deadline
    from plugins.crm.demo import BEATS
    from plugins.inquiries.models import Assignment, Inquiry, InquiryKind, ResponsePolicy

    now = timezone.now()
    kinds = list(InquiryKind.objects.all())
    policies = {policy.priority: policy for policy in ResponsePolicy.objects.all()}
    topics = [Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in BEATS]
    content_type = ContentType.objects.get_for_model(Inquiry)
    Experts, Topics = Assignment.experts.through, Inquiry.topics.through
    rows = 0
    with tqdm(total=count, unit=" inquiries", desc="Inquiries", mininterval=1) as bar:
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            made = Inquiry.objects.bulk_create(
                _inquiry(rng, start + number, now, kinds, policies, people, journalists, outlets)
                for number in range(size)
            )
            assignments, topic_rows = [], []
            for inquiry in made:
                for unit in rng.sample(units, rng.choices([1, 2, 3], [70, 25, 5])[0]):
                    contributed = None if inquiry.state in OPEN else inquiry.received_at + _hours(rng, 4, 60)
                    assignments.append(
                        Assignment(
                            inquiry=inquiry,
                            unit=unit,
                            due_at=inquiry.received_at + datetime.timedelta(days=3),
                            contributed_at=contributed,
                            contribution="Odpowiedź jednostki." if contributed else "",
                        )
                    )
                if rng.random() < 0.6:
                    topic_rows.append(Topics(inquiry_id=inquiry.pk, topic_id=rng.choice(topics).pk))
            assignments = Assignment.objects.bulk_create(assignments)
            experts = [
                Experts(assignment_id=a.pk, user_id=rng.choice(people["members"][a.unit_id]).pk)
                for a in assignments
                if people["members"][a.unit_id] and rng.random() < 0.7
            ]
            Experts.objects.bulk_create(experts)
            Topics.objects.bulk_create(topic_rows)
            deadlines = Deadline.objects.bulk_create(_deadlines(made, assignments, content_type, now))
            rows += len(made) + len(assignments) + len(experts) + len(topic_rows) + len(deadlines)
            bar.update(size)
    return rows


def _hours(rng, low, high):
    return datetime.timedelta(hours=rng.uniform(low, high))


def _inquiry(rng, number, now, kinds, policies, people, journalists, outlets):
    from plugins.inquiries.models import Inquiry, Priority

    received = now - datetime.timedelta(days=rng.uniform(0, 365 * YEARS))
    is_open = rng.random() < OPEN_SHARE
    pool = OPEN if is_open else DONE
    state = rng.choices(list(pool), list(pool.values()))[0]
    priority = rng.choices(Priority.values, [10, 65, 18, 7])[0]
    answered = None if is_open or state == "withdrawn" else received + _hours(rng, 2, 400)
    closed = answered + _hours(rng, 1, 100) if answered and state == "closed" else None
    if state == "withdrawn":
        closed = received + _hours(rng, 2, 200)
    due = received + datetime.timedelta(days=14)
    if is_open:  # a tenth of the open cases overdue, the others due in two days to two weeks
        due = now - _hours(rng, 1, 100) if rng.random() < 0.1 else now + _hours(rng, 48, 330)
    journalist = rng.choice(journalists)
    fill = {
        "street": rng.choice(STREETS),
        "place": rng.choice(PLACES),
        "line": rng.randint(1, 40),
        "year": received.year,
    }
    subject = rng.choice(SUBJECTS).format(**fill)
    return Inquiry(
        number=f"PR/{received.year}/{number + 1:07d}",
        kind=rng.choice(kinds),
        priority=priority,
        subject=subject,
        question=f"{subject}: proszę o informację o terminach, kosztach i wykonawcy.",
        journalist=journalist,
        outlet=rng.choice(outlets),
        reply_to=f"dziennikarz{journalist.pk}@redakcja.example.pl",
        received_at=received,
        coordinator=None if state == "new" else rng.choice(people["coordinators"]),
        state=state,
        policy=policies.get(priority) or policies.get(""),
        due_at=due,
        statutory_due_at=received + datetime.timedelta(days=14),
        answered_at=answered,
        closed_at=closed,
    )


def _deadlines(inquiries, assignments, content_type, now):
    """The answer deadline of each open case and the internal deadline of each of its units.

    Deadlines past due were escalated (as the sweep does), the others are in the future.
    """
    from cms.sla.models import Deadline
    from plugins.inquiries.models.inquiries import OPEN_STATES

    def deadline(inquiry, key, label, due, unit_id=None):
        swept = due + datetime.timedelta(minutes=4) if due <= now else None
        return Deadline(
            content_type=content_type,
            object_id=inquiry.pk,
            key=key,
            label=label,
            unit_id=unit_id,
            due_at=due,
            remind_at=due - datetime.timedelta(hours=4),
            reminded_at=swept,
            escalated_at=swept,
        )

    open_ids = {inquiry.pk: inquiry for inquiry in inquiries if inquiry.state in OPEN_STATES}
    for inquiry in open_ids.values():
        yield deadline(inquiry, "answer", "Odpowiedź", inquiry.due_at)
    for assignment in assignments:
        inquiry = open_ids.get(assignment.inquiry_id)
        if inquiry is not None:
            due = inquiry.due_at - datetime.timedelta(days=1)
            if inquiry.due_at > now:  # not due while the benchmark runs
                due = max(due, now + datetime.timedelta(days=2))
            yield deadline(inquiry, assignment.deadline_key, "Termin wewnętrzny", due, assignment.unit_id)


# Requests


def _representative(user):
    from rest_framework.authtoken.models import Token

    return user, Token.objects.create(user=user).key


def _scenarios(count):
    """{side: [(group, product URL, baseline URL)]}: pages across the scoped list, filtered first pages."""
    from urllib.parse import urlencode

    from django.urls import reverse

    admin = reverse("inquiries:index")
    last = max(1, -(-count // PAGE_SIZE))
    pages = sorted({1, 2, min(10, last), max(1, last // 2), last})
    filters = [{"state": "waiting_for_unit"}, {"state": "closed"}]

    def url(base, params):
        return f"{base}?{urlencode(params)}"

    api, html = [], []
    for page in pages:
        params = {"limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE}
        api.append((PAGES, url(API, params), url(JSON_BASELINE, params)))
        html.append((PAGES, url(admin, {"p": page}), url(HTML_BASELINE, params)))
    for params in filters:
        api.append((FILTERS, url(API, {"limit": PAGE_SIZE, **params}), url(JSON_BASELINE, params)))
        html.append((FILTERS, url(admin, params), url(HTML_BASELINE, params)))
    api.append(
        (FILTERS, url(API, {"limit": PAGE_SIZE, "overdue": "true"}), url(JSON_BASELINE, {"overdue": 1}))
    )
    html.append((FILTERS, url(admin, {"overdue": "true"}), url(HTML_BASELINE, {"overdue": 1})))
    return {"API": api, "admin": html}


def _urlconf():
    return measure.urlconf(
        "bench_inquiries_urls", {JSON_BASELINE: _json_baseline, HTML_BASELINE: _html_baseline}
    )


def _page(request):
    """(total, rows) of the page the request asks for, unscoped, as simply as Django can."""
    from plugins.inquiries.models import Inquiry

    inquiries = Inquiry.objects.all()
    params = request.GET
    if "state" in params:
        inquiries = inquiries.filter(state=params["state"])
    if params.get("overdue") == "1":
        inquiries = inquiries.overdue()
    offset = int(params.get("offset", 0))
    limit = int(params.get("limit", PAGE_SIZE))
    page = inquiries.order_by("-received_at", "-pk")[offset : offset + limit]
    return inquiries.count(), list(
        page.values_list("pk", "number", "subject", "state", "received_at", "due_at")
    )


def _json_baseline(request):
    from django.http import JsonResponse

    total, rows = _page(request)
    keys = ("id", "number", "subject", "state", "received_at", "due_at")
    return JsonResponse(
        {"count": total, "results": [dict(zip(keys, row, strict=True)) for row in rows]},
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


HTML_TEMPLATE = """<!doctype html><title>Zapytania</title><p>{{ total }}</p><table>
{% for pk, number, subject, state, received, due in rows %}<tr><td><a href="/i/{{ pk }}/">{{ number }}: \
{{ subject }}</a></td><td>{{ state }}</td><td>{{ received }}</td><td>{{ due }}</td></tr>
{% endfor %}</table>"""


def _html_baseline(request):
    from django.http import HttpResponse, HttpResponseForbidden
    from django.template import engines

    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    total, rows = _page(request)
    template = engines["django"].from_string(HTML_TEMPLATE)
    return HttpResponse(template.render({"total": total, "rows": rows}, request))


def _check(clients, scenarios, user):
    """Every request answers 200; the API lists exactly the cases the representative may see."""
    from cms.organisation.scoping import scoped
    from plugins.inquiries.models import Inquiry

    for side, triples in scenarios.items():
        for _group, product, baseline in triples:
            for url in (product, baseline):
                response = clients[side].get(url)
                if response.status_code != 200:
                    sys.exit(f"{url} answered {response.status_code}: {response.content[:500]!r}")
    visible = scoped(Inquiry.objects.all(), user)
    listed = clients["API"].get(f"{API}?limit=100").json()
    if listed["count"] != visible.count() or listed["count"] == Inquiry.objects.count():
        sys.exit("The API's list is not the representative's scoped list; the comparison would be unfair.")
    expected = list(visible.order_by("-received_at", "-pk").values_list("pk", flat=True)[:100])
    if [item["id"] for item in listed["results"]] != expected:
        sys.exit("The API lists other cases than the representative's, or in another order.")
    return listed["count"]


def _lists(options, seeded):
    from django.test import Client
    from django.test.utils import override_settings

    from cms.heap import freeze_startup_objects

    user, token = _representative(seeded["representative"])
    clients = {
        "API": Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Token {token}"),
        "admin": Client(SERVER_NAME="localhost"),
    }
    clients["admin"].force_login(user)
    with override_settings(ROOT_URLCONF=_urlconf()):
        from cms.organisation.scoping import scoped
        from plugins.inquiries.models import Inquiry

        count = scoped(Inquiry.objects.all(), user).count()
        scenarios = _scenarios(count)
        _check(clients, scenarios, user)
        freeze_startup_objects()  # as cms.wsgi does in a server process
        latencies = {}
        for side, triples in scenarios.items():
            urls = {"list": [p for _g, p, _b in triples], "baseline": [b for _g, _p, b in triples]}
            for each in urls.values():
                measure.run(
                    clients[side], each, len(each) * 2
                )  # warm-up: caches, the database's and Python's
            for kind in urls:
                latencies[side, kind] = {group: [] for group in (ALL, PAGES, FILTERS)}
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
            admin_name="inquiries:index",
            admin_sizes=ADMIN_PAGE_SIZES,
        )
    return {"count": count, "user": user, "scenarios": scenarios, "latencies": latencies, "queries": queries}


# The sweep


def _sweep(options):
    """Time the sweep with nothing due, then with the deadlines of ``--sweep-cases`` open cases due."""
    from django.core import mail
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from cms.notifications.models import Notification
    from cms.sla import sweep
    from cms.sla.models import Deadline
    from plugins.inquiries.models import Inquiry

    open_cases = Inquiry.objects.open().count()
    deadlines = Deadline.objects.open()
    counted = []

    def count(execute, sql, params, many, context):
        counted.append(1)
        return execute(sql, params, many, context)

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        idle = []
        for _ in range(5):
            began = time.perf_counter()
            if sweep.sweep() != (0, 0):
                sys.exit("Deadlines came due before the sweep was timed; the idle sweep would not be idle.")
            idle.append(time.perf_counter() - began)

        now = timezone.now()
        hour = datetime.timedelta(hours=1)
        open_ids = Inquiry.objects.open().order_by("pk").values_list("pk", flat=True)
        cases = list(open_ids[: options.sweep_cases])
        chosen = deadlines.filter(object_id__in=cases)
        chosen.filter(object_id__in=cases[::2]).update(due_at=now - hour, remind_at=now - 5 * hour)
        chosen.exclude(object_id__in=cases[::2]).update(remind_at=now - hour / 6, due_at=now + 3 * hour)
        ids = sorted(chosen.values_list("pk", flat=True))
        baseline = _marking(ids, now)
        chosen.update(reminded_at=None, escalated_at=None)

        mail.outbox = []
        with connection.execute_wrapper(count):
            began = time.perf_counter()
            reminded, escalated = sweep.sweep(now + datetime.timedelta(seconds=1))
            busy = time.perf_counter() - began
        mails = len(mail.outbox)
    return {
        "open": open_cases,
        "open_deadlines": deadlines.count(),
        "idle": statistics.median(idle),
        "cases": len(cases),
        "reminded": reminded,
        "escalated": escalated,
        "busy": busy,
        "baseline": baseline,
        "queries": len(counted),
        "notifications": Notification.objects.count(),
        "mails": mails,
    }


def _marking(ids, now):
    """The baseline: the same rows marked with plain bulk updates, in the sweep's batches."""
    from django.db import transaction

    from cms.sla.models import Deadline
    from cms.sla.sweep import BATCH as SWEEP_BATCH

    began = time.perf_counter()
    for start in range(0, len(ids), SWEEP_BATCH):
        with transaction.atomic():
            batch = ids[start : start + SWEEP_BATCH]
            Deadline.objects.filter(pk__in=batch).update(reminded_at=now, escalated_at=now)
    return time.perf_counter() - began


# Report


def _measure(options, seeded):
    from django.db import connection

    lists = _lists(options, seeded)
    swept = _sweep(options)
    version = ".".join(str(part) for part in connection.get_database_version())
    print(
        f"\n\nDatabase: {connection.display_name} {version}, {connection.settings_dict['NAME']} (throw-away)"
    )
    print(
        f"{options.inquiries:,} inquiries, {options.users:,} users, {options.units} units; "
        f"{seeded['rows']:,} rows generated at {seeded['rows'] / seeded['seconds']:,.0f} rows/s"
    )
    user = lists["user"]
    codes = ", ".join(m.unit.code for m in user.unit_memberships.select_related("unit"))
    print(
        f"Representative {user.username} of {codes} and the units below: "
        f"{lists['count']:,} of {options.inquiries:,} inquiries in scope"
    )
    print(
        f"Requests through Django's test client in this process; {options.requests} per side and round, "
        f"{options.repeat} rounds. Page size {PAGE_SIZE}."
    )
    print(f"API:   {API} with the representative's token; baseline {JSON_BASELINE} (unscoped, JSON)")
    print(f"admin: {lists['scenarios']['admin'][0][1]} logged in; baseline {HTML_BASELINE} (unscoped, HTML)")
    print("Each: pages across the scoped list, then the first page filtered by state (2) and overdue\n")
    print(f"{'':<16}{'list ms p50':>12}{'p95':>8}{'baseline p50':>14}{'p95':>8}{'ratio p50':>11}{'p95':>7}")
    for side in lists["scenarios"]:
        for group in (ALL, PAGES, FILTERS):
            mine = measure.percentiles(lists["latencies"][side, "list"][group])
            base = measure.percentiles(lists["latencies"][side, "baseline"][group])
            print(
                f"{side + ' ' + group:<16}{mine[0]:>12.1f}{mine[1]:>8.1f}{base[0]:>14.1f}{base[1]:>8.1f}"
                f"{mine[0] / base[0]:>11.1f}{mine[1] / base[1]:>7.1f}"
            )
    failed = False
    for side, counts in lists["queries"].items():
        print(f"\nSQL queries per {side} request:")
        for label, number in counts.items():
            print(f"  {label:<28}{number:>4}")
        if len(set(counts.values())) > 1:
            print(f"FAIL: the {side} list's query count depends on the page size or the page.")
            failed = True
        else:
            print(f"OK: the {side} list's query count depends on neither the page size nor the page.")
    _print_sweep(swept)
    return 1 if failed else 0


def _print_sweep(swept):
    handled = swept["reminded"] + swept["escalated"]
    busy, idle, open_cases = swept["busy"], swept["idle"], swept["open"]
    print(
        f"\nSLA sweep (cms.sla.sweep): {open_cases:,} open cases, {swept['open_deadlines']:,} open deadlines"
    )
    print(
        f"  nothing due: {idle * 1000:.1f} ms per sweep ({idle / open_cases * 10000 * 1000:.1f} ms per "
        f"10,000 "
        "open cases)"
    )
    print(
        f"  {swept['cases']:,} open cases due: {handled:,} deadlines ({swept['reminded']:,} reminded, "
        f"{swept['escalated']:,} escalated) in {busy:.1f} s"
    )
    print(
        f"  time per 10,000 open cases due: {busy / swept['cases'] * 10000:.1f} s; "
        f"per deadline {busy / handled * 1000:.2f} ms"
    )
    baseline = swept["baseline"]
    print(
        "  baseline, the same rows marked by plain bulk updates in the sweep's batches: "
        f"{baseline * 1000:.1f} ms; ratio {busy / baseline:,.0f}"
    )
    print(
        f"  SQL queries per deadline: {swept['queries'] / handled:.1f}; notifications per deadline "
        f"{swept['notifications'] / handled:.1f}; e-mails per deadline {swept['mails'] / handled:.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())
