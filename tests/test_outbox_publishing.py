"""The publishing pipeline on a real Redis and RQ worker: retries, failures, idempotency, reconciliation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from cms.editorial.models import SocialPostPage, SocialPostVariant
from cms.notifications.models import Notification
from cms.organisation.models import MembershipRole
from cms.outbox import publishing
from cms.outbox.connectors import CannotTell, InvalidCredentials, PermanentError, RetryableError
from cms.outbox.models import AttemptOutcome, Delivery, DeliveryStatus, Health
from cms.plugin_api import migrations as roles
from tests.dummy_plugin.connectors import PLATFORM, DummyConnector
from tests.helpers import run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def platform(settings):
    settings.OUTBOX_RETRY_SECONDS = 60
    settings.OUTBOX_MAX_ATTEMPTS = 3
    PLATFORM.reset()
    yield PLATFORM
    PLATFORM.reset()


@pytest.fixture
def editor(make_user):
    return make_user("anna", groups=[roles.EDITORS], email="anna@um.wierzbin.pl")


@pytest.fixture
def channel(make_channel, make_user):
    channel = make_channel(
        "dummy", credentials={"token": "t0k3n"}, settings={"account": "miasto"}, name="Miasto"
    )
    make_user(
        "piotr", email="piotr@um.wierzbin.pl", memberships=[(channel.owner_unit, MembershipRole.UNIT_HEAD)]
    )
    return channel


@pytest.fixture
def publish_post(press_room, editor, redis_connection, django_capture_on_commit_callbacks):
    """Publish a post to the given channels and run the publishing worker; return the post."""

    def publish(*channels, text="Od poniedziałku objazd ul. Długiej.", **fields):
        post = SocialPostPage(
            title="Objazd", text=text, target_channels=list(channels), owner=editor, **fields
        )
        press_room.add_child(instance=post)
        with django_capture_on_commit_callbacks(execute=True):
            post.save_revision(user=editor).publish()
        run_jobs("publishing")
        return post

    return publish


def deliveries(post):
    return Delivery.objects.for_object(post).order_by("channel__name")


def come_due(delivery):
    """Move a delivery's next attempt to the past, as if its back-off had passed."""
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def sweep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publishing.hand_out()
    run_jobs("publishing")


def test_an_approved_post_goes_out_to_each_channel_once_with_its_variant(publish_post, channel, make_channel):
    other = make_channel("dummy", credentials={"token": "x"}, name="Kultura")
    post = publish_post(
        channel, other, variants=[SocialPostVariant(platform="dummy", text="Objazd Długiej.")]
    )

    kultura, miasto = deliveries(post)
    assert [d.status for d in (kultura, miasto)] == [DeliveryStatus.PUBLISHED] * 2
    assert miasto.url.startswith("https://dummy.example/p/")
    sent = [call[1] for call in PLATFORM.calls if call[0] == "publish"]
    assert [post.text for post in sent] == ["Objazd Długiej."] * 2
    assert {post.idempotency_key for post in sent} == {
        str(kultura.idempotency_key),
        str(miasto.idempotency_key),
    }
    assert [a.outcome for a in miasto.attempts.all()] == [AttemptOutcome.PUBLISHED]


