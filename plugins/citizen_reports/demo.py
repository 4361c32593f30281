"""Demo citizen reports: four months of Wierzbin's reports in every state, and what they need.

Called by ``manage.py seed_demo`` after the core demo's units and users. Adds
what is missing (units and municipal companies, their people, districts,
categories with questions, deadlines and routing rules, the live "Zgłoś
problem" page, an Open311 key), then, when there are no reports yet, 308
reports from the form, Open311 and the phone, seeded so every run builds the
same ones relative to today.

Every report goes through the plugin's services (intake.submit, handling,
replies), so states, timelines, deadlines, approvals and notifications agree.
The services record "now"; each step is then dated to when it happened
(:class:`Clock`), and the SLA sweep runs once, as the scheduler would have.
Nothing is e-mailed: staff notifications go to Django's dummy backend and the
citizens' acknowledgements and updates, jobs that would run after the commit,
are dropped (``cms.jobs.held_back``).
"""

import contextlib
import datetime
import io
import math
import random
import secrets
from collections import Counter
from dataclasses import dataclass, field

from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Case, DateTimeField, F, Max, Value, When
from django.db.models.signals import post_save
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw
from tqdm import tqdm
from wagtail.models import ModelLogEntry, Page

from cms.approvals.models import Decision, TextVersion
from cms.core.models import HomePage
from cms.core.working_time import add_working_hours, working_hours_between
from cms.jobs import held_back
from cms.notifications.models import Notification
from cms.organisation.models import Membership, Unit
from cms.sla import sweep
from cms.sla.models import Deadline
from plugins.citizen_reports import citizen_mail, deadlines, handling, intake, replies, routing
from plugins.citizen_reports import demo_content as content
from plugins.citizen_reports.models import (
    Area,
    Category,
    CategoryQuestion,
    Open311Key,
    Report,
    ReportPage,
    ReportPhoto,
    ReportPolicy,
    ReportState,
    ReportUpdate,
    RoutingRule,
    Source,
    Target,
)

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"
S = ReportState
ON_TIME, LATE, OVERDUE, REOPENED, CITIZEN_REOPENED, HANDED_BACK, MOVED, NEARBY = (
    "on time",
    "late",
    "overdue",
    "reopened",
    "reopened by the citizen",
    "handed back",
    "moved",
    "nearby",
)
# (final state, how many, variant, received between this many days ago and that many)
PLAN = [
    (S.RESOLVED, 128, ON_TIME, 3, 120),
    (S.RESOLVED, 26, LATE, 25, 120),
    (S.RESOLVED, 12, MOVED, 10, 110),
    (S.RESOLVED, 8, REOPENED, 30, 110),
    (S.REJECTED, 22, ON_TIME, 1, 120),
    (S.DUPLICATE, 24, ON_TIME, 1, 115),
    (S.IN_PROGRESS, 24, ON_TIME, 0, 12),
    (S.IN_PROGRESS, 12, OVERDUE, 28, 75),
    (S.IN_PROGRESS, 4, CITIZEN_REOPENED, 8, 20),
    (S.ASSIGNED, 16, ON_TIME, 0, 6),
    (S.ASSIGNED, 4, NEARBY, 0, 6),
    (S.ASSIGNED, 6, OVERDUE, 28, 60),
    (S.VERIFIED, 5, ON_TIME, 0, 4),
    (S.VERIFIED, 5, HANDED_BACK, 0, 6),
    (S.RECEIVED, 12, ON_TIME, 0, 3),
]
SOURCES = [Source.FORM] * 13 + [Source.OPEN311] * 4 + [Source.PHONE] * 2 + [Source.EMAIL]


