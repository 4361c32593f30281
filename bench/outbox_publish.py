"""Publishing social posts through the outbox with RQ workers, against the ideal of the platform's own time.

    .venv/bin/python -m bench.outbox_publish [--posts 1000] [--channels 3] [--delay 0.05] [--workers 1,4]

Needs PostgreSQL (``DATABASE_URL``: the workers are separate processes writing at once) and
Redis (``REDIS_URL``; the benchmark uses database ``--redis-db`` (12) on that server instead,
flushed before and after).

1. In a throw-away database (bench.throwaway): a press room, ``--channels`` channels on the
   connector platforms that ship a sandbox (Facebook, Mastodon and the webhook first; more
   channels than platforms share them), each set up as the connector's ``sandbox_channel``
   says; ``--posts`` social posts targeting every channel, each text carrying a marker of its
   own; then one delivery per post and channel with ``publishing.schedule``, its jobs held back.
2. The sandboxes (``cms.outbox.sandboxes``) answer every request after ``--delay`` seconds,
   served under ``/<platform>/`` by a threaded server in this process (a thread per request,
   so concurrent workers never wait for each other there). The workers reach Facebook through
   ``FACEBOOK_GRAPH_URL``, the other platforms through their channel settings.
3. For each count in ``--workers``: every delivery back to *queued*, due now (attempts
   deleted), fresh sandboxes; ``publishing.hand_out()`` enqueues a job per delivery, then
   N ``manage.py rqworker publishing --burst --job-class cms.jobs.worker.Job`` start, as
   production runs them (RQ forks a work horse per job; ``--worker-class`` changes that). The
   wall time runs from the hand-out until the last worker has exited. Ideal = platform
   requests x delay / N: the time the platform alone needs when the workers keep it busy.
   Efficiency = ideal / wall time. Start-up: N workers started the same way on an empty
   queue, until they have all exited.

Prints a table per run and the speed-up of the largest worker count over the smallest; exits
with 1 when a delivery did not end *published* after one attempt, a platform received a post
more often than it has channels for it (or never), a worker failed, or a job failed.
"""

import argparse
import collections
import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bench import throwaway
from cms.outbox.sandbox_base import serving

ROOT = Path(__file__).resolve().parent.parent
#: Platforms taken first, in this order; then any other connector with a sandbox.
PREFERRED = ("facebook", "mastodon", "webhook")
WORKER = ("manage.py", "rqworker", "publishing", "--burst", "--job-class", "cms.jobs.worker.Job")


def main(argv=None):
    options = _arguments(argv)
    redis_url = _services(options)
    with _environment(redis_url) as (var_dir, server):
        import django_rq

        redis = django_rq.get_connection("publishing")
        redis.flushdb()
        try:
            return _run(options, var_dir, server, redis_url)
        finally:
            redis.flushdb()


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=1000, help="social posts (1000)")
    parser.add_argument("--channels", type=int, default=3, help="channels every post targets (3)")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per platform request (0.05)")
    parser.add_argument("--workers", default="1,4", help="worker counts, one run each (1,4)")
    parser.add_argument("--redis-db", type=int, default=12, help="Redis database used and flushed (12)")
    parser.add_argument(
        "--worker-class",
        default="",
        help="rqworker --worker-class, e.g. rq.worker.SimpleWorker (default: RQ's Worker, a fork per job)",
    )
    options = parser.parse_args(argv)
    options.workers = [int(count) for count in options.workers.split(",")]
    return options


def _services(options):
    """REDIS_URL pointed at ``--redis-db``; refuses to run without PostgreSQL and Redis."""
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "bench.outbox_publish needs PostgreSQL: set DATABASE_URL to a PostgreSQL server "
            "(its workers are separate processes writing at once, which SQLite does not take)."
        )
    redis = os.environ.get("REDIS_URL", "")
    if not redis:
        sys.exit("bench.outbox_publish needs Redis for its RQ workers: set REDIS_URL.")
    parts = urlsplit(redis)
    if parts.scheme == "unix":
        query = {**dict(parse_qsl(parts.query)), "db": str(options.redis_db)}
        return urlunsplit(parts._replace(query=urlencode(query)))
    return urlunsplit(parts._replace(path=f"/{options.redis_db}"))


