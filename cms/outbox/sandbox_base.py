"""What every platform sandbox shares, and the server they run on.

A sandbox (see :mod:`cms.outbox.sandboxes`) subclasses :class:`Sandbox` and answers in
:meth:`Sandbox.handle`; the base records each request, can fail or lag on demand, and writes
the JSON answer. :func:`serve` runs any WSGI app on a local threaded server. Only the standard
library, so a plugin's sandbox can be imported early (its connector module does).
"""

import contextlib
import email.parser
import email.policy
import functools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from socketserver import ThreadingMixIn
from typing import NamedTuple
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.util import application_uri, request_uri


class Upload(NamedTuple):
    """A file of a multipart body; its fields read by name too (``upload["data"]``)."""

    filename: str
    content_type: str
    data: bytes

    def __getitem__(self, key):
        return getattr(self, key) if isinstance(key, str) else tuple.__getitem__(self, key)


@dataclass
class Request:
    """One request as a sandbox received it; fields read as attributes or by name (``request["path"]``)."""

    method: str
    #: The path after the mount point: ``/api/v1/statuses``.
    path: str
    query_string: str
    #: Names title-cased (``Linkedin-Version``), ``Content-Type`` included.
    headers: dict
    body: bytes = b""
    #: Name -> values, as :func:`~urllib.parse.parse_qs` gives them.
    query: dict = field(default_factory=dict)
    #: A url-encoded or multipart body's fields: name -> value (a list of values for ``name[]``).
    form: dict = field(default_factory=dict)
    #: A multipart body's files by field name, each an :class:`Upload`.
    files: dict = field(default_factory=dict)
    #: A JSON body, parsed (None for any other body, or JSON that does not parse).
    json: object = None
    #: The full address asked, and the application's address (no trailing slash) for links in answers.
    uri: str = field(default="", repr=False)
    base: str = field(default="", repr=False)

    def __getitem__(self, name):
        return getattr(self, name)

    @staticmethod
    def parse_query(query_string):
        return parse_qs(query_string)

    @classmethod
    def read(cls, environ):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        content_type = environ.get("CONTENT_TYPE", "")
        headers = {
            key[5:].replace("_", "-").title(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        headers["Content-Type"] = content_type
        request = cls(
            method=environ["REQUEST_METHOD"],
            path=environ.get("PATH_INFO") or "/",
            query_string=environ.get("QUERY_STRING", ""),
            headers=headers,
            body=body,
            query=cls.parse_query(environ.get("QUERY_STRING", "")),
            uri=request_uri(environ),
            base=application_uri(environ).rstrip("/"),
        )
        if content_type.startswith("application/x-www-form-urlencoded"):
            request.form = _fields(parse_qs(body.decode(), keep_blank_values=True).items())
        elif content_type.startswith("multipart/form-data"):
            request.form, request.files = _multipart(content_type, body)
        elif content_type.startswith("application/json") and body:
            with contextlib.suppress(ValueError):
                request.json = json.loads(body)
        return request


class Sandbox:
    """A WSGI app standing in for a platform: records requests, answers JSON, fails or lags on demand.

    :meth:`handle` runs under ``lock``, one request at a time; the ``delay`` is waited outside it,
    so slow answers overlap as a platform's do.
    """

    #: The Content-Type of every answer.
    content_type = "application/json"
    #: (method, path pattern, handler method name), found by :meth:`route` in this order.
    routes = ()
    #: What each request is read and recorded as.
    request_class = Request

    def __init__(self):
        self.lock = threading.RLock()
        #: Every request received, in order.
        self.requests = []
        #: Seconds to wait before answering each request.
        self.delay = 0.0
        self._failures = []
        self._routes = [(method, re.compile(pattern), name) for method, pattern, name in self.routes]

    def fail_next(self, status=500, body=None, headers=None, times=1):
        """Answer the next ``times`` requests with ``status``, ``body`` (JSON; the platform's own if None)
        and ``headers`` instead of handling them."""
        if body is None:
            body = self.failure_body(status)
        with self.lock:
            self._failures += [(status, body, headers or {})] * times

    def requests_to(self, method, path_end):
        """Recorded requests with this method whose path ends with ``path_end``."""
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path.endswith(path_end)]

    # --- for subclasses -------------------------------------------------------------------------------

    def handle(self, request):
        """The answer: (status, JSON body or None for an empty one, headers)."""
        raise NotImplementedError

    def failure_body(self, status):
        """The body of an error :meth:`fail_next` was given none for."""
        return {"error": phrase(status)}

    def response_headers(self, request):
        """Headers every answer carries besides the Content-Type."""
        return []

    def route(self, method, path):
        """The handler of the first route matching, its named path groups bound as keywords; or None."""
        for verb, pattern, name in self._routes:
            found = pattern.fullmatch(path)
            if found and verb == method:
                return functools.partial(getattr(self, name), **found.groupdict())
        return None

    # --- WSGI -----------------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        request = self.request_class.read(environ)
        with self.lock:
            self.requests.append(request)
            failure = self._failures.pop(0) if self._failures else None
        if self.delay:
            time.sleep(self.delay)
        with self.lock:  # the state is read and written, and the answer serialised, by one request at a time
            status, body, headers = failure or self.handle(request)
            payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        start_response(
            f"{status} {phrase(status)}",
            [
                ("Content-Type", self.content_type),
                ("Content-Length", str(len(payload))),
                *self.response_headers(request),
                *headers.items(),
            ],
        )
        return [payload]


def phrase(status):
    """The reason phrase of an HTTP status ("" for a code HTTP does not name)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _fields(pairs):
    return {name: values if name.endswith("[]") else values[-1] for name, values in pairs}


def _multipart(content_type, body):
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields, files = {}, {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is not None:
            files[name] = Upload(part.get_filename(), part.get_content_type(), payload)
        else:
            fields.setdefault(name, []).append(payload.decode())
    return _fields(fields.items()), files


# --- serving ------------------------------------------------------------------------------------------


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    #: Many clients connecting at once (a benchmark's workers) are queued, not refused.
    request_queue_size = 256


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(app, host="127.0.0.1", port=0):
    """The server of ``app``, serving in a daemon thread, a thread per request, with no request log.

    Port 0 takes a free one (``server.server_port``); ``shutdown()`` then ``server_close()`` stops it.
    """
    server = make_server(host, port, app, server_class=_Server, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextlib.contextmanager
def serving(app, host="127.0.0.1", port=0):
    """:func:`serve` for a ``with`` block: yields the server, stops it at the end."""
    server = serve(app, host, port)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
