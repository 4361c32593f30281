"""The outbox in the admin: channels (connect, edit, check), a post's deliveries panel and the list."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, PageLogEntry

from cms.editorial.models import SocialPostPage
from cms.organisation.models import MembershipRole, Unit
from cms.outbox import publishing
from cms.outbox.connectors import PermanentError, RetryableError
from cms.outbox.models import AttemptOutcome, Channel, DeliveryStatus, Health
from cms.outbox.views.history import CHECK_CHANNEL, RETRY, SETTLE
from cms.plugin_api import migrations as roles
from tests.dummy_plugin.connectors import PLATFORM

pytestmark = pytest.mark.django_db


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
def unit(db):
    return Unit.objects.create(code="BP", name="Biuro Prasowe")


@pytest.fixture
def moderator(make_user, unit):
    """The press office head: manages channels and may publish posts."""
    return make_user("piotr", groups=[roles.MODERATORS], memberships=[(unit, MembershipRole.UNIT_HEAD)])


@pytest.fixture
def editor(make_user, unit):
    """A press officer: manages channels, may not publish posts."""
    return make_user("anna", groups=[roles.EDITORS], memberships=[(unit, MembershipRole.REPRESENTATIVE)])


@pytest.fixture
def outsider(make_user):
    """A unit's representative: the admin, but not the press office's channels or posts."""
    other = Unit.objects.create(code="MPK", name="MPK")
    return make_user(
        "jan", groups=[roles.REPRESENTATIVES], memberships=[(other, MembershipRole.REPRESENTATIVE)]
    )


@pytest.fixture
def channel(make_channel, unit):
    return make_channel(
        "dummy",
        {"token": "tajny-token-123"},
        {"account": "wierzbin"},
        name="Miasto Wierzbin",
        unit=unit,
        account_id="wierzbin",
    )


def refused(response):
    """Wagtail answers a refused admin request with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def channel_form(**fields):
    return {
        "name": "Miasto Wierzbin",
        "owner_unit": "",
        "credential_token": "",
        "setting_account": "wierzbin",
        "active": "on",
        **fields,
    }


def logged(instance, action):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk), action=action
    )