class Sandboxes:
    """The connectors' sandboxes under ``/<platform>/``, fresh for each run; when each request arrived."""

    def __init__(self, delay):
        from cms.outbox.sandboxes import Mount

        self.delay = delay
        self.mount = Mount({})
        self.arrivals = []

    def __call__(self, environ, start_response):
        self.arrivals.append(time.monotonic())
        return self.mount(environ, start_response)

    def reset(self):
        from cms.outbox.sandboxes import sandboxes

        apps = sandboxes()
        for app in apps.values():
            app.delay = self.delay
        self.mount.apps = apps
        self.arrivals = []

    @property
    def apps(self):
        return self.mount.apps


class Workers:
    """``manage.py rqworker publishing --burst`` processes, their output in ``<var_dir>/<name>.log``."""

    def __init__(self, env, var_dir, worker_class=""):
        self.command = [sys.executable, *WORKER, *(["--worker-class", worker_class] if worker_class else [])]
        self.env = env
        self.var_dir = Path(var_dir)

    def run(self, count, name):
        """Start ``count`` workers and wait until they have all exited; their exit codes."""
        with open(self.var_dir / f"{name}.log", "ab") as log:
            started = [
                subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log, stderr=log)  # noqa: S603
                for _number in range(count)
            ]
            return [worker.wait(timeout=3600) for worker in started]

    def log(self, name):
        return (self.var_dir / f"{name}.log").read_text(errors="replace")[-3000:]


@contextlib.contextmanager
def _environment(redis_url):
    """Isolated settings with Redis, the sandbox server listening, Django set up, the throw-away database."""
    with tempfile.TemporaryDirectory(prefix="komunikat-bench-") as var_dir:
        throwaway.isolate(var_dir)
        os.environ["REDIS_URL"] = redis_url
        with serving(None) as server:  # its app is set by _run
            # Read by the Facebook connector, here and in the workers (which inherit the environment).
            os.environ["FACEBOOK_GRAPH_URL"] = f"http://127.0.0.1:{server.server_port}/facebook"
            import django

            django.setup()
            with throwaway.database(var_dir):
                yield var_dir, server


def _run(options, var_dir, server, redis_url):
    base = f"http://127.0.0.1:{server.server_port}"
    platform = Sandboxes(options.delay)
    server.set_app(platform)
    channels = _channels(options.channels, base)
    print(f"Channels: {', '.join(f'{c.name} ({c.platform})' for c in channels)}; sandboxes at {base}/")
    _posts(options.posts, channels)
    env = {**os.environ, "DATABASE_URL": throwaway.database_url(), "REDIS_URL": redis_url}
    workers = Workers(env, var_dir, options.worker_class)
    results = [_measure(count, options, platform, workers, channels) for count in options.workers]
    return _report(options, results)


# --- set-up ------------------------------------------------------------------------------------------------
def _platforms():
    """Connectors with a sandbox and a demo channel on it, preferred platforms first."""
    from cms.outbox.registry import connectors

    found = {key: cls for key, cls in connectors().items() if cls.sandbox and cls.sandbox_channel}
    ordered = [key for key in PREFERRED if key in found] + sorted(set(found) - set(PREFERRED))
    return [(key, found[key]) for key in ordered]


def _channels(count, base):
    """``count`` channels, taking the platforms in turn, each as its connector's ``sandbox_channel``."""
    from cms.organisation.models import Unit
    from cms.outbox.models import Channel

    platforms = _platforms()
    if not platforms:
        sys.exit("No active connector ships a sandbox with a sandbox_channel: nothing to publish to.")
    unit, _created = Unit.objects.get_or_create(code="BP", defaults={"name": "Biuro Prasowe"})
    channels = []
    for number in range(count):
        key, cls = platforms[number % len(platforms)]
        demo = cls.sandbox_channel
        settings = {
            name: str(value).replace("{sandbox}", f"{base}/{key}")
            for name, value in demo.get("settings", {}).items()
        }
        credentials = demo.get("credentials", {})
        account = settings.get(cls.account_field) or credentials.get(cls.account_field, "")
        suffix = f" {number // len(platforms) + 1}" if count > len(platforms) else ""
        channels.append(
            Channel.objects.create(
                platform=key,
                name=f"{demo['name']}{suffix}",
                account_id=account,
                owner_unit=unit,
                credentials=credentials,
                settings=settings,
            )
        )
    return channels


