"""Serve every connector's sandbox: stand-ins for Facebook, Mastodon... for demos without real accounts."""

import contextlib
import threading

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.outbox.sandbox_base import serving
from cms.outbox.sandboxes import Mount, sandboxes


class Command(BaseCommand):
    help = _("Serve local stand-ins of the social platforms (sandboxes) for demos and tests.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8010)
        parser.add_argument("--delay", type=float, default=0.0, help=_("Seconds each answer takes."))

    def handle(self, *args, host, port, delay, **options):
        apps = sandboxes()
        for app in apps.values():
            app.delay = delay
        with serving(Mount(apps), host, port):
            for key in apps:
                self.stdout.write(f"http://{host}:{port}/{key}/")
            self.stdout.write(_("Sandboxes are serving; stop with Ctrl+C."))
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