def test_a_post_planned_for_later_waits_for_its_time(
    publish_post, channel, django_capture_on_commit_callbacks
):
    post = publish_post(channel, planned_at=timezone.now() + timedelta(hours=3))
    (delivery,) = deliveries(post)
    assert delivery.status == DeliveryStatus.QUEUED and not PLATFORM.calls

    sweep(django_capture_on_commit_callbacks)  # not yet
    assert not PLATFORM.calls
    come_due(delivery)
    sweep(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED


def test_retryable_errors_back_off_exponentially_then_publish(
    publish_post, channel, django_capture_on_commit_callbacks
):
    PLATFORM.failures["publish"] = [
        RetryableError("Rate limited", platform_message="(#32) Page request limit reached", status_code=429)
    ]
    before = timezone.now()
    post = publish_post(channel)
    (delivery,) = deliveries(post)
    assert delivery.status == DeliveryStatus.QUEUED
    assert "(#32) Page request limit reached" in delivery.last_error
    assert timedelta(seconds=59) < delivery.next_attempt_at - before < timedelta(seconds=70)

    PLATFORM.failures["publish"] = [
        RetryableError("Server error", platform_message="Please retry", status_code=503)
    ]
    come_due(delivery)
    before = timezone.now()
    sweep(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert (
        timedelta(seconds=119) < delivery.next_attempt_at - before < timedelta(seconds=130)
    )  # twice as long

    come_due(delivery)
    sweep(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert [a.outcome for a in delivery.attempts.all()] == ["retry", "retry", "published"]
    assert [a.status_code for a in delivery.attempts.all()][:2] == [429, 503]


def test_a_platforms_retry_after_is_respected(publish_post, channel):
    PLATFORM.failures["publish"] = [RetryableError("Rate limited", retry_after=900)]
    before = timezone.now()
    (delivery,) = deliveries(publish_post(channel))
    assert delivery.next_attempt_at - before >= timedelta(seconds=900)


def test_after_the_last_retry_the_delivery_fails_and_the_editor_is_told(
    publish_post, channel, editor, django_capture_on_commit_callbacks
):
    PLATFORM.failures["publish"] = [
        RetryableError("Server error", platform_message="Service unavailable")
    ] * 3
    (delivery,) = deliveries(publish_post(channel))
    for _ in range(2):
        come_due(delivery)
        sweep(django_capture_on_commit_callbacks)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert "3" in delivery.last_error and "Service unavailable" in delivery.last_error
    notice = Notification.objects.get(recipient=editor, kind="outbox.delivery_failed")
    assert "Miasto" in notice.subject

    come_due(delivery)
    sweep(django_capture_on_commit_callbacks)  # a failed delivery is not picked up again
    assert len([call for call in PLATFORM.calls if call[0] == "publish"]) == 3


def test_a_permanent_error_stops_at_once_with_the_platforms_message(publish_post, channel, editor):
    PLATFORM.failures["publish"] = [
        PermanentError("Rejected", platform_message="(#506) Duplicate status message")
    ]
    (delivery,) = deliveries(publish_post(channel))
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error == "Rejected: (#506) Duplicate status message"
    assert delivery.attempts.get().platform_message == "(#506) Duplicate status message"
    assert Notification.objects.filter(recipient=editor, kind="outbox.delivery_failed").exists()


def test_an_expired_token_marks_the_channel_invalid_and_tells_its_owner_once(publish_post, channel):
    expired = InvalidCredentials(
        "Invalid token", platform_message="Error validating access token: Session has expired"
    )
    PLATFORM.failures["publish"] = [expired, expired]
    publish_post(channel)
    publish_post(channel)
    channel.refresh_from_db()
    assert channel.health == Health.INVALID
    assert "Session has expired" in channel.health_message
    assert (
        Notification.objects.filter(kind="outbox.channel_unhealthy", recipient__username="piotr").count() == 1
    )


def test_a_failed_delivery_sent_again_by_a_person_goes_out(
    publish_post, channel, editor, django_capture_on_commit_callbacks
):
    PLATFORM.failures["publish"] = [PermanentError("Rejected")]
    (delivery,) = deliveries(publish_post(channel))
    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.retry(delivery, editor)
    run_jobs("publishing")
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.attempts.filter(by=editor).exists()
    assert not publishing.retry(delivery, editor)  # only failed ones


def test_the_same_delivery_handed_out_twice_is_published_once(publish_post, channel, redis_connection):
    post = publish_post(channel, planned_at=timezone.now() + timedelta(hours=1))
    (delivery,) = deliveries(post)
    come_due(delivery)
    import django_rq

    queue = django_rq.get_queue("publishing")
    queue.enqueue(publishing.publish, delivery.pk)
    queue.enqueue(publishing.publish, delivery.pk)
    run_jobs("publishing")
    assert len([call for call in PLATFORM.calls if call[0] == "publish"]) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED and delivery.attempt_count == 1


class TestCrashBetweenTheCallAndItsRecord:
    """A worker died after claiming a delivery: the key is recorded, the platform's answer is not."""

    @pytest.fixture
    def interrupted(self, publish_post, channel):
        post = publish_post(channel, planned_at=timezone.now() + timedelta(hours=1))
        (delivery,) = deliveries(post)
        come_due(delivery)
        publishing._claim(delivery.pk)  # the claim commits; then the worker is gone
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SENDING
        come_due(delivery)  # its time in flight is over
        return delivery

    def test_found_on_the_platform_it_is_recorded_not_sent_again(self, interrupted):
        # The lost call did reach the platform.
        post = interrupted.content_object.outbox_post(interrupted.channel, interrupted.idempotency_key)
        DummyConnector(interrupted.channel.credentials, interrupted.channel.settings).publish(post)
        PLATFORM.calls.clear()

        assert publishing.publish(interrupted.pk) == DeliveryStatus.PUBLISHED
        assert [call[0] for call in PLATFORM.calls] == ["find_published"]
        outcomes = list(interrupted.attempts.values_list("outcome", flat=True))
        assert outcomes == [AttemptOutcome.UNKNOWN, AttemptOutcome.RECONCILED]

    def test_not_on_the_platform_it_is_published_once(self, interrupted):
        assert publishing.publish(interrupted.pk) == DeliveryStatus.PUBLISHED
        assert [call[0] for call in PLATFORM.calls] == ["find_published", "publish"]

    def test_when_the_platform_cannot_tell_a_person_decides(self, interrupted, editor):
        PLATFORM.failures["find_published"] = [CannotTell("The platform cannot be asked.")]
        assert publishing.publish(interrupted.pk) == DeliveryStatus.CHECK
        assert not [call for call in PLATFORM.calls if call[0] == "publish"]
        assert Notification.objects.filter(recipient=editor, kind="outbox.delivery_failed").exists()

        interrupted.refresh_from_db()
        assert publishing.settle(interrupted, editor, url="https://dummy.example/p/7")
        interrupted.refresh_from_db()
        assert (interrupted.status, interrupted.url) == (
            DeliveryStatus.PUBLISHED,
            "https://dummy.example/p/7",
        )

    def test_a_platform_that_drops_repeated_keys_is_simply_asked_again(self, interrupted, monkeypatch):
        monkeypatch.setattr(DummyConnector, "deduplicates", True)
        assert publishing.publish(interrupted.pk) == DeliveryStatus.PUBLISHED
        assert [call[0] for call in PLATFORM.calls] == ["publish"]


def test_a_timeout_after_sending_is_reconciled_on_the_next_attempt(
    publish_post, channel, django_capture_on_commit_callbacks
):
    PLATFORM.failures["publish"] = [RetryableError("Timed out", maybe_done=True)]
    (delivery,) = deliveries(publish_post(channel))
    assert delivery.status == DeliveryStatus.SENDING
    come_due(delivery)
    sweep(django_capture_on_commit_callbacks)
    assert [call[0] for call in PLATFORM.calls] == ["publish", "find_published", "publish"]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED


def test_approval_refuses_a_variant_too_long_for_a_channel(client, make_user, press_room, channel, editor):
    """The limit is checked when approving, not first at publication."""
    approver = make_user("szef", groups=[roles.MODERATORS])
    post = press_room.add_child(
        instance=SocialPostPage(
            title="Objazd", text="Krótko.", target_channels=[channel], owner=editor, live=False
        )
    )
    post.text = "a" * 150  # e.g. through the API; the dummy platform takes 100 characters
    post.save_revision(user=editor, clean=False)
    workflow = Workflow.objects.get(name="Dwuetapowa akceptacja")
    workflow.start(post, editor)
    task_state = post.current_workflow_task_state
    task_state.task.specific.groups.add(*approver.groups.all())

    client.force_login(approver)
    url = reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})

    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert "Dummy dopuszcza 100 znaków; ten tekst ma 150." in task_state.get_comment()
    post.refresh_from_db()
    assert not post.live and not Delivery.objects.for_object(post).exists()
