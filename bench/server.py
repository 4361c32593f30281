"""The product on gunicorn in a subprocess, for benchmarks that measure it over HTTP.

    with gunicorn(var_dir, workers=3) as port:
        ...  # http://127.0.0.1:<port>/

Production settings (no TLS redirect: that ends at the reverse proxy, not part of a run), the
throw-away database, a fresh secret key; gunicorn's output goes to ``<var_dir>/gunicorn.log``.
"""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench import throwaway

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def gunicorn(var_dir, workers, *, app="cms.wsgi:application", args=(), environment=None):
    """Start gunicorn serving ``app``; yield its port once /healthz/ answers; stop it afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": throwaway.database_url(),
        "STATIC_ROOT": os.path.join(var_dir, "static"),
        **(environment or {}),
    }
    os.makedirs(env["STATIC_ROOT"], exist_ok=True)
    log = Path(var_dir) / "gunicorn.log"
    bind = f"127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", app, "--bind", bind, "--workers", str(workers), *args]
    print(f"Starting gunicorn with {workers} sync worker(s) on 127.0.0.1:{port} ...", flush=True)
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)  # noqa: S603
        try:
            _wait_until_up(process, port, log)
            yield port
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(process, port, log):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped with {process.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", "/healthz/")
                if connection.getresponse().status == 200:
                    return
            finally:
                connection.close()
        time.sleep(0.5)
    sys.exit(f"gunicorn did not answer within two minutes:\n{log.read_text()[-3000:]}")
