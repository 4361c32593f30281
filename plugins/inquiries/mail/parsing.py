"""Reading one e-mail with the standard library's ``email`` package (modern policy).

``parse(raw)`` gives the sender, subject, text, attachments and threading headers,
or raises Unparseable with the reason when the message is damaged: not an
e-mail at all, a multipart message cut short or without its parts, no sender to
answer. ``parse(raw, lenient=True)`` reads whatever can be read and never raises.
An e-mail without a Message-ID gets one derived from its bytes, so it is still
taken in only once.
"""

import datetime
import hashlib
import html
import mimetypes
import re
from dataclasses import dataclass, field
from email import errors, policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

import nh3
from django.utils import timezone
from django.utils.translation import gettext

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
#: Damage that loses part of the message: its parts cannot be told apart, or it is cut short.
BROKEN_STRUCTURE = (
    errors.StartBoundaryNotFoundDefect,
    errors.CloseBoundaryNotFoundDefect,
    errors.NoBoundaryInMultipartDefect,
    errors.MultipartInvariantViolationDefect,
)
BROKEN_ENCODING = (
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64LengthDefect,
)
SYSTEM_SENDERS = {"mailer-daemon", "postmaster"}
AUTOMATIC_PRECEDENCE = {"auto_reply", "bulk", "junk"}
PREVIEW_CHARS = 20_000
_PARAGRAPH_END = re.compile(r"<\s*/(?:p|h[1-6]|blockquote|table|ul|ol)\s*>", re.IGNORECASE)
_LINE_END = re.compile(r"<\s*(?:br|/div|/li|/tr)\b[^>]*>", re.IGNORECASE)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