def load(command):
    """Add the missing setup and, unless there are reports already, the reports; report to the command."""
    city = City.gather()
    if city is None:
        return
    if not Report.objects.exists():
        rng = random.Random(7)  # noqa: S311 - repeatable demo data, not secrets
        plans = city.plans(rng)
        with (
            transaction.atomic(),
            override_settings(EMAIL_BACKEND=DUMMY_MAIL),
            held_back(citizen_mail.mail_acknowledgement, citizen_mail.mail_update),
            tqdm(
                total=len(plans),
                desc=_("Citizen reports"),
                unit=_("reports"),
                disable=None,
                leave=False,
                file=command.stderr._out,
            ) as bar,
            Clock(city.now).running() as clock,
        ):
            for plan in plans:
                DemoReport(city, clock, rng, plan).build()
                bar.update()
            clock.settle()
            _sweep(city.now)
    counts = Counter(Report.objects.values_list("state", flat=True))
    command.stdout.write(
        _("Citizen reports: %(reports)d reports (%(states)s), %(categories)d categories, %(areas)d areas.")
        % {
            "reports": sum(counts.values()),
            "states": ", ".join(f"{label}: {counts[value]}" for value, label in S.choices),
            "categories": Category.objects.count(),
            "areas": Area.objects.count(),
        }
    )
    if city.key:
        command.stdout.write(
            _("Open311 key of “%(name)s” (shown only this once): %(key)s")
            % {"name": content.APP_NAME, "key": city.key}
        )
    if city.accounts:
        command.stdout.write(
            _("New citizen report accounts, all with the password %(p)s (shown only this once):")
            % {"p": city.password}
        )
        for username in city.accounts:
            command.stdout.write(f"  {username}")


# --- the setup -----------------------------------------------------------------------------------


@dataclass
class City:
    """The demo's units, people, areas, categories, page and Open311 key, created where missing."""

    now: datetime.datetime
    units: dict
    people: dict  # unit code: {role: user}
    dispatcher: object
    areas: dict
    categories: list  # (Category, its spec in demo_content)
    page: object
    api_key: object
    key: str = ""  # the new Open311 key in clear, when created now
    accounts: list = field(default_factory=list)
    password: str = ""

    @classmethod
    def gather(cls):
        dispatcher = get_user_model().objects.filter(username=content.DISPATCHER, is_active=True).first()
        home = HomePage.objects.first() or Page.objects.filter(depth=2).first()
        if dispatcher is None or home is None:
            return None
        units = demo_units()
        people, accounts, password = _people(units)
        areas = demo_areas()
        api_key, key = demo_api_key()
        return cls(
            now=timezone.now(),
            units=units,
            people=people,
            dispatcher=dispatcher,
            areas=areas,
            categories=demo_categories(units, areas),
            page=demo_page(home),
            api_key=api_key,
            key=key,
            accounts=accounts,
            password=password,
        )

    def handler(self, unit):
        return self.people[unit.code][content.REP]

    def approver(self, unit):
        roles = self.people[unit.code]
        return roles.get(content.EXPERT) or roles[content.HEAD]

    def plans(self, rng):
        """What every report will be, oldest first (so the case numbers follow the dates)."""
        plans = []
        for state, count, variant, first_day, last_day in PLAN:
            for _n in range(count):
                plans.append(self._plan(rng, state, variant, first_day, last_day))
        originals = [
            p for p in plans if p.state not in (S.DUPLICATE, S.REJECTED) and p.variant != NEARBY and p.point
        ]
        for plan in plans:
            if plan.state == S.DUPLICATE or plan.variant == NEARBY:
                self._near(rng, plan, originals)
        return sorted(plans, key=lambda plan: plan.received_at)

    def _plan(self, rng, state, variant, first_day, last_day):
        received = _received(rng, self.now, first_day, last_day)
        month = timezone.localtime(received).month
        queue = state == S.RECEIVED or (state == S.VERIFIED and variant != HANDED_BACK)

        def fits(spec):
            if month not in spec.get("months", range(1, 13)):
                return False
            if queue:
                return not spec["rules"]
            if variant == MOVED:
                return spec["code"] in content.REASSIGN
            return variant != HANDED_BACK or bool(spec["rules"])

        candidates = [(category, spec) for category, spec in self.categories if fits(spec)]
        category, spec = rng.choices(candidates, weights=[spec["weight"] for _c, spec in candidates])[0]
        source = rng.choice(SOURCES)
        district = rng.choice(list(content.DISTRICTS))
        point = None
        if source == Source.OPEN311 or rng.random() < 0.7:
            point = _point_in(rng, self.areas[district].boundary)
        plan = Plan(state, variant, received, category, spec, source, district, point)
        if state in (S.IN_PROGRESS, S.ASSIGNED) and variant == ON_TIME:
            plan.received_at = _open_until_later(rng, self.now, category)
        return plan

    def _near(self, rng, plan, originals):
        """Put the report a few dozen metres from an earlier one of the same category, days later."""
        open_states = (S.IN_PROGRESS, S.ASSIGNED)
        fitting = [
            o
            for o in originals
            if (self.now - o.received_at).days >= 2
            and (plan.variant != NEARBY or (o.state in open_states and (self.now - o.received_at).days < 12))
        ]
        original = rng.choice(fitting or [min(originals, key=lambda o: o.received_at)])
        plan.original, plan.category, plan.spec = original, original.category, original.spec
        plan.district = original.district
        lat, lng = original.point
        plan.point = (lat + rng.uniform(-0.0004, 0.0004), lng + rng.uniform(-0.0006, 0.0006))
        latest = min(
            self.now - datetime.timedelta(hours=1), original.received_at + datetime.timedelta(days=6)
        )
        plan.received_at = original.received_at + (latest - original.received_at) * rng.uniform(0.05, 1)
        plan.source = Source.FORM if plan.source == Source.PHONE else plan.source