class TestChannels:
    def test_the_list_shows_each_channel_with_its_health(self, client, editor, channel, make_channel, unit):
        expiry = timezone.now() + timezone.timedelta(days=3)
        make_channel(
            "dummy",
            {"token": "x"},
            name="Stary profil",
            unit=unit,
            health=Health.INVALID,
            health_message="The token has expired.",
            token_expires_at=expiry,
        )
        client.force_login(editor)
        response = client.get(reverse("outbox_channels:index"))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Miasto Wierzbin" in content and "Stary profil" in content and "wierzbin" in content
        assert "token invalid" in content and "not checked yet" in content
        assert 'title="The token has expired."' in content
        assert reverse("outbox_channels:edit", args=[channel.pk]) in content

    def test_connecting_starts_with_the_platform(self, client, editor):
        client.force_login(editor)
        response = client.get(reverse("outbox_channels:add"))
        assert response.status_code == 200
        assert reverse("outbox_channels:connect", args=["dummy"]) in response.content.decode()

    def test_the_connect_form_is_the_platforms(self, client, editor, unit):
        client.force_login(editor)
        response = client.get(reverse("outbox_channels:connect", args=["dummy"]))
        content = response.content.decode()
        assert 'name="credential_token"' in content and 'type="password"' in content
        assert 'name="setting_account"' in content
        assert response.context["form"]["owner_unit"].initial == unit  # the press office's unit
        assert client.get(reverse("outbox_channels:connect", args=["myspace"])).status_code == 404

    def test_a_refused_token_shows_the_platforms_message_and_saves_nothing(self, client, editor, unit):
        client.force_login(editor)
        response = client.post(
            reverse("outbox_channels:connect", args=["dummy"]),
            channel_form(owner_unit=unit.pk, credential_token="bad"),
        )
        assert response.status_code == 200
        assert "The token has expired." in response.content.decode()
        assert 'value="bad"' not in response.content.decode()
        assert PLATFORM.calls == [("check_credentials",)]
        assert not Channel.objects.exists()

    def test_connecting_verifies_saves_and_logs(self, client, editor, unit):
        client.force_login(editor)
        response = client.post(
            reverse("outbox_channels:connect", args=["dummy"]),
            channel_form(owner_unit=unit.pk, credential_token="dobry-token"),
        )
        channel = Channel.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "outbox_channels:edit", args=[channel.pk]
        )
        assert (channel.platform, channel.credentials, channel.settings) == (
            "dummy",
            {"token": "dobry-token"},
            {"account": "wierzbin"},
        )
        assert channel.health == Health.VALID and channel.account_id == "wierzbin"
        assert logged(channel, "wagtail.create").get().user == editor

    def test_credentials_are_never_shown_back(self, client, editor, channel):
        client.force_login(editor)
        response = client.get(reverse("outbox_channels:edit", args=[channel.pk]))
        content = response.content.decode()
        assert response.status_code == 200
        assert "tajny-token-123" not in content
        assert 'name="credential_token"' in content and 'value="wierzbin"' in content

    def test_an_empty_credential_keeps_the_stored_one_without_asking_the_platform(
        self, client, editor, channel
    ):
        client.force_login(editor)
        response = client.post(
            reverse("outbox_channels:edit", args=[channel.pk]),
            channel_form(name="Wierzbin", owner_unit=channel.owner_unit_id),
        )
        assert response.status_code == 302
        channel.refresh_from_db()
        assert channel.name == "Wierzbin" and channel.credentials == {"token": "tajny-token-123"}
        assert PLATFORM.calls == []
        assert logged(channel, "wagtail.edit").get().user == editor

    def test_a_new_credential_is_verified_before_it_replaces_the_old_one(self, client, editor, channel):
        client.force_login(editor)
        url = reverse("outbox_channels:edit", args=[channel.pk])
        response = client.post(url, channel_form(owner_unit=channel.owner_unit_id, credential_token="bad"))
        assert response.status_code == 200 and "The token has expired." in response.content.decode()
        channel.refresh_from_db()
        assert channel.credentials == {"token": "tajny-token-123"}

        response = client.post(
            url, channel_form(owner_unit=channel.owner_unit_id, credential_token="nowy-token")
        )
        assert response.status_code == 302
        channel.refresh_from_db()
        assert channel.credentials == {"token": "nowy-token"} and channel.health == Health.VALID

    def test_check_now_asks_the_platform_and_logs(self, client, editor, channel):
        client.force_login(editor)
        url = reverse("outbox_channels:check", args=[channel.pk])
        assert client.get(url).status_code == 405
        response = client.post(url)
        assert response.status_code == 302
        channel.refresh_from_db()
        assert channel.health == Health.VALID and PLATFORM.calls == [("check_credentials",)]
        assert logged(channel, CHECK_CHANNEL).get().data["health"] == Health.VALID

    def test_a_check_that_fails_marks_the_channel_invalid(self, client, editor, channel):
        channel.credentials = {"token": "bad"}
        channel.save()
        client.force_login(editor)
        client.post(reverse("outbox_channels:check", args=[channel.pk]))
        channel.refresh_from_db()
        assert channel.health == Health.INVALID and "The token has expired." in channel.health_message

    def test_people_outside_the_press_office_get_nothing(self, client, outsider, channel, unit):
        client.force_login(outsider)
        for url in (
            reverse("outbox_channels:index"),
            reverse("outbox_channels:add"),
            reverse("outbox_channels:connect", args=["dummy"]),
            reverse("outbox_channels:edit", args=[channel.pk]),
        ):
            assert refused(client.get(url)), url
        assert refused(client.post(reverse("outbox_channels:check", args=[channel.pk])))
        assert refused(
            client.post(
                reverse("outbox_channels:connect", args=["dummy"]),
                channel_form(name="Przejęty", owner_unit=unit.pk, credential_token="t"),
            )
        )
        assert refused(
            client.post(reverse("outbox_channels:edit", args=[channel.pk]), channel_form(owner_unit=unit.pk))
        )
        assert PLATFORM.calls == [] and list(Channel.objects.values_list("name", flat=True)) == [
            "Miasto Wierzbin"
        ]


# A post's deliveries


@pytest.fixture
def post(press_room, channel):
    page = press_room.add_child(
        instance=SocialPostPage(title="Dni Wierzbina", text="Zapraszamy na Dni Wierzbina!")
    )
    page.target_channels.set([channel])
    page.save_revision().publish()
    PLATFORM.reset()
    return page