class Unparseable(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Mail:
    sender: str = ""
    sender_name: str = ""
    reply_to: str = ""
    subject: str = ""
    body: str = ""
    message_id: str = ""
    in_reply_to: list = field(default_factory=list)
    references: list = field(default_factory=list)
    date: datetime.datetime | None = None
    #: (file name, bytes) of every attachment.
    attachments: list = field(default_factory=list)
    #: (file name, reason) of attachments whose content is damaged.
    damaged: list = field(default_factory=list)
    #: Why this is an automatic message (an auto-reply, a bounce, bulk mail), or "".
    automatic: str = ""


def parse(raw, *, lenient=False):
    """The parts of the e-mail ``raw`` (bytes) the intake needs."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        mail = _read(message)
    except Exception as error:  # the email package raises many kinds of errors on damaged input
        if not lenient:
            raise Unparseable(gettext("The e-mail cannot be read: %(error)s") % {"error": error}) from error
        message, mail = None, Mail(body=_clean(raw.decode("utf-8", errors="replace")))
    mail.message_id = mail.message_id or f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@komunikat.invalid>"
    if not lenient:
        problem = _damage(message, mail)
        if problem:
            raise Unparseable(problem)
    return mail


def headline(raw):
    """(sender, subject) as well as they can be read, for the quarantine list."""
    mail = parse(raw, lenient=True)
    return mail.sender, mail.subject


def preview(raw):
    """(headers as (name, value) pairs, the text) of an e-mail, however damaged, for a person to read."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    try:
        headers = [(name, _clean(str(value))) for name, value in message.items()]
    except Exception:  # a header that cannot be decoded: show them all as they came
        headers = [(name, _clean(value)) for name, value in message.raw_items()]
    return headers, parse(raw, lenient=True).body[:PREVIEW_CHARS]


def html_to_text(markup):
    """Plain text of an HTML body: tags stripped (nh3), line breaks kept, entities decoded."""
    marked = _LINE_END.sub("\n", _PARAGRAPH_END.sub("\n\n", markup))
    text = html.unescape(nh3.clean(marked, tags=set()))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _read(message):
    sender_name, sender = _address(message, "From")
    mail = Mail(
        sender=sender,
        sender_name=sender_name,
        reply_to=_address(message, "Reply-To")[1],
        subject=" ".join(_text(message, "Subject").split()),
        body=_body(message),
        message_id=next(iter(MESSAGE_ID.findall(_text(message, "Message-ID"))), "")[:255],
        in_reply_to=MESSAGE_ID.findall(_text(message, "In-Reply-To")),
        references=MESSAGE_ID.findall(_text(message, "References")),
        date=_date(message),
    )
    mail.attachments, mail.damaged = _attachments(message)
    mail.automatic = _automatic(message, sender)
    return mail


def _damage(message, mail):
    if message is None or not message.keys():
        return gettext("This is not an e-mail: it has no headers.")
    if any(isinstance(d, BROKEN_STRUCTURE) for part in message.walk() for d in part.defects):
        return gettext("The e-mail is damaged: its parts cannot be told apart, or it is cut short.")
    if not mail.sender:
        return gettext("The e-mail has no sender address to answer.")
    return ""


def _text(message, name):
    try:
        return _clean(str(message.get(name, "") or ""))
    except Exception:  # an undecodable header reads as empty
        return ""


def _clean(text):
    """``text`` safe to store: raw 8-bit bytes (kept by the parser as surrogates) read as UTF-8, no NULs."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\x00", "")


def _address(message, name):
    """(display name, address) of the first address in header ``name``; empty strings when there is none."""
    try:
        addresses = message[name].addresses if message[name] is not None else ()
    except Exception:  # a damaged address header: no address
        addresses = ()
    for address in addresses:
        if address.username and address.domain:
            return _clean(address.display_name), _clean(address.addr_spec)
    return "", ""


def _date(message):
    try:
        value = parsedate_to_datetime(_text(message, "Date"))
    except (TypeError, ValueError):
        return None
    return value if timezone.is_aware(value) else None


def _body(message):
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = _decoded(part)
    return (html_to_text(content) if part.get_content_subtype() == "html" else content).strip()


def _decoded(part):
    """The text of ``part`` in its declared charset; undeclared: UTF-8, else Windows-1250 (Polish mailers)."""
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset:
        try:
            return _clean(data.decode(charset, errors="replace"))
        except LookupError:
            pass
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _clean(data.decode("cp1250", errors="replace"))


#: Signature parts of signed e-mails (S/MIME, PGP): checked by mail clients, never kept as files.
SIGNATURES = {"application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"}


def _attachments(message):
    kept, damaged = [], []
    parts = message.iter_attachments() if message.is_multipart() else []
    if not message.is_multipart() and message.get_content_maintype() != "text":
        parts = [message]  # the whole e-mail is one file
    for number, part in enumerate(parts, 1):
        if part.get_content_type() in SIGNATURES:
            continue  # a signature of the e-mail, not a file the journalist sends
        name = _file_name(part, number)
        if part.get_content_maintype() == "message":
            data = bytes(part.get_content())
        else:
            data = part.get_payload(decode=True) or b""
        if any(isinstance(d, BROKEN_ENCODING) for d in part.defects):
            damaged.append((name, gettext("“%(name)s” is damaged in the e-mail.") % {"name": name}))
        kept.append((name, data))
    return kept, damaged


def _file_name(part, number):
    name = (
        _UNSAFE_NAME.sub("", _clean(part.get_filename() or "")).replace("\\", "/").rpartition("/")[2].strip()
    )
    if name:
        return name[:200]
    content_type = part.get_content_type()
    extension = ".eml" if content_type == "message/rfc822" else mimetypes.guess_extension(content_type) or ""
    return f"attachment-{number}{extension}"


def _automatic(message, sender):
    submitted = _text(message, "Auto-Submitted").strip().lower()
    if submitted and submitted != "no":
        return gettext("An automatic message (Auto-Submitted: %(value)s).") % {"value": submitted}
    if message.get_content_type() == "multipart/report":
        return gettext("A delivery or read report.")
    if sender.partition("@")[0].lower() in SYSTEM_SENDERS:
        return gettext("A report of the mail system (%(sender)s).") % {"sender": sender}
    if _text(message, "X-Autoreply") or _text(message, "X-Autorespond"):
        return gettext("An automatic reply.")
    precedence = _text(message, "Precedence").strip().lower()
    if precedence in AUTOMATIC_PRECEDENCE:
        return gettext("A bulk or automatic message (Precedence: %(value)s).") % {"value": precedence}
    return ""
