"""The connector contract: what a platform plugin implements so posts reach it and comments come back.

A connector plugin lists its classes in ``connectors.py``::

    CONNECTORS = (MastodonConnector,)

The core builds one connector per channel (a connected account) with that
channel's decrypted credentials and settings, and calls it from background jobs
only. A connector talks to its platform and translates; it never touches the
database. Failures are raised as :class:`RetryableError` or
:class:`PermanentError` carrying the platform's own message. docs/plugins.md
walks through a complete connector.
"""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django import forms
from django.utils.translation import gettext_lazy as _


class Capability(StrEnum):
    TEXT = "text"
    LINK = "link"
    IMAGES = "images"
    VIDEO = "video"
    COMMENTS = "comments"
    MESSAGES = "messages"
    INSIGHTS = "insights"
    SCHEDULING = "scheduling"


@dataclass(frozen=True)
class Limits:
    """What one post may hold on the platform; the editorial validation reads this."""

    max_length: int
    max_media: int = 0
    min_media: int = 0
    media_types: tuple[str, ...] = ("image/jpeg", "image/png")
    #: Whether a link is sent inside the text and so counts towards ``max_length``.
    link_in_text: bool = False


# --- what the core hands a connector, and what it gets back ---------------------


@dataclass(frozen=True)
class Media:
    """An image of a post: ``read()`` gives its bytes, ``url`` a public address of it."""

    filename: str
    content_type: str
    alt_text: str
    url: str
    read: object = field(repr=False, compare=False)


@dataclass(frozen=True)
class OutgoingPost:
    """One post variant for one channel."""

    #: Stable for the post and channel across every attempt; platforms that
    #: deduplicate requests get it (an ``Idempotency-Key`` header, a field).
    idempotency_key: str
    text: str
    link: str = ""
    title: str = ""
    media: tuple[Media, ...] = ()
    #: Set when the platform should publish at that time itself (``Capability.SCHEDULING``).
    scheduled_at: datetime.datetime | None = None
    #: When the first attempt started: reconciliation looks for the post from then on.
    first_attempt_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Published:
    external_id: str
    url: str = ""


@dataclass(frozen=True)
class CredentialCheck:
    """What the platform said about the credentials: whose account, and until when."""

    account_name: str
    expires_at: datetime.datetime | None = None


class ItemKind(StrEnum):
    COMMENT = "comment"
    MESSAGE = "message"


@dataclass(frozen=True)
class IncomingItem:
    """A comment under a post, or a private message, as the platform gives it."""

    kind: ItemKind
    external_id: str
    text: str
    created_at: datetime.datetime
    author_name: str = ""
    author_id: str = ""
    #: The platform id of the post commented on (comments); matched to our deliveries.
    post_external_id: str = ""
    #: The conversation a message belongs to; replies go there.
    thread_id: str = ""
    url: str = ""


@dataclass(frozen=True)
class ItemBatch:
    """Items since a cursor, and the cursor to ask from next time.

    ``more`` says another call with ``cursor`` returns more right away. The core
    stores the items and only then keeps the new cursor.
    """

    items: tuple[IncomingItem, ...]
    cursor: str
    more: bool = False


# --- errors ----------------------------------------------------------------------


class ConnectorError(Exception):
    """A platform call that failed; ``platform_message`` is the platform's own words."""

    def __init__(self, message, *, platform_message="", status_code=None):
        super().__init__(message)
        self.message = str(message)
        self.platform_message = platform_message
        self.status_code = status_code

    def __str__(self):
        if self.platform_message and self.platform_message not in self.message:
            return f"{self.message}: {self.platform_message}"
        return self.message


