"""Secrets at rest: channel credentials are Fernet tokens in the database, read with any listed key."""

import io
import json

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from cms.core.encryption import DecryptionError
from cms.organisation.models import Unit
from cms.outbox.models import Channel
from tests.dummy_plugin.connectors import PLATFORM

pytestmark = pytest.mark.django_db

KEY = Fernet.generate_key().decode()
OTHER_KEY = Fernet.generate_key().decode()
TOKEN = "EAAG-sekretny-token-strony-12345"


@pytest.fixture(autouse=True)
def keys():
    PLATFORM.reset()
    with override_settings(ENCRYPTION_KEYS=[KEY]):
        yield
    PLATFORM.reset()


def raw_row(channel):
    with connection.cursor() as cursor:
        cursor.execute("SELECT credentials, settings::text FROM outbox_channel WHERE id = %s", [channel.pk])
        return cursor.fetchone()


def test_a_channel_added_from_the_command_line_keeps_its_token_encrypted_in_the_database():
    Unit.objects.create(code="BP", name="Biuro Prasowe")
    call_command(
        "channels",
        "add",
        "dummy",
        "--name",
        "Miasto",
        "--owner-unit",
        "BP",
        "--token",
        TOKEN,
        "--account",
        "wierzbin",
        stdout=io.StringIO(),
    )
    channel = Channel.objects.get()
    credentials, settings = raw_row(channel)
    assert TOKEN not in credentials and "token" not in credentials
    assert json.loads(Fernet(KEY).decrypt(credentials.encode())) == {"token": TOKEN}
    assert json.loads(settings) == {"account": "wierzbin"}  # settings are not secret
    assert Channel.objects.get().credentials == {"token": TOKEN}


def test_the_same_credentials_are_stored_differently_each_time(make_channel):
    first = make_channel("dummy", {"token": TOKEN}, name="Pierwszy")
    second = make_channel("dummy", {"token": TOKEN}, name="Drugi")
    assert raw_row(first)[0] != raw_row(second)[0]


def test_any_listed_key_decrypts_and_the_first_encrypts(make_channel):
    channel = make_channel("dummy", {"token": TOKEN})
    with override_settings(ENCRYPTION_KEYS=[OTHER_KEY, KEY]):
        assert Channel.objects.get(pk=channel.pk).credentials == {"token": TOKEN}
        Channel.objects.get(pk=channel.pk).save(update_fields=["credentials"])
    assert json.loads(Fernet(OTHER_KEY).decrypt(raw_row(channel)[0].encode())) == {"token": TOKEN}


def test_without_the_key_the_credentials_cannot_be_read(make_channel):
    channel = make_channel("dummy", {"token": TOKEN})
    with (
        override_settings(ENCRYPTION_KEYS=[OTHER_KEY]),
        pytest.raises(DecryptionError, match="KOMUNIKAT_ENCRYPTION_KEYS"),
    ):
        Channel.objects.get(pk=channel.pk)


@pytest.mark.parametrize("keys", [[], ["not-a-fernet-key"]])
def test_missing_or_malformed_keys_are_a_configuration_error(make_channel, keys):
    with (
        override_settings(ENCRYPTION_KEYS=keys),
        pytest.raises(ImproperlyConfigured, match="KOMUNIKAT_ENCRYPTION_KEYS"),
    ):
        make_channel("dummy", {"token": TOKEN})