def demo_units():
    """{code: Unit} of the units that handle reports, the missing ones created (also used by bench/)."""
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[u[0] for u in content.UNITS])}
    for code, name, kind, parent, email in content.UNITS:
        if code not in units:
            units[code] = Unit.objects.create(
                code=code, name=name, kind=kind, parent=units.get(parent), email=email
            )
    return units


def _people(units):
    """The units' representatives and approvers: existing users reused, missing ones created.

    New accounts share one random password (hashed once: hashing is slow by design).
    """
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in content.PEOPLE])}
    password = secrets.token_urlsafe(9)
    hashed, accounts, people = None, [], {}
    groups = {group.name: group for group in Group.objects.all()}
    for username, first, last, group, code, role in content.PEOPLE:
        user = users.get(username)
        if user is None:
            hashed = hashed or make_password(password)
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@um.wierzbin.pl",
                password=hashed,
            )
            user.groups.add(groups[group])
            accounts.append(username)
        membership = Membership.objects.filter(user=user, unit=units[code]).first()
        if membership is None:
            membership = Membership.objects.create(user=user, unit=units[code], role=role)
        people.setdefault(code, {})[membership.role] = user
    return people, accounts, password


def _outline(name):
    """A district as a polygon: the old town an octagon round the town hall, the others wedges around it."""
    bearing = content.DISTRICTS[name][0]
    lat, lng = content.CENTRE

    def at(degrees, reach):
        radians = math.radians(degrees)
        return [
            round(lat + 0.008 * reach * math.cos(radians), 6),
            round(lng + 0.013 * reach * math.sin(radians), 6),
        ]

    if bearing is None:
        return [at(degrees, 1) for degrees in range(0, 360, 45)]
    inner = [at(bearing + offset, 1) for offset in (-45, 0, 45)]
    outer = [at(bearing + offset, 4.2 - abs(offset) / 60) for offset in (45, 20, 0, -20, -45)]
    return inner + outer


def demo_areas():
    """{name: Area} of Wierzbin's districts, the missing ones created."""
    areas = {area.name: area for area in Area.objects.filter(name__in=list(content.DISTRICTS))}
    for name in content.DISTRICTS:
        if name not in areas:
            areas[name] = Area.objects.create(name=name, boundary=_outline(name))
    return areas


def demo_categories(units, areas):
    """[(Category, its spec)]: the missing ones created with their questions, rules and deadlines."""
    existing = {category.code: category for category in Category.objects.all()}
    categories = []
    for order, spec in enumerate(content.CATEGORIES):
        category = existing.get(spec["code"])
        if category is None:
            category = _category(spec, order, units, areas)
        categories.append((category, spec))
    return categories


def _category(spec, order, units, areas):
    category = Category.objects.create(
        code=spec["code"],
        name=spec["name"],
        group=spec["group"],
        description=spec["description"],
        help_text=spec["help_text"],
        keywords=spec["keywords"],
        order=order,
    )
    CategoryQuestion.objects.bulk_create(
        CategoryQuestion(
            category=category,
            code=code,
            question=question,
            description=help_,
            datatype=datatype,
            required=required,
            values=answers if datatype.endswith("list") else [],
            order=number,
        )
        for number, (code, question, help_, datatype, required, answers) in enumerate(spec["questions"])
    )
    RoutingRule.objects.bulk_create(
        RoutingRule(category=category, area=areas.get(area), unit=units[code])
        for area, code in spec["rules"].items()
    )
    if spec["policy"]:
        (first, first_unit), (resolution, resolution_unit) = spec["policy"]
        ReportPolicy.objects.bulk_create(
            [
                ReportPolicy(
                    name=f"{spec['name']}: pierwsza odpowiedź",
                    category=category,
                    target=Target.FIRST_RESPONSE,
                    amount=first,
                    unit=first_unit,
                    remind_before_hours=1 if first_unit == "working_hours" else 4,
                ),
                ReportPolicy(
                    name=f"{spec['name']}: rozwiązanie",
                    category=category,
                    target=Target.RESOLUTION,
                    amount=resolution,
                    unit=resolution_unit,
                    remind_before_hours=2 if resolution <= 2 else 8,
                ),
            ]
        )
    return category