class RetryableError(ConnectorError):
    """Try again later: a rate limit, a timeout, a 5xx.

    ``retry_after`` (seconds) is the platform's own wait when it gives one.
    ``maybe_done`` says the platform may have acted before the failure (a
    timeout after sending): the core then reconciles instead of repeating.
    """

    def __init__(self, message, *, retry_after=None, maybe_done=False, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
        self.maybe_done = maybe_done


class PermanentError(ConnectorError):
    """Trying again will not help: rejected content, a missing permission."""


class InvalidCredentials(PermanentError):
    """The token is invalid, expired or revoked: the channel needs reconnecting."""


class CannotTell(ConnectorError):
    """Reconciliation: the platform cannot say whether a post went out."""


# --- the base class ------------------------------------------------------------------


class Connector:
    """Subclass per platform. Class attributes declare; methods talk to the platform.

    ``credential_fields`` and ``setting_fields`` are form fields: the admin's
    connect form and ``manage.py channels add <platform> --<name> VALUE`` are
    built from them. Credentials are encrypted at rest; settings are not secret.
    ``account_field`` names the field that identifies the account (a page id).
    """

    #: Short key, used in URLs, commands and the limits table ("facebook").
    platform = ""
    verbose_name = ""
    capabilities = frozenset({Capability.TEXT})
    limits = Limits(max_length=500)
    credential_fields = {}
    setting_fields = {}
    account_field = ""
    #: The least time between two polls of a channel's inbox, in seconds.
    poll_interval = 300
    #: True when the platform drops a repeated request with the same idempotency key,
    #: so a publication left in doubt may be repeated safely.
    deduplicates = False
    #: Requests slower than this (seconds) raise RetryableError(maybe_done=True).
    timeout = 30

    def __init__(self, credentials, settings):
        self.credentials = dict(credentials)
        self.settings = dict(settings)

    @classmethod
    def declaration_errors(cls):
        """What is wrong with the class as declared (the registry refuses it)."""
        errors = []
        if not cls.platform or not cls.platform.isidentifier():
            errors.append("platform must be a short identifier")
        if not cls.verbose_name:
            errors.append("verbose_name is empty")
        if not isinstance(cls.limits, Limits):
            errors.append("limits must be a cms.outbox.connectors.Limits")
        unknown = set(cls.capabilities) - set(Capability)
        if unknown:
            errors.append(f"unknown capabilities: {', '.join(sorted(map(str, unknown)))}")
        for name, form_field in {**cls.credential_fields, **cls.setting_fields}.items():
            if not isinstance(form_field, forms.Field):
                errors.append(f"field {name!r} is not a form field")
        if cls.account_field and cls.account_field not in {**cls.credential_fields, **cls.setting_fields}:
            errors.append(f"account_field {cls.account_field!r} is not one of the fields")
        return errors

    @classmethod
    def can(cls, capability):
        return capability in cls.capabilities

    # Every connector implements these two.
    def check_credentials(self) -> CredentialCheck:
        """Ask the platform whether the credentials work; raise InvalidCredentials if not."""
        raise NotImplementedError

    def publish(self, post: OutgoingPost) -> Published:
        raise NotImplementedError

    # And these as its capabilities say.
    def find_published(self, post: OutgoingPost) -> Published | None:
        """After a crash: the post if the platform has it, None if it surely has not.

        Raise :class:`CannotTell` when the platform cannot be asked; the core
        then asks a person instead of publishing again.
        """
        raise CannotTell(_("The platform cannot be asked whether the post went out."))

    def delete(self, external_id):
        raise PermanentError(_("This platform does not allow deleting posts."))

    def fetch_comments(self, cursor: str) -> ItemBatch:
        return ItemBatch((), cursor)

    def fetch_messages(self, cursor: str) -> ItemBatch:
        return ItemBatch((), cursor)

    def reply(self, item: IncomingItem, text: str) -> Published:
        raise PermanentError(_("This platform does not take replies from Komunikat."))

    def insights(self, external_id) -> dict[str, int]:
        """Counts for one published item: ``reach``, ``reactions``, ``comments``, ``shares``..."""
        return {}

    #: Dotted path of a :class:`~cms.outbox.sandbox_base.Sandbox` class that plays the platform for demos
    #: and tests (optional); ``manage.py platform_sandbox`` serves it under ``/<platform>/``.
    sandbox = ""
    #: The demo's channel on the sandbox: ``{"name", "credentials", "settings"}``; ``{sandbox}``
    #: in a setting's value becomes the sandbox's address for this platform.
    sandbox_channel = None
