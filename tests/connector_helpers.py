"""Helpers for connector tests: serve a platform sandbox over real HTTP, make channels."""

import contextlib
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_wsgi(app):
    """Serve ``app`` on a free local port in a thread; yield its base URL (no trailing slash)."""
    server = make_server("127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def make_channel(db):
    """``make_channel(platform, credentials={...}, settings={...}, name=..., unit=...)``: a saved Channel."""
    from cms.organisation.models import Unit
    from cms.outbox.models import Channel

    def make(platform, credentials=None, settings=None, name=None, unit=None, **fields):
        unit = unit or Unit.objects.get_or_create(code="BP", defaults={"name": "Biuro Prasowe"})[0]
        return Channel.objects.create(
            platform=platform,
            name=name or f"{platform} {Channel.objects.count() + 1}",
            owner_unit=unit,
            credentials=credentials or {},
            settings=settings or {},
            **fields,
        )

    return make
