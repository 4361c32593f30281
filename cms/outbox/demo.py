"""Demo channels: one per connector that ships a sandbox, pointing at ``manage.py platform_sandbox``.

The sandboxes' address is ``KOMUNIKAT_SANDBOX_URL`` (default http://127.0.0.1:8010); ``make run``
starts them there. Platforms whose address is an environment variable (Facebook's
``FACEBOOK_GRAPH_URL``...) are pointed at the sandbox by ``make run`` itself.
"""

import os
import socket
import time
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from cms.organisation.models import Unit
from cms.outbox import health
from cms.outbox.models import Channel
from cms.outbox.registry import connectors

SANDBOX_URL = "http://127.0.0.1:8010"
PRESS_OFFICE = "BP"


def sandbox_url():
    return os.environ.get("KOMUNIKAT_SANDBOX_URL", SANDBOX_URL).rstrip("/")


def _sandbox_up(wait=10.0):
    """Whether the sandboxes answer, waiting a little for ``make run`` to start them."""
    address = urlsplit(sandbox_url())
    deadline = time.monotonic() + wait
    while True:
        try:
            socket.create_connection((address.hostname, address.port or 80), timeout=1).close()
            return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)


def load(command):
    """Connect each sandboxed platform once; check the tokens if the sandboxes are running."""
    if Channel.objects.exists():
        return
    owner = Unit.objects.get(code=PRESS_OFFICE)
    created = []
    for key, cls in connectors().items():
        demo = cls.sandbox_channel
        if not cls.sandbox or not demo:
            continue
        base = f"{sandbox_url()}/{key}"
        settings = {
            name: str(value).replace("{sandbox}", base) for name, value in demo.get("settings", {}).items()
        }
        account = settings.get(cls.account_field) or demo.get("credentials", {}).get(cls.account_field, "")
        created.append(
            Channel.objects.create(
                platform=key,
                name=demo["name"],
                account_id=account,
                owner_unit=owner,
                credentials=demo.get("credentials", {}),
                settings=settings,
            )
        )
    if created and _sandbox_up():
        for channel in created:
            health.check(channel)
    command.stdout.write(
        _("Channels on the platform sandboxes at %(url)s: %(names)s.")
        % {"url": sandbox_url(), "names": ", ".join(f"{c.name} ({c.get_health_display()})" for c in created)}
    )