def _marker(number):
    """A word only post ``number`` carries: letters and digits, the same in JSON, forms and URLs."""
    return f"bench{number:06d}x"


MARKER = re.compile(r"bench(\d{6})x")


def _posts(count, channels):
    """``count`` live social posts under a press room, each with one delivery per channel."""
    from django.utils import timezone
    from wagtail.models import Page

    from cms.editorial.models import PressRoomIndexPage, SocialPostPage
    from cms.jobs import held_back
    from cms.outbox import publishing

    press_room = Page.objects.get(depth=2).add_child(
        instance=PressRoomIndexPage(title="Komunikaty", slug="komunikaty")
    )
    began = time.perf_counter()
    posts = []
    with held_back(publishing.publish):
        for number in range(count):
            post = SocialPostPage(
                title=f"Objazd nr {number + 1}",
                slug=f"objazd-{number + 1}",
                text=f"Od poniedziałku objazd ul. Długiej, odcinek {number + 1} ({_marker(number)}).",
                target_channels=channels,
            )
            press_room.add_child(instance=post)
            posts.append(post)
            _progress("Creating posts", number + 1, count, began)
        created = time.perf_counter()
        for number, post in enumerate(posts):
            publishing.schedule(post, channels, timezone.now())
            _progress("Scheduling deliveries", number + 1, count, created)
    print(
        f"{count} posts in {created - began:.1f} s, {count * len(channels)} deliveries scheduled in "
        f"{time.perf_counter() - created:.1f} s."
    )