def demo_page(home):
    """The first live report page, or a new one under ``home``."""
    page = ReportPage.objects.live().order_by("path").first()
    if page is None:
        page = home.add_child(
            instance=ReportPage(
                title=content.PAGE_TITLE,
                slug=content.PAGE_SLUG,
                intro=content.PAGE_INTRO,
                privacy_clause=content.PAGE_PRIVACY,
                thanks=content.PAGE_THANKS,
            )
        )
        page.save_revision().publish()
    return page


def demo_api_key():
    """(the Open311 key of the city's app, the key in clear when created now, else "")."""
    record = Open311Key.objects.active().filter(name=content.APP_NAME).first()
    if record is not None:
        return record, ""
    admin = get_user_model().objects.filter(username="admin").first()
    return Open311Key.objects.create_key(content.APP_NAME, admin)


# --- when things happen ------------------------------------------------------------------------


def _received(rng, now, first_day, last_day):
    """A moment citizens write at (mostly daytime, any day of the week), between the two days back."""
    local = timezone.localtime(now)
    day = local.date() - datetime.timedelta(days=rng.randint(first_day, last_day))
    minutes = rng.randint(6 * 60, 22 * 60) if rng.random() < 0.85 else rng.randint(22 * 60, 24 * 60 - 1)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60)))
    return min(moment, now - datetime.timedelta(minutes=rng.randint(40, 240)))


def _open_until_later(rng, now, category):
    """A moment recent enough that the category's resolution deadline is still ahead."""
    policy = ReportPolicy.objects.for_report(category, Target.RESOLUTION)
    back = datetime.timedelta(days=12)
    while True:
        moment = now - back * rng.uniform(0.05, 1) - datetime.timedelta(minutes=40)
        if policy is None or policy.due_from(moment) > now + datetime.timedelta(hours=2):
            return moment
        back *= 0.6


def _point_in(rng, boundary):
    lats, lngs = [p[0] for p in boundary], [p[1] for p in boundary]
    while True:
        point = (rng.uniform(min(lats), max(lats)), rng.uniform(min(lngs), max(lngs)))
        if routing.contains(boundary, *point):
            return point


def spread(start, end, count, rng):
    """``count`` moments in order between ``start`` and ``end``, in working hours when there are some."""
    hours = working_hours_between(start, end)
    moments = []
    for fraction in sorted(rng.uniform(0.05, 0.95) for _n in range(count)):
        if hours >= 0.5:
            moments.append(min(add_working_hours(start, hours * fraction), end))
        else:
            moments.append(start + (end - start) * fraction)
    return moments


def within(start, end, rng, low, high):
    """A moment ``low``..``high`` of the way from ``start`` to ``end`` (in working hours if there are)."""
    hours = working_hours_between(start, end)
    fraction = rng.uniform(low, high)
    if hours >= 0.5:
        return min(add_working_hours(start, hours * fraction), end)
    return start + (end - start) * fraction


class Steps:
    """Steps of a report in order: some at a fixed moment, the others spread between those."""

    def __init__(self, start, rng):
        self.start, self.rng, self.steps = start, rng, []

    def then(self, action, at=None):
        self.steps.append((at, action))

    def play(self, clock, end):
        """Take every step at its moment (the last ones before ``end``); returns the last moment."""
        anchors = [(-1, self.start)] + [(i, at) for i, (at, _a) in enumerate(self.steps) if at]
        anchors.append((len(self.steps), end))
        moments = {}
        for (i, begin), (j, finish) in zip(anchors, anchors[1:], strict=False):
            moments[j] = finish
            for k, moment in enumerate(spread(begin, max(begin, finish), j - i - 1, self.rng), i + 1):
                moments[k] = moment
        for i, (_at, action) in enumerate(self.steps):
            with clock.at(moments[i], notifies=getattr(action, "notifies", False)):
                action(moments[i])
        return moments[len(self.steps) - 1] if self.steps else self.start


def notifying(step):
    """Mark a step that may notify people (the clock then dates the notifications it sent)."""
    step.notifies = True
    return step


