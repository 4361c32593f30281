"""The press office mailbox over IMAP (plugin settings IMAP_HOST, _PORT, _SSL, _USER, _PASSWORD, _MAILBOX).

Unread messages are fetched by UID without being marked read (``BODY.PEEK``);
the intake marks each one read (\\Seen) only once it is a case or in quarantine,
so a poll that stops half-way loses nothing. A message's key is
``<UIDVALIDITY>:<UID>``, which never names another message of the mailbox.

IMAP_SSL on: TLS from the start (port 993). Off: STARTTLS when the server offers
it; a server without TLS is used only on loopback (the test server).
"""

import datetime
import imaplib
import ipaddress
import ssl
import time
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext

TIMEOUT = 60
_TRUE = {"1", "true", "yes", "on"}


class MailboxError(Exception):
    """The mailbox cannot be reached or refuses a command; nothing was changed."""


@dataclass(frozen=True)
class Fetched:
    uid: str
    key: str
    raw: bytes
    received_at: datetime.datetime | None


def setting(name):
    return apps.get_app_config("inquiries").get_setting(name)


def configured():
    """True when the plugin setting IMAP_HOST names a server."""
    return bool(str(setting("IMAP_HOST")).strip())


class Mailbox:
    """One session with the mailbox::

    with Mailbox.from_settings() as box:
        for fetched in box.unprocessed():
            ...  # take it in
            box.mark_processed(fetched)
    """

    def __init__(self, *, host, port, use_ssl, user, password, name="INBOX", timeout=TIMEOUT):
        self.host, self.port, self.use_ssl = host, int(port), use_ssl
        self.user, self.password, self.name, self.timeout = user, password, name or "INBOX", timeout
        self.client = None
        self.validity = ""

    @classmethod
    def from_settings(cls):
        use_ssl = setting("IMAP_SSL")
        return cls(
            host=str(setting("IMAP_HOST")).strip(),
            port=setting("IMAP_PORT"),
            use_ssl=use_ssl if isinstance(use_ssl, bool) else str(use_ssl).strip().lower() in _TRUE,
            user=setting("IMAP_USER"),
            password=setting("IMAP_PASSWORD"),
            name=setting("IMAP_MAILBOX"),
        )

    def __enter__(self):
        try:
            self.client = self._connect()
            self.client.login(self.user, self.password)
            self._ok(self.client.select(_quoted(self.name)), gettext("open the folder"))
            self.validity = self.client.response("UIDVALIDITY")[1][0].decode()
        except (imaplib.IMAP4.error, OSError) as error:
            self._close()
            raise MailboxError(
                gettext("The mailbox %(user)s@%(host)s cannot be read: %(error)s")
                % {"user": self.user, "host": self.host, "error": error}
            ) from error
        return self

    def __exit__(self, *exc_info):
        self._close()

    def unprocessed(self):
        """Each unread message, oldest first, still unread on the server."""
        for uid in self._command("SEARCH", None, "UNSEEN")[0].split():
            data = self._command("FETCH", uid, "(INTERNALDATE BODY.PEEK[])")
            raw = next((item[1] for item in data if isinstance(item, tuple)), None)
            if raw is None:  # expunged by someone else meanwhile
                continue
            envelope = b" ".join(item[0] if isinstance(item, tuple) else item for item in data)
            yield Fetched(uid.decode(), f"{self.validity}:{uid.decode()}", raw, _internal_date(envelope))

    def mark_processed(self, fetched):
        self._command("STORE", fetched.uid, "+FLAGS.SILENT", r"(\Seen)")

    def _connect(self):
        if self.use_ssl:
            context = ssl.create_default_context()
            return imaplib.IMAP4_SSL(self.host, self.port, ssl_context=context, timeout=self.timeout)
        client = imaplib.IMAP4(self.host, self.port, timeout=self.timeout)
        if "STARTTLS" in client.capabilities:
            client.starttls(ssl.create_default_context())
        elif not _loopback(self.host):
            client.shutdown()
            raise MailboxError(
                gettext("%(host)s offers no TLS; turn IMAP_SSL on or use a server with STARTTLS.")
                % {"host": self.host}
            )
        return client

    def _command(self, *args):
        try:
            return self._ok(self.client.uid(*args), args[0])
        except (imaplib.IMAP4.error, OSError) as error:
            raise MailboxError(
                gettext("The mailbox refused %(command)s: %(error)s") % {"command": args[0], "error": error}
            ) from error

    def _ok(self, response, what):
        status, data = response
        if status != "OK":
            raise imaplib.IMAP4.error(f"{what}: {status} {data!r}")
        return data

    def _close(self):
        if self.client is None:
            return
        try:
            if self.client.state == "SELECTED":
                self.client.close()
            self.client.logout()
        except (imaplib.IMAP4.error, OSError):
            self.client.shutdown()
        self.client = None


def _quoted(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _internal_date(envelope):
    """When the server received the message (its INTERNALDATE), or None."""
    moment = imaplib.Internaldate2tuple(envelope)
    return datetime.datetime.fromtimestamp(time.mktime(moment), tz=datetime.UTC) if moment else None
