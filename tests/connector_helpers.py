"""Helpers for connector tests: serve a platform sandbox over real HTTP, make channels."""

import contextlib

import pytest

from cms.outbox.sandbox_base import serving


@contextlib.contextmanager
def serve_wsgi(app):
    """Serve ``app`` on a free local port in a thread; yield its base URL (no trailing slash)."""
    with serving(app) as server:
        yield f"http://127.0.0.1:{server.server_port}"


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