class Clock:
    """Dates what the services recorded as "now" to the moment a demo step happened.

    Rows saved one by one during a step are noted (post_save) with the step's
    moment; notifications, inserted in bulk, by the highest id after the step.
    ``settle()`` dates them all with a few updates per table; notifications older
    than a day are marked read.
    """

    STAMPED = {
        ReportUpdate: ("created_at",),
        ReportPhoto: ("created_at",),
        ModelLogEntry: ("timestamp",),
        TextVersion: ("created_at",),
        Decision: ("decided_at",),
    }
    READ_AFTER = datetime.timedelta(days=1)
    CHUNK = 500

    def __init__(self, now):
        self.now, self.moment = now, None
        self.created = {model: {} for model in self.STAMPED}  # model: {moment: [ids]}
        self.notified = []  # (moment, highest notification id after the step)
        self.last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0

    @contextlib.contextmanager
    def running(self):
        for model in self.STAMPED:
            post_save.connect(self._noted, sender=model, dispatch_uid=f"report-demo-{model.__name__}")
        try:
            yield self
        finally:
            for model in self.STAMPED:
                post_save.disconnect(sender=model, dispatch_uid=f"report-demo-{model.__name__}")

    def _noted(self, sender, instance, created, **kwargs):
        if created and self.moment is not None:
            self.created[sender].setdefault(self.moment, []).append(instance.pk)

    @contextlib.contextmanager
    def at(self, moment, notifies=False):
        """Rows created meanwhile happened at ``moment``; ``notifies``: the step may notify people."""
        self.moment = moment
        try:
            yield
        finally:
            self.moment = None
        if notifies:
            self.notified.append((moment, Notification.objects.aggregate(last=Max("pk"))["last"] or 0))

    def settle(self):
        for model, moments in self.created.items():
            for chunk in _chunks(list(moments.items()), self.CHUNK):
                model.objects.filter(pk__in=[pk for _m, ids in chunk for pk in ids]).update(
                    **{name: _dates(chunk, name) for name in self.STAMPED[model]}
                )
        ranges, low = [], self.last_notification
        for moment, high in self.notified:
            if high > low:
                ranges.append((moment, low, high))
                low = high
        for chunk in _chunks(ranges, self.CHUNK):
            created = [When(pk__gt=lo, pk__lte=hi, then=Value(m)) for m, lo, hi in chunk]
            read = [
                When(pk__gt=lo, pk__lte=hi, then=Value(m + datetime.timedelta(hours=2)))
                for m, lo, hi in chunk
                if m < self.now - self.READ_AFTER
            ]
            Notification.objects.filter(pk__gt=chunk[0][1], pk__lte=chunk[-1][2]).update(
                created_at=Case(*created, default=F("created_at"), output_field=DateTimeField()),
                read_at=Case(*read, default=F("read_at"), output_field=DateTimeField())
                if read
                else F("read_at"),
            )


def _chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


def _dates(chunk, name):
    whens = [When(pk__in=ids, then=Value(moment)) for moment, ids in chunk]
    return Case(*whens, default=F(name), output_field=DateTimeField())


def _sweep(now):
    """Remind and escalate what is due now; deadlines met late were escalated when they passed."""
    sweep.sweep(now)
    reports = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Report))
    noticed = datetime.timedelta(minutes=4)  # the sweep runs every five minutes
    reports.filter(met_at__gt=F("due_at")).update(
        escalated_at=F("due_at") + noticed, reminded_at=F("due_at") + noticed
    )
    reports.filter(met_at__gt=F("remind_at"), met_at__lte=F("due_at")).update(
        reminded_at=F("remind_at") + noticed
    )


# --- one report ----------------------------------------------------------------------------------


@dataclass
class Plan:
    state: str
    variant: str
    received_at: datetime.datetime
    category: object
    spec: dict
    source: str
    district: str
    point: tuple | None
    original: "Plan | None" = None
    report: Report | None = None


