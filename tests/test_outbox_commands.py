"""manage.py channels (list, add, check, rotate-key, new-key) and publish_due, on the dummy platform."""

import io

import pytest
from cryptography.fernet import Fernet
from django import forms
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.utils import timezone, translation

from cms.core.encryption import DecryptionError
from cms.editorial.models import SocialPostPage
from cms.organisation.models import MembershipRole, Unit
from cms.outbox import publishing
from cms.outbox.connectors import PermanentError, RetryableError
from cms.outbox.models import Channel, Delivery, DeliveryStatus, Health
from cms.plugin_api import migrations as roles
from tests.dummy_plugin.connectors import PLATFORM, DummyConnector

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def platform():
    PLATFORM.reset()
    yield PLATFORM
    PLATFORM.reset()


@pytest.fixture
def press_office(make_user):
    """The press office's unit: the one unit whose members are in the press office groups."""
    unit = Unit.objects.create(code="BP", name="Biuro Prasowe")
    make_user("anna", groups=[roles.EDITORS], memberships=[(unit, MembershipRole.REPRESENTATIVE)])
    return unit


def channels(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("channels", *args, stdout=out, stderr=err)
    return out.getvalue()


def add_dummy(*extra, name="Dummy Wierzbin", token="t-123", account="wierzbin"):  # noqa: S107
    return channels("add", "dummy", "--name", name, "--token", token, "--account", account, *extra)


class TestAdd:
    def test_verifies_with_the_platform_then_saves_the_channel(self, press_office):
        output = add_dummy("--owner-unit", "bp")
        channel = Channel.objects.get()
        assert PLATFORM.calls == [("check_credentials",)]
        assert (channel.platform, channel.name, channel.owner_unit) == (
            "dummy",
            "Dummy Wierzbin",
            press_office,
        )
        assert channel.credentials == {"token": "t-123"}
        assert channel.settings == {"account": "wierzbin"}
        assert channel.account_id == "wierzbin"
        assert channel.health == Health.VALID and channel.health_checked_at
        assert f"Channel {channel.pk} “Dummy Wierzbin” connected to Dummy as wierzbin" in output

    def test_a_refused_token_saves_nothing_and_shows_the_platform_message(self, press_office):
        with pytest.raises(CommandError) as error:
            add_dummy(token="bad")
        assert "The token has expired." in str(error.value)
        assert PLATFORM.calls == [("check_credentials",)]
        assert not Channel.objects.exists()

    def test_without_owner_unit_the_press_office_unit_is_taken(self, press_office, make_user):
        other = Unit.objects.create(code="WGK", name="Wydział Gospodarki Komunalnej")
        make_user(
            "tomasz", groups=[roles.SUBJECT_EXPERTS], memberships=[(other, MembershipRole.SUBJECT_EXPERT)]
        )
        add_dummy()
        assert Channel.objects.get().owner_unit == press_office

    def test_without_owner_unit_and_no_obvious_press_office_it_fails_before_asking_the_platform(
        self, press_office, make_user
    ):
        second = Unit.objects.create(code="KP", name="Kancelaria Prezydenta")
        make_user("piotr", groups=[roles.MODERATORS], memberships=[(second, MembershipRole.UNIT_HEAD)])
        with pytest.raises(CommandError, match="--owner-unit"):
            add_dummy()
        assert PLATFORM.calls == [] and not Channel.objects.exists()

    def test_an_unknown_owner_unit_is_named(self, press_office):
        with pytest.raises(CommandError, match="“XYZ”"):
            add_dummy("--owner-unit", "XYZ")

    def test_an_unknown_platform_lists_the_available_ones(self, press_office):
        with pytest.raises(CommandError) as error:
            channels("add", "myspace", "--name", "Stare konto")
        assert "“myspace”" in str(error.value)
        assert "dummy" in str(error.value).split("the platforms are:")[1]

    def test_options_come_from_the_connector_fields_and_their_form_fields_validate(
        self, press_office, monkeypatch
    ):
        monkeypatch.setattr(
            DummyConnector,
            "setting_fields",
            {**DummyConnector.setting_fields, "page_id": forms.IntegerField(label="Page", required=False)},
        )
        with pytest.raises(CommandError) as error:
            add_dummy("--page-id", "abc")
        assert "--page-id: Enter a whole number." in str(error.value)
        assert PLATFORM.calls == []  # the platform is asked only about valid fields
        add_dummy("--page-id", "1234")
        assert Channel.objects.get().settings == {"account": "wierzbin", "page_id": 1234}

    def test_a_required_field_is_a_required_option(self, press_office):
        with pytest.raises(CommandError, match="--token"):
            channels("add", "dummy", "--name", "Bez tokenu", "--account", "wierzbin")

    def test_a_taken_name_is_refused_by_the_form(self, press_office):
        add_dummy()
        with pytest.raises(CommandError, match="--name: "):
            add_dummy(token="other")
        assert Channel.objects.count() == 1


def test_list_shows_every_channel(make_channel, press_office):
    expires = timezone.make_aware(timezone.datetime(2027, 1, 31, 12, 0))
    make_channel(
        "dummy",
        {"token": "t"},
        {"account": "wierzbin"},
        name="Miasto Wierzbin",
        unit=press_office,
        account_id="wierzbin",
        health=Health.VALID,
        token_expires_at=expires,
    )
    make_channel(
        "dummy", {"token": "x"}, name="Stary profil", unit=press_office, active=False, health=Health.INVALID
    )
    lines = channels("list").splitlines()
    assert lines[0].split() == [
        "ID",
        "name",
        "platform",
        "account",
        "owner",
        "unit",
        "health",
        "token",
        "expires",
        "active",
    ]
    assert "Miasto Wierzbin" in lines[1] and "Dummy" in lines[1] and "wierzbin" in lines[1]
    assert "BP" in lines[1] and "token valid" in lines[1] and "2027-01-31 12:00" in lines[1]
    assert lines[1].rstrip().endswith("yes")
    assert "Stary profil" in lines[2] and "token invalid" in lines[2] and lines[2].rstrip().endswith("no")


def test_list_without_channels_says_how_to_add_one(db):
    assert "channels add PLATFORM" in channels("list")


class TestCheck:
    def test_marks_health_and_fails_when_a_token_is_invalid(self, make_channel, press_office):
        good = make_channel("dummy", {"token": "t"}, {"account": "wierzbin"}, name="Dobry", unit=press_office)
        bad = make_channel("dummy", {"token": "bad"}, {"account": "stary"}, name="Zły", unit=press_office)
        with pytest.raises(CommandError, match="1 channel needs connecting again"):
            channels("check")
        good.refresh_from_db(), bad.refresh_from_db()
        assert good.health == Health.VALID and bad.health == Health.INVALID
        assert "The token has expired." in bad.health_message

    def test_only_the_given_channels(self, make_channel, press_office):
        first = make_channel("dummy", {"token": "t"}, {"account": "a"}, name="Pierwszy", unit=press_office)
        second = make_channel("dummy", {"token": "t"}, {"account": "b"}, name="Drugi", unit=press_office)
        output = channels("check", str(second.pk))
        first.refresh_from_db(), second.refresh_from_db()
        assert first.health == Health.UNKNOWN and second.health == Health.VALID
        assert "Drugi: token valid. Connected as b." in output

    def test_an_unknown_id_is_named(self, db):
        with pytest.raises(CommandError, match="No channel with the id 999"):
            channels("check", "999")


def raw_credentials(channel):
    with connection.cursor() as cursor:
        cursor.execute("SELECT credentials FROM outbox_channel WHERE id = %s", [channel.pk])
        return cursor.fetchone()[0]


def test_rotate_key_re_encrypts_every_channel_with_the_first_key(make_channel, press_office):
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        first = make_channel("dummy", {"token": "pierwszy"}, name="Pierwszy", unit=press_office)
        second = make_channel("dummy", {"token": "drugi"}, name="Drugi", unit=press_office)
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(DecryptionError):
        Channel.objects.get(pk=first.pk)  # not readable with the new key alone before rotating
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        output = channels("rotate-key")
    assert "Re-encrypted the credentials of 2 channels" in output
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        assert Channel.objects.get(pk=first.pk).credentials == {"token": "pierwszy"}
        assert Channel.objects.get(pk=second.pk).credentials == {"token": "drugi"}
    assert Fernet(NEW_KEY).decrypt(raw_credentials(first).encode()) == b'{"token": "pierwszy"}'


def test_rotate_key_names_channels_no_key_opens(make_channel, press_office):
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        lost = make_channel("dummy", {"token": "t"}, name="Zgubiony klucz", unit=press_office)
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        kept = make_channel("dummy", {"token": "u"}, name="Nowy klucz", unit=press_office)
        with pytest.raises(CommandError, match=f"channels {lost.pk}:"):
            channels("rotate-key")
        assert Channel.objects.get(pk=kept.pk).credentials == {"token": "u"}


def test_new_key_prints_a_fresh_fernet_key(db):
    key = channels("new-key").strip()
    assert Fernet(key).decrypt(Fernet(key).encrypt(b"x")) == b"x"
    assert channels("new-key").strip() != key


# publish_due


@pytest.fixture
def post(press_room):
    page = press_room.add_child(
        instance=SocialPostPage(title="Dni Wierzbina", text="Zapraszamy na Dni Wierzbina!")
    )
    page.save_revision()
    return page


def publish_due(*args):
    out = io.StringIO()
    call_command("publish_due", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_publish_due_sends_every_due_delivery_and_sums_up(post, make_channel, press_office):
    targets = [
        make_channel("dummy", {"token": "t"}, {"account": name}, name=name, unit=press_office)
        for name in ("Odrzucony", "Przeciążony", "Miasto")
    ]
    later = make_channel("dummy", {"token": "t"}, {"account": "później"}, name="Później", unit=press_office)
    publishing.schedule(post, targets, timezone.now(), revision=post.latest_revision)
    publishing.schedule(
        post, [later], timezone.now() + timezone.timedelta(hours=1), revision=post.latest_revision
    )
    PLATFORM.failures["publish"] = [
        PermanentError("Rejected", platform_message="Treść narusza zasady."),
        RetryableError("Rate limited", platform_message="Too many calls", retry_after=120),
    ]

    output = publish_due()

    assert "published 1, will retry 1, failed 1, to check 0" in output
    status = {d.channel.name: d for d in Delivery.objects.for_object(post).select_related("channel")}
    assert status["Odrzucony"].status == DeliveryStatus.FAILED
    assert "Treść narusza zasady." in status["Odrzucony"].last_error
    assert status["Przeciążony"].status == DeliveryStatus.QUEUED
    assert status["Przeciążony"].next_attempt_at > timezone.now() + timezone.timedelta(seconds=100)
    assert status["Miasto"].status == DeliveryStatus.PUBLISHED
    assert status["Miasto"].url == "https://dummy.example/p/1"
    assert status["Później"].status == DeliveryStatus.QUEUED and status["Później"].attempt_count == 0
    assert [call[1].text for call in PLATFORM.calls] == ["Zapraszamy na Dni Wierzbina!"] * 3

    assert "published 0, will retry 0, failed 0, to check 0" in publish_due()  # nothing is due any more


def test_publish_due_dry_run_lists_and_sends_nothing(post, make_channel, press_office):
    channel = make_channel("dummy", {"token": "t"}, {"account": "a"}, name="Miasto", unit=press_office)
    (delivery,) = publishing.schedule(post, [channel], timezone.now(), revision=post.latest_revision)
    output = publish_due("--dry-run")
    assert f"{delivery.pk}  " in output and "Miasto" in output and "“Dni Wierzbina”" in output
    assert "Due now: 1" in output
    assert PLATFORM.calls == []
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempt_count == 0