def attempt(post, channel, *failures):
    """The delivery of ``post`` to ``channel`` after one try, the platform failing with ``failures``."""
    PLATFORM.failures["publish"] = list(failures)
    (delivery,) = publishing.schedule(post, [channel], timezone.now(), revision=post.latest_revision)
    publishing.publish(delivery.pk)
    delivery.refresh_from_db()
    return delivery


@pytest.fixture
def failed(post, channel):
    return attempt(
        post, channel, PermanentError("Rejected", platform_message="Treść narusza zasady społeczności.")
    )


@pytest.fixture
def in_doubt(post, make_channel, unit, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    slow = make_channel("dummy", {"token": "t"}, {"account": "wolny"}, name="Wolny kanał", unit=unit)
    return attempt(post, slow, RetryableError("Timed out", maybe_done=True))


def edit_page(client, post):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    assert response.status_code == 200
    return response.content.decode()


class TestDeliveriesPanel:
    def test_a_failed_delivery_shows_the_platforms_reason_and_send_again(self, client, moderator, failed):
        assert failed.status == DeliveryStatus.FAILED
        client.force_login(moderator)
        content = edit_page(client, failed.content_object)
        assert "Treść narusza zasady społeczności." in content
        assert f'formaction="{reverse("outbox_deliveries:retry", args=[failed.pk])}"' in content

    def test_a_published_delivery_links_to_the_platform(self, client, moderator, post, channel):
        delivery = attempt(post, channel)
        client.force_login(moderator)
        content = edit_page(client, post)
        assert delivery.url == "https://dummy.example/p/1" and 'href="https://dummy.example/p/1"' in content
        assert "/retry/" not in content and "/settle/" not in content

    def test_a_delivery_in_doubt_asks_a_person(self, client, moderator, in_doubt):
        assert in_doubt.status == DeliveryStatus.CHECK
        client.force_login(moderator)
        content = edit_page(client, in_doubt.content_object)
        settle = reverse("outbox_deliveries:settle", args=[in_doubt.pk])
        assert content.count(f'formaction="{settle}"') == 2
        assert f'name="outbox-delivery-{in_doubt.pk}-url"' in content

    def test_people_who_cannot_publish_see_the_state_but_no_buttons(self, client, editor, failed):
        client.force_login(editor)
        content = edit_page(client, failed.content_object)
        assert "Treść narusza zasady społeczności." in content
        assert reverse("outbox_deliveries:retry", args=[failed.pk]) not in content

    def test_send_again_queues_the_failed_delivery_and_it_goes_out(self, client, moderator, failed):
        client.force_login(moderator)
        post = failed.content_object
        response = client.post(reverse("outbox_deliveries:retry", args=[failed.pk]))
        assert response.status_code == 302 and response["Location"] == reverse(
            "wagtailadmin_pages:edit", args=[post.pk]
        )
        failed.refresh_from_db()
        assert (failed.status, failed.attempt_count) == (DeliveryStatus.QUEUED, 0)
        assert failed.attempts.filter(outcome=AttemptOutcome.RETRY, by=moderator).exists()
        assert PageLogEntry.objects.filter(page=post, action=RETRY, user=moderator).exists()
        assert publishing.publish(failed.pk) == DeliveryStatus.PUBLISHED

    def test_it_is_on_the_platform_records_the_address(self, client, moderator, in_doubt):
        client.force_login(moderator)
        client.post(
            reverse("outbox_deliveries:settle", args=[in_doubt.pk]),
            {"decision": "found", f"outbox-delivery-{in_doubt.pk}-url": "https://dummy.example/p/77"},
        )
        in_doubt.refresh_from_db()
        assert (in_doubt.status, in_doubt.url) == (DeliveryStatus.PUBLISHED, "https://dummy.example/p/77")
        entry = PageLogEntry.objects.get(page=in_doubt.content_object, action=SETTLE)
        assert entry.data["url"] == "https://dummy.example/p/77" and not entry.data["publish_again"]
        assert publishing.publish(in_doubt.pk) is None  # settled: never sent again

    def test_it_is_not_there_publishes_again(self, client, moderator, in_doubt):
        client.force_login(moderator)
        client.post(reverse("outbox_deliveries:settle", args=[in_doubt.pk]), {"decision": "missing"})
        in_doubt.refresh_from_db()
        assert in_doubt.status == DeliveryStatus.QUEUED
        assert publishing.publish(in_doubt.pk) == DeliveryStatus.PUBLISHED

    def test_a_bad_address_settles_nothing(self, client, moderator, in_doubt):
        client.force_login(moderator)
        client.post(
            reverse("outbox_deliveries:settle", args=[in_doubt.pk]),
            {"decision": "found", f"outbox-delivery-{in_doubt.pk}-url": "nie adres"},
        )
        in_doubt.refresh_from_db()
        assert in_doubt.status == DeliveryStatus.CHECK

    def test_decisions_are_posted_only(self, client, moderator, failed):
        client.force_login(moderator)
        assert client.get(reverse("outbox_deliveries:retry", args=[failed.pk])).status_code == 405

    @pytest.mark.parametrize("who", ["outsider", "editor"])
    def test_only_people_who_may_publish_the_post_decide(self, client, request, who, failed, in_doubt):
        client.force_login(request.getfixturevalue(who))
        assert refused(client.post(reverse("outbox_deliveries:retry", args=[failed.pk])))
        assert refused(
            client.post(reverse("outbox_deliveries:settle", args=[in_doubt.pk]), {"decision": "missing"})
        )
        failed.refresh_from_db(), in_doubt.refresh_from_db()
        assert (failed.status, in_doubt.status) == (DeliveryStatus.FAILED, DeliveryStatus.CHECK)


class TestDeliveriesList:
    def test_newest_first_filtered_by_status_and_channel_linking_to_the_post(
        self, client, editor, press_room, channel, make_channel, unit
    ):
        other = make_channel("dummy", {"token": "t"}, {"account": "inne"}, name="Inny kanał", unit=unit)
        posts = []
        for day, title in enumerate(["Pierwszy wpis", "Drugi wpis"]):
            page = press_room.add_child(instance=SocialPostPage(title=title, text=title))
            publishing.schedule(page, [channel, other], timezone.now() - timezone.timedelta(days=2 - day))
            posts.append(page)
        PLATFORM.failures["publish"] = [PermanentError("Rejected", platform_message="Odrzucono.")]
        for delivery in publishing.due().order_by("pk"):
            publishing.publish(delivery.pk)

        client.force_login(editor)
        url = reverse("outbox_deliveries:index")
        content = client.get(url).content.decode()
        assert content.index("Drugi wpis") < content.index("Pierwszy wpis")
        assert reverse("wagtailadmin_pages:edit", args=[posts[0].pk]) in content

        failed = client.get(url, {"status": "failed"}).content.decode()
        assert "Pierwszy wpis" in failed and "Odrzucono." in failed and "Drugi wpis" not in failed
        only_other = client.get(url, {"channel": other.pk}).context["object_list"]
        assert {delivery.channel for delivery in only_other} == {other} and len(only_other) == 2

    def test_people_outside_the_press_office_get_nothing(self, client, outsider):
        client.force_login(outsider)
        assert refused(client.get(reverse("outbox_deliveries:index")))


def test_a_channel_posts_went_to_is_switched_off_not_deleted(client, moderator, failed, make_channel, unit):
    client.force_login(moderator)
    used = failed.channel
    response = client.post(reverse("outbox_channels:delete", args=[used.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "outbox_channels:edit", args=[used.pk]
    )
    assert Channel.objects.filter(pk=used.pk).exists()

    unused = make_channel("dummy", {"token": "t"}, name="Nieużywany", unit=unit)
    client.post(reverse("outbox_channels:delete", args=[unused.pk]))
    assert not Channel.objects.filter(pk=unused.pk).exists()


def test_a_channel_whose_plugin_is_off_keeps_its_name_unit_and_switch_editable(
    client, editor, make_channel, unit
):
    gone = make_channel("myspace", {"token": "stary"}, {"page": "1"}, name="Stare konto", unit=unit)
    client.force_login(editor)
    url = reverse("outbox_channels:edit", args=[gone.pk])
    assert "no active connector" in client.get(url).content.decode()
    response = client.post(url, {"name": "Archiwum", "owner_unit": unit.pk})
    assert response.status_code == 302
    gone.refresh_from_db()
    assert (gone.name, gone.active, gone.credentials, gone.settings) == (
        "Archiwum",
        False,
        {"token": "stary"},
        {"page": "1"},
    )