class DemoReport:
    """One report submitted and taken through the services to its planned state."""

    def __init__(self, city, clock, rng, plan):
        self.city, self.clock, self.rng, self.plan = city, clock, rng, plan
        self.report = None
        text = rng.choice(plan.spec["texts"])
        self.description, self.dispatch_to = (
            text if isinstance(text, tuple) else (text, plan.spec.get("dispatch_to"))
        )

    def build(self):
        plan, rng = self.plan, self.rng
        with self.clock.at(plan.received_at):
            self.report = plan.report = intake.submit(
                self._submission(), received_at=plan.received_at, user=self._staff()
            )
        steps = Steps(plan.received_at, rng)
        end = self._work(steps)
        last = steps.play(self.clock, end)
        Report.objects.filter(pk=self.report.pk).update(created_at=plan.received_at, updated_at=last)

    # The submission
    def _staff(self):
        return self.city.dispatcher if self.plan.source in (Source.PHONE, Source.EMAIL) else None

    def _submission(self):
        plan, rng = self.plan, self.rng
        first, last, email = _reporter(rng)
        anonymous = plan.source == Source.FORM and rng.random() < 0.08
        point = plan.point or (None, None)
        open311 = plan.source == Source.OPEN311
        return intake.Submission(
            category=plan.category,
            description=self.description,
            address="" if open311 and rng.random() < 0.5 else self._address(),
            latitude=f"{point[0]:.6f}" if plan.point else None,
            longitude=f"{point[1]:.6f}" if plan.point else None,
            attributes=self._answers(),
            first_name="" if anonymous else first,
            last_name="" if anonymous else last,
            email="" if anonymous or (plan.source == Source.PHONE and rng.random() < 0.5) else email,
            phone=f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
            if plan.source == Source.PHONE or rng.random() < 0.3
            else "",
            consent=plan.source == Source.FORM,
            consent_required=plan.source == Source.FORM,
            source=plan.source,
            media_url=f"https://wierzbin24.example.pl/zdjecia/{rng.getrandbits(48):012x}.jpg"
            if open311 and rng.random() < 0.4
            else "",
            photos=[_photo(rng, plan.spec)] if plan.source == Source.FORM and rng.random() < 0.2 else [],
            page=self.city.page if plan.source == Source.FORM else None,
            api_key=self.city.api_key if open311 else None,
        )

    def _address(self):
        rng, plan = self.rng, self.plan
        if plan.original is not None and plan.original.report.address and rng.random() < 0.6:
            return plan.original.report.address
        _bearing, streets, landmarks = content.DISTRICTS[plan.district]
        (street, _of), (_other, other) = rng.sample(streets, 2)
        number = f"{rng.randint(1, 140)}{rng.choice(['', '', '', 'A', 'B'])}"
        chance = rng.random()
        if chance < 0.5:
            return f"{street} {number}"
        if chance < 0.62:
            return f"{street}, na wysokości numeru {number}"
        if chance < 0.8:
            return f"skrzyżowanie {_of} i {other}"
        return rng.choice(landmarks)

    def _answers(self):
        answers = {}
        for code, _question, _help, datatype, required, values in self.plan.spec["questions"]:
            if not required and self.rng.random() < 0.4:
                continue
            if datatype == "multivaluelist":
                answers[code] = [v["key"] for v in self.rng.sample(values, self.rng.randint(1, 2))]
            elif datatype == "singlevaluelist":
                answers[code] = self.rng.choice(values)["key"]
            elif datatype == "number":
                answers[code] = str(self.rng.randint(*values))
            else:
                answers[code] = self.rng.choice(values)
        return answers

    # The work, planned as steps
    def _work(self, steps):
        """Plan the steps to the planned state; returns the moment the last one is taken by."""
        plan, rng, report, now = self.plan, self.rng, self.report, self.city.now
        latest = now - datetime.timedelta(minutes=20)
        if plan.state == S.DUPLICATE:
            steps.then(self._merge, at=within(plan.received_at, latest, rng, 0.02, 0.2))
            return latest
        if report.unit is None:
            if plan.state == S.VERIFIED or (plan.state != S.RECEIVED and rng.random() < 0.7):
                steps.then(self._verify)
            if plan.state in (S.RECEIVED, S.VERIFIED):
                if rng.random() < 0.3:
                    steps.then(self._note_by(self.city.dispatcher))
                return self._open_end(rng, 0.2, 0.9)
            if plan.state == S.REJECTED and rng.random() < 0.5:
                steps.then(self._reject_by(self.city.dispatcher))
                return self._closing(0.1, 0.5)
            steps.then(self._route)
        elif plan.variant == HANDED_BACK:
            steps.then(self._hand_back)
            return self._open_end(rng, 0.3, 0.9)
        elif plan.variant == MOVED:
            steps.then(self._move)
        if plan.state == S.REJECTED:
            if rng.random() < 0.5:
                steps.then(self._take)
            steps.then(self._reject_by(None))
            return self._closing(0.1, 0.6)
        if plan.state == S.ASSIGNED:
            if rng.random() < 0.3:
                steps.then(self._note)
            return self._open_end(rng, 0.2, 0.9)
        if plan.state == S.IN_PROGRESS or rng.random() < 0.6:
            steps.then(self._take)  # else resolved by the unit without naming a handler
        self._meanwhile(steps)
        if plan.state == S.IN_PROGRESS and plan.variant != CITIZEN_REOPENED:
            self._reply(steps, rng.choice([None, None, None, "drafted", "in approval", "approved", "sent"]))
            return self._open_end(rng, 0.3, 0.95)
        replied = plan.variant != CITIZEN_REOPENED and rng.random() < 0.35
        if replied:
            self._reply(steps, "sent")
        if plan.variant == CITIZEN_REOPENED:
            resolved = within(
                max(plan.received_at, now - datetime.timedelta(days=12)),
                now - datetime.timedelta(days=1),
                rng,
                0.1,
                0.9,
            )
            steps.then(self._resolve(replied), at=resolved)
            steps.then(self._citizen_reopen)
            return within(resolved, latest, rng, 0.2, 0.9)
        if plan.variant == REOPENED:
            first = self._closing(0.2, 0.5)
            steps.then(self._resolve(False), at=first)
            steps.then(self._reopen)
            steps.then(self._note)
            steps.then(self._resolve(False), at=within(first, latest, rng, 0.3, 0.7))
            return latest
        steps.then(self._resolve(replied), at=self._closing(0.3, 0.95))
        return latest

    def _meanwhile(self, steps):
        """What happens while a unit works on it: notes, a public word, the citizen's additions."""
        rng = self.rng
        if rng.random() < 0.4:
            steps.then(self._note)
        if rng.random() < 0.4:
            steps.then(self._public_update)
        if rng.random() < 0.12 and self.report.email:
            steps.then(self._citizen_adds)

    def _open_end(self, rng, low, high):
        latest = self.city.now - datetime.timedelta(minutes=20)
        return within(self.plan.received_at, latest, rng, low, high)

    def _closing(self, low, high):
        """When the report is closed: before its deadline, or (late ones) a while after it."""
        plan, report, rng = self.plan, self.report, self.rng
        latest = self.city.now - datetime.timedelta(hours=1)
        if plan.variant == LATE and report.due_at < latest:
            return min(add_working_hours(report.due_at, rng.uniform(2, 60)), latest)
        return within(plan.received_at, min(report.due_at, latest), rng, low, high)

    # The steps
    def _verify(self, when):
        handling.verify(self.report, self.city.dispatcher)

    @notifying
    def _route(self, when):
        handling.route(self.report, self.city.units[self.dispatch_to], self.city.dispatcher)

    @notifying
    def _move(self, when):
        code, reason = content.REASSIGN[self.plan.spec["code"]]
        unit = self.city.units[code]
        if unit != self.report.unit:
            handling.route(self.report, unit, self.city.dispatcher, reason)

    @notifying
    def _hand_back(self, when):
        handling.hand_back(
            self.report, self.city.handler(self.report.unit), self.rng.choice(content.HAND_BACKS)
        )

    def _merge(self, when):
        handling.merge(self.report, self.plan.original.report, self.city.dispatcher)
        self._dated(when)

    def _take(self, when):
        handling.take(self.report, self.city.handler(self.report.unit))

    def _note_by(self, user):
        return lambda when: handling.add_note(self.report, user, self.rng.choice(content.NOTES))

    def _note(self, when):
        user = self.city.handler(self.report.unit) if self.report.unit else self.city.dispatcher
        handling.add_note(self.report, user, self.rng.choice(content.NOTES))

    def _public_update(self, when):
        handling.add_public_update(
            self.report, self.city.handler(self.report.unit), self.rng.choice(self.plan.spec["updates"])
        )
        self._dated(when)

    @notifying
    def _citizen_adds(self, when):
        files = [_photo(self.rng, self.plan.spec)] if self.rng.random() < 0.5 else []
        handling.citizen_adds(self.report, self.rng.choice(content.CITIZEN_ADDITIONS), files)

    def _reject_by(self, user):
        def reject(when):
            handling.reject(
                self.report, user or self.city.handler(self.report.unit), self.rng.choice(content.REJECTIONS)
            )
            self._dated(when)

        return reject

    def _resolve(self, replied):
        def resolve(when):
            text = (
                "Sprawa załatwiona – szczegóły w odpowiedzi powyżej."
                if replied
                else self.rng.choice(self.plan.spec["done"])
            )
            handling.resolve(self.report, self.city.handler(self.report.unit), text)
            self._dated(when)

        return resolve

    def _reopen(self, when):
        handling.reopen(
            self.report, self.city.handler(self.report.unit), self.rng.choice(content.STAFF_REOPENINGS)
        )
        deadlines.reopened(self.report, at=when)

    @notifying
    def _citizen_reopen(self, when):
        handling.citizen_reopens(self.report, self.rng.choice(content.CITIZEN_REOPENINGS))
        deadlines.reopened(self.report, at=when)

    def _reply(self, steps, stage):
        """A reply drafted by the handler and approved by the unit's expert, up to ``stage``."""
        if stage is None:
            return
        spec, rng = self.plan.spec, self.rng
        text = rng.choice(spec["done"] if self.plan.state == S.RESOLVED else spec["updates"])
        comment, addition = rng.choice(content.REPLY_RETURNS)
        returned = stage != "drafted" and rng.random() < 0.3
        steps.then(lambda when: self._draft(text))
        if returned:
            steps.then(self._submit)
            steps.then(self._decide(False, comment))
            steps.then(lambda when: self._draft(f"{text} {addition}"))
        if stage == "drafted":
            return
        steps.then(self._submit)
        if stage == "in approval":
            return
        steps.then(self._decide(True))
        if stage == "sent":
            steps.then(self._send)

    def _draft(self, text):
        report = self.report
        body = content.REPLY.format(
            number=report.number,
            category=report.category.name.lower(),
            place=report.address or "miejsce wskazane na mapie",
            text=text,
            unit=report.unit.name,
        )
        replies.REPLY.save_draft(report, body, self.city.handler(report.unit))

    @notifying
    def _submit(self, when):
        replies.REPLY.submit(self.report, self.city.handler(self.report.unit))

    def _decide(self, approve, comment=""):
        @notifying
        def decide(when):
            approver = self.city.approver(self.report.unit)
            replies.REPLY.decide(self.report, approver, approve=approve, comment=comment)

        return decide

    def _send(self, when):
        replies.send(self.report, self.city.handler(self.report.unit))
        TextVersion.objects.of(self.report).filter(sent_at__gt=when).update(sent_at=when)
        self._dated(when)

    def _dated(self, when):
        """The first response, resolution and met deadlines the step recorded "now" happened ``when``."""
        report = self.report
        for name in ("first_response_at", "resolved_at"):
            if (getattr(report, name) or when) > when:
                setattr(report, name, when)
                Report.objects.filter(pk=report.pk).update(**{name: when})
        Deadline.objects.of(report).filter(met_at__gt=when).update(met_at=when)


