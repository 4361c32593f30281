"""Running manage.py and the server in subprocesses, as an operator would."""

import email
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL")


def embedded_env(tmp_path, **extra):
    """An environment for the embedded default: no service URLs, data in ``tmp_path``."""
    env = {
        k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES and not k.startswith("KOMUNIKAT_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        KOMUNIKAT_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), extra.pop("PYTHONPATH", "")])),
    )
    env.update(extra)
    return env


def manage(*args, env, check=True, timeout=300):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30):
    """Wait until something listens on ``port`` on loopback."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"Nothing listens on port {port} after {timeout} s") from None
            time.sleep(0.2)


def fetch(url, headers=None):
    """(status, content type, body) of a GET, without raising on HTTP errors."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


class Server:
    """``manage.py runserver`` in a subprocess, stopped on exit."""

    def __init__(self, env):
        self.port = free_port()
        self.env = env
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"runserver exited:\n{self.process.stdout.read()}")
            try:
                fetch(self.url + "/healthz/")
                return self
            except OSError:
                time.sleep(0.3)
        raise AssertionError("runserver did not answer within 60 s")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)

    def get(self, path, **kwargs):
        return fetch(self.url + path, **kwargs)


def run_jobs(*queues):
    """Run what waits on the RQ queues (default: all) in this process, as a worker would."""
    import django_rq
    from django.conf import settings
    from rq import SimpleWorker

    from cms.jobs.worker import Job

    names = queues or settings.JOB_QUEUES
    worker = SimpleWorker(
        [django_rq.get_queue(name) for name in names], connection=django_rq.get_connection(), job_class=Job
    )
    worker.work(burst=True)


class Mailbox:
    """An SMTP handler keeping what it accepts; ``refused`` addresses fail at RCPT, ``rejected`` at DATA."""

    def __init__(self):
        self.messages = []
        self.refused = set()
        self.rejected = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.rejected & set(envelope.rcpt_tos):
            return "554 mailbox full"
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for recipients, message in self.messages if recipients == [address]]
