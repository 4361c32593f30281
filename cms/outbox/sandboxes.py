"""Every active connector's sandbox (a local stand-in for its platform) mounted on one WSGI app.

``manage.py platform_sandbox`` serves it for demos; benchmarks and tests start it
in-process (:func:`cms.outbox.sandbox_base.serve`). Each sandbox answers under ``/<platform>/``.
"""

from django.utils.module_loading import import_string

from cms.outbox.registry import connectors


def sandboxes():
    """Platform key -> a fresh sandbox app, for each connector that ships one."""
    return {key: import_string(cls.sandbox)() for key, cls in connectors().items() if cls.sandbox}


class Mount:
    """A WSGI app that hands ``/<platform>/...`` to that platform's sandbox with the prefix stripped."""

    def __init__(self, apps):
        self.apps = apps

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        platform, _, rest = path.lstrip("/").partition("/")
        app = self.apps.get(platform)
        if app is None:
            body = ("No sandbox here; these are: " + ", ".join(f"/{key}/" for key in self.apps)).encode()
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [body]
        environ = {
            **environ,
            "SCRIPT_NAME": environ.get("SCRIPT_NAME", "") + f"/{platform}",
            "PATH_INFO": "/" + rest,
        }
        return app(environ, start_response)