def _reporter(rng):
    gender = rng.choice("mf")
    first = rng.choice(content.FIRST_NAMES[gender])
    last = rng.choice(content.LAST_NAMES)
    last = content.feminine(last) if gender == "f" else last
    login = anyascii(f"{first}.{last}").lower()
    login = rng.choice(
        [login, login.replace(".", ""), f"{login[0]}{anyascii(last).lower()}", f"{login}{rng.randint(1, 99)}"]
    )
    return first, last, f"{login}@example.pl"


def _photo(rng, spec):
    """A small JPEG of the problem: the category's colours and shape (a photo as a phone would send)."""
    background, colour, shape = spec["photo"]
    width, height = 480, 360
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=tuple(max(c - 40, 0) for c in background))
    x, y = rng.randint(120, 360), rng.randint(140, 240)
    if shape in ("lamp", "signal", "sign", "tree"):
        draw.rectangle((x - 6, y - 120, x + 6, y + 90), fill=(70, 70, 70) if shape != "tree" else colour)
        draw.ellipse((x - 40, y - 170, x + 40, y - 90), fill=colour if shape != "tree" else (60, 120, 50))
    elif shape in ("hole", "puddle", "pile", "grass", "snow", "waves"):
        draw.ellipse((x - 110, y + 20, x + 110, y + 90), fill=colour)
    else:
        draw.rectangle((x - 90, y - 60, x + 90, y + 70), fill=colour, outline=(20, 20, 20), width=3)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return f"IMG_{rng.randint(1000, 9999)}.jpg", out.getvalue()
