"""A channel's health: whether its credentials still work, asked of the platform."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.outbox import notices
from cms.outbox.connectors import ConnectorError, InvalidCredentials
from cms.outbox.models import Health

#: A token that expires sooner than this is reported as expiring.
EXPIRY_WARNING = datetime.timedelta(days=7)


def check(channel):
    """Ask the platform; record and return the channel's health. Tells the owners when it turns bad."""
    try:
        result = channel.connector().check_credentials()
    except InvalidCredentials as exc:
        mark_invalid(channel, exc)
        return channel.health
    except ConnectorError as exc:
        # The platform could not be asked (rate limit, outage): the token's state is unchanged.
        _record(channel, channel.health, _("The platform could not be asked: %(error)s") % {"error": exc})
        return channel.health
    return record(channel, result)


def record(channel, result):
    """Record what the platform said of the credentials (a ``CredentialCheck``); return the health."""
    expires_at = result.expires_at
    if expires_at and expires_at - timezone.now() < EXPIRY_WARNING:
        state = Health.EXPIRING
        message = _("The token expires on %(date)s; connect the account again before then.") % {
            "date": timezone.localtime(expires_at).strftime("%Y-%m-%d %H:%M")
        }
    else:
        state, message = Health.VALID, _("Connected as %(account)s.") % {"account": result.account_name}
    was = channel.health
    _record(channel, state, message, expires_at)
    if state == Health.EXPIRING and was != Health.EXPIRING:
        notices.channel_unhealthy(channel)
    return state


def mark_invalid(channel, error):
    """The platform refused the credentials: the channel is unhealthy and its owners are told once."""
    was = channel.health
    _record(channel, Health.INVALID, str(error))
    if was != Health.INVALID:
        notices.channel_unhealthy(channel)


def _record(channel, state, message, expires_at=...):
    """Save the health; ``expires_at`` (None: the token does not expire) only after a check passed."""
    channel.health, channel.health_message, channel.health_checked_at = state, message, timezone.now()
    fields = ["health", "health_message", "health_checked_at"]
    if expires_at is not ...:
        channel.token_expires_at = expires_at
        fields.append("token_expires_at")
    channel.save(update_fields=fields)
