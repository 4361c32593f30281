"""Serve every connector's sandbox: stand-ins for Facebook, Mastodon... for demos without real accounts."""

from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.outbox.sandboxes import Mount, sandboxes


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _Handler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


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
        server = make_server(host, port, Mount(apps), server_class=_Server, handler_class=_Handler)
        for key in apps:
            self.stdout.write(f"http://{host}:{port}/{key}/")
        self.stdout.write(_("Sandboxes are serving; stop with Ctrl+C."))
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