def _progress(label, done, total, began):
    if done == total or done % max(1, total // 20) == 0:
        end = "\n" if done == total else ""
        print(f"\r{label}: {done}/{total} ({time.perf_counter() - began:.1f} s)", end=end, flush=True)


# --- the runs -----------------------------------------------------------------------------------------------
def _reset_deliveries():
    """Every delivery queued and due now, never tried."""
    from django.utils import timezone

    from cms.outbox.models import Delivery, DeliveryAttempt, DeliveryStatus

    DeliveryAttempt.objects.all().delete()
    now = timezone.now()
    Delivery.objects.update(
        status=DeliveryStatus.QUEUED,
        attempt_count=0,
        external_id="",
        url="",
        published_at=None,
        last_error="",
        due_at=now,
        next_attempt_at=now,
        enqueued_at=None,
    )


def _measure(count, options, platform, workers, channels):
    """One run: hand out every delivery, ``count`` workers publish them; the times, calls and checks."""
    import django_rq
    from rq.registry import FailedJobRegistry

    from cms.outbox import publishing

    idle = f"idle-{count}"
    began = time.monotonic()
    codes = workers.run(count, idle)
    startup = time.monotonic() - began
    if any(codes):
        sys.exit(f"A worker on an empty queue stopped with {codes}:\n{workers.log(idle)}")

    _reset_deliveries()
    platform.reset()
    failed = FailedJobRegistry(queue=django_rq.get_queue("publishing"))
    failed_before = failed.count
    print(f"Publishing with {count} worker(s) ...", flush=True)
    began = time.monotonic()
    handed = publishing.hand_out()
    handed_out = time.monotonic()
    codes = workers.run(count, f"workers-{count}")
    ended = time.monotonic()
    calls = sum(len(app.requests) for app in platform.apps.values())
    failed_jobs = failed.count - failed_before
    return {
        "workers": count,
        "handed": handed,
        "calls": calls,
        "hand_out": handed_out - began,
        "first_call": (min(platform.arrivals) - began) if platform.arrivals else None,
        "wall": ended - began,
        "startup": startup,
        "ideal": calls * options.delay / count,
        "codes": codes,
        "failed_jobs": failed_jobs,
        "log": workers.log(f"workers-{count}") if any(codes) or failed_jobs else "",
        "problems": _problems(platform, options.posts, channels),
    }


def _problems(platform, posts, channels):
    """What went wrong: deliveries not published in one attempt, posts a platform got too often or never."""
    from cms.outbox.models import AttemptOutcome, Delivery, DeliveryStatus

    problems = []
    statuses = collections.Counter(Delivery.objects.values_list("status", flat=True))
    if set(statuses) != {DeliveryStatus.PUBLISHED}:
        problems.append(f"deliveries by status: {dict(statuses)}")
    attempts = Delivery.objects.exclude(attempts__outcome=AttemptOutcome.PUBLISHED).count()
    repeated = sum(1 for d in Delivery.objects.prefetch_related("attempts") if len(d.attempts.all()) != 1)
    if attempts or repeated:
        problems.append(f"{attempts} deliveries without a published attempt, {repeated} with other than one")
    expected = collections.Counter(channel.platform for channel in channels)
    for key, app in platform.apps.items():
        if key not in expected:
            continue
        # A request names a post once or more (text, title...): count each request once per post.
        received = collections.Counter(
            number for record in app.requests for number in {int(n) for n in MARKER.findall(repr(record))}
        )
        twice = sum(1 for number in range(posts) if received[number] > expected[key])
        never = sum(1 for number in range(posts) if not received[number])
        if twice or never:
            problems.append(
                f"{key}: {twice} posts received more often than its {expected[key]} channel(s), {never} never"
            )
    return problems


# --- the report ---------------------------------------------------------------------------------------------
def _report(options, results):
    from django.db import connection

    version = ".".join(str(part) for part in connection.get_database_version())
    kind = options.worker_class or "rq.Worker, a work horse forked per job"
    print(
        f"\nDatabase: {connection.display_name} {version} (throw-away); Redis database {options.redis_db}; "
        f"CPUs: {os.cpu_count()}, shared by the workers ({kind}), PostgreSQL, Redis and the sandboxes "
        f"({options.delay * 1000:.0f} ms per request).\n"
    )
    print(
        "| workers | deliveries | platform calls | wall s | deliveries/s | ideal s | efficiency "
        "| hand-out s | first call s | start-up s | efficiency after start-up | worker ms per delivery |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run in results:
        first = f"{run['first_call']:.1f}" if run["first_call"] is not None else "–"
        working = run["wall"] - run["startup"]
        after = f"{run['ideal'] / working:.2f}" if working > 0 else "–"
        busy = run["wall"] - (run["first_call"] or 0)
        per_delivery = busy * run["workers"] / max(run["handed"], 1) * 1000
        print(
            f"| {run['workers']} | {run['handed']} | {run['calls']} | {run['wall']:.1f} "
            f"| {run['handed'] / run['wall']:.1f} | {run['ideal']:.1f} | {run['ideal'] / run['wall']:.2f} "
            f"| {run['hand_out']:.1f} | {first} | {run['startup']:.1f} | {after} | {per_delivery:.0f} |"
        )
    last = results[-1]
    own = last["calls"] * options.delay * 1000 / max(last["handed"], 1)
    print(
        f"\nIdeal: platform calls x {options.delay * 1000:.0f} ms / workers; efficiency: ideal / wall. "
        f"The platform's own time\nper delivery: {own:.0f} "
        "ms. Hand-out: enqueueing the jobs. First call: from the hand-out to the first\nrequest a sandbox "
        "received. Start-up: as many workers started on an empty queue, until all exited.\nEfficiency after "
        "start-up: ideal / (wall - start-up). Worker ms per delivery: (wall - first call) x workers\n"
        "/ deliveries."
    )
    if len(results) > 1:
        low, high = results[0], results[-1]
        print(
            f"Speed-up of {high['workers']} workers over {low['workers']}: {low['wall'] / high['wall']:.2f}x "
            f"(ideal {high['workers'] / low['workers']:.2f}x)."
        )
    print()
    ok = True
    for run in results:
        checks = [
            (not any(run["codes"]), f"workers exited with {run['codes']}"),
            (not run["failed_jobs"], f"failed jobs: {run['failed_jobs']}"),
            (not run["problems"], "; ".join(run["problems"]) or "every delivery published once, none twice"),
        ]
        for passed, text in checks:
            print(f"{'OK  ' if passed else 'FAIL'} {run['workers']} worker(s): {text}")
            ok = ok and passed
        if run["log"]:
            print(run["log"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
