"""Approval steps: who is told to act, due times, escalation of overdue steps, and late second decisions."""

import re
import smtplib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import PageLogEntry, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from cms.editorial.models import PressReleasePage
from cms.plugin_api import migrations as roles
from cms.workflow import escalation
from cms.workflow.models import ApprovalTask, Escalation

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
FRIDAY_1300 = datetime(2026, 11, 20, 13, 0, tzinfo=WARSAW)
MONDAY_1300 = datetime(2026, 11, 23, 13, 0, tzinfo=WARSAW)  # 8 working hours later


@pytest.fixture
def people(make_user):
    """The author, two subject experts, the press office head, and a deputy for the first step."""

    def user(username, first, last, groups=()):
        return make_user(
            username, groups=groups, email=f"{username}@um.wierzbin.pl", first_name=first, last_name=last
        )

    return {
        "anna": user("anna", "Anna", "Nowak", [roles.EDITORS]),
        "tomasz": user("tomasz", "Tomasz", "Wiśniewski", [roles.SUBJECT_EXPERTS]),
        "ewa": user("ewa", "Ewa", "Zielińska", [roles.SUBJECT_EXPERTS]),
        "piotr": user("piotr", "Piotr", "Kowalczyk", [roles.MODERATORS]),
        "jan": user("jan", "Jan", "Kowalski"),
    }


def first_step():
    return ApprovalTask.objects.get(name__startswith="Akceptacja merytoryczna")


def in_english(*users):
    for user in users:
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})


def submitted(press_room, author, title="Nowy park"):
    page = press_room.add_child(instance=PressReleasePage(title=title, lead="Park przy Lipowej.", live=False))
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page


def started_at(task_state, moment):
    TaskState.objects.filter(pk=task_state.pk).update(started_at=moment)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


class TestWhoIsTold:
    """Wagtail's own workflow e-mails reach whoever must act next, as their preferences allow."""

    def test_submission_in_the_admin_tells_the_subject_experts(self, client, press_room, people):
        client.force_login(people["anna"])
        response = client.post(
            reverse("wagtailadmin_pages:add", args=["editorial", "pressreleasepage", press_room.pk]),
            nested_form_data(
                {
                    "title": "Remont ulicy Długiej",
                    "slug": "remont-ulicy-dlugiej",
                    "lead": "Od poniedziałku objazdy.",
                    "contact_person": people["anna"].pk,
                    "body": streamfield([]),
                    "narrative_links": inline_formset([]),
                    "comments": inline_formset([]),
                    "action-submit": "Submit",
                }
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        assert recipients() == ["ewa@um.wierzbin.pl", "tomasz@um.wierzbin.pl"]
        assert all("Remont ulicy Długiej" in message.body for message in mail.outbox)

    def test_the_first_approval_tells_the_press_office_head(self, press_room, people):
        page = submitted(press_room, people["anna"])
        mail.outbox.clear()
        page.current_workflow_task_state.approve(user=people["tomasz"])
        assert recipients() == ["piotr@um.wierzbin.pl"]

    def test_a_rejection_tells_the_author(self, press_room, people):
        page = submitted(press_room, people["anna"])
        page.current_workflow_task_state.approve(user=people["tomasz"])
        mail.outbox.clear()
        page.current_workflow_task_state.reject(user=people["piotr"], comment="Brak kosztów.")
        assert recipients() == ["anna@um.wierzbin.pl"]

    def test_notification_preferences_in_the_account_are_respected(self, press_room, people):
        UserProfile.objects.create(user=people["ewa"], submitted_notifications=False)
        UserProfile.objects.create(user=people["anna"], rejected_notifications=False)
        page = submitted(press_room, people["anna"])
        assert recipients() == ["tomasz@um.wierzbin.pl"]
        page.current_workflow_task_state.approve(user=people["tomasz"])
        mail.outbox.clear()
        page.current_workflow_task_state.reject(user=people["piotr"])
        assert mail.outbox == []


class TestEscalation:
    @pytest.fixture
    def overdue(self, press_room, people):
        """A release whose first step started on Friday at 13:00, with Jan as the step's deputy."""
        ApprovalTask.objects.filter(pk=first_step().pk).update(deputy=people["jan"])
        page = submitted(press_room, people["anna"])
        started_at(page.current_workflow_task_state, FRIDAY_1300)
        mail.outbox.clear()
        return page

    def test_the_step_is_due_after_its_working_hours(self, overdue):
        assert escalation.due_at(overdue.current_workflow_task_state) == MONDAY_1300
        ApprovalTask.objects.filter(pk=first_step().pk).update(due_working_hours=2)
        assert escalation.due_at(overdue.current_workflow_task_state) == FRIDAY_1300 + timedelta(hours=2)

    def test_nothing_happens_before_the_due_time(self, overdue):
        assert escalation.sweep(now=MONDAY_1300 - timedelta(minutes=1)) == []
        assert not Escalation.objects.exists() and mail.outbox == []

    def test_an_overdue_step_is_escalated_once_to_the_deputy_and_the_press_office_head(
        self, overdue, make_user
    ):
        make_user("nieobecny", groups=[roles.MODERATORS], email="stary@um.wierzbin.pl", is_active=False)
        [done] = escalation.sweep(now=MONDAY_1300)
        assert done.task_state == overdue.current_workflow_task_state
        assert done.escalated_at == MONDAY_1300 and done.due_at == MONDAY_1300
        assert sorted(done.notified) == recipients() == ["jan@um.wierzbin.pl", "piotr@um.wierzbin.pl"]
        assert all("Nowy park" in message.subject for message in mail.outbox)
        edit_url = "http://127.0.0.1:8000" + reverse("wagtailadmin_pages:edit", args=[overdue.pk])
        assert all(edit_url in message.body for message in mail.outbox)

        assert escalation.sweep(now=MONDAY_1300 + timedelta(hours=3)) == []
        assert Escalation.objects.count() == 1 and len(mail.outbox) == 2

    def test_the_escalation_is_in_the_page_history(self, client, overdue, people):
        escalation.sweep(now=MONDAY_1300)
        in_english(people["piotr"])
        client.force_login(people["piotr"])
        response = client.get(f"/admin/pages/{overdue.pk}/history/")
        html = response.content.decode()
        assert "Escalate overdue approval step" in html
        assert "Step “Akceptacja merytoryczna (ekspert)” was due" in html
        assert "escalated to Jan Kowalski, Piotr Kowalczyk" in html
        assert PageLogEntry.objects.filter(page=overdue, action="komunikat.workflow.escalate").count() == 1

    def test_decided_steps_are_never_escalated(self, overdue, people):
        overdue.current_workflow_task_state.approve(user=people["tomasz"])
        overdue.refresh_from_db()
        second = overdue.current_workflow_task_state
        started_at(second, FRIDAY_1300)
        second.reject(user=people["piotr"])
        assert escalation.sweep(now=MONDAY_1300 + timedelta(days=30)) == []
        assert not Escalation.objects.exists()

    def test_a_step_nobody_could_be_told_about_is_tried_again(self, overdue, monkeypatch):
        def refuse(*args, **kwargs):
            raise smtplib.SMTPServerDisconnected("serwer poczty nie odpowiada")

        monkeypatch.setattr(escalation, "send_mail", refuse)
        assert escalation.sweep(now=MONDAY_1300) == []
        assert not Escalation.objects.exists()
        assert not PageLogEntry.objects.filter(action="komunikat.workflow.escalate").exists()

        monkeypatch.undo()
        assert len(escalation.sweep(now=MONDAY_1300 + timedelta(minutes=5))) == 1

    def test_the_sweep_is_a_job_every_five_minutes(self, press_room, people):
        from cms.jobs import periodic_jobs
        from cms.workflow.jobs import escalate_overdue_steps

        assert any(job.func is escalate_overdue_steps and job.interval == 300 for job in periodic_jobs())
        page = submitted(press_room, people["anna"])
        started_at(page.current_workflow_task_state, timezone.now() - timedelta(days=7))
        escalate_overdue_steps()
        assert Escalation.objects.get().task_state == page.current_workflow_task_state


class TestDueTimesOnTheDashboard:
    def test_the_press_office_head_sees_overdue_steps_and_reviewers_their_own(
        self, client, press_room, people
    ):
        late = submitted(press_room, people["anna"], title="Spóźniony komunikat")
        started_at(late.current_workflow_task_state, timezone.now() - timedelta(days=7))
        escalation.sweep()
        fresh = submitted(press_room, people["anna"], title="Świeży komunikat")
        in_english(people["piotr"], people["tomasz"], people["anna"])

        client.force_login(people["piotr"])
        panel = client.get("/admin/").content.decode()
        assert "Approval steps by due time" in panel
        assert "Spóźniony komunikat" in panel
        assert re.search(r'w-status--primary">\s*overdue\s*</span>', panel)
        assert "Świeży komunikat" not in panel  # not overdue, and not his step yet

        client.force_login(people["tomasz"])
        panel = client.get("/admin/").content.decode()
        due = escalation.due_at(fresh.current_workflow_task_state)
        assert "Świeży komunikat" in panel and "Spóźniony komunikat" in panel
        with translation.override("en"):
            assert f"due {formats.date_format(timezone.localtime(due), 'DATETIME_FORMAT')}" in panel

        client.force_login(people["anna"])
        assert "Approval steps by due time" not in client.get("/admin/").content.decode()


class TestAlreadyDecided:
    """Two people open the same step; the first decides, the second gets a notice and nothing changes."""

    @pytest.fixture
    def page(self, press_room, people):
        return submitted(press_room, people["anna"])

    def act(self, client, user, page, state, action, **kwargs):
        client.force_login(user)
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
        return client.post(url, {"comment": ""}, **kwargs)

    def test_a_second_approval_gets_a_notice_and_changes_nothing(self, client, page, people):
        in_english(people["ewa"])
        step = page.current_workflow_task_state
        for expert in ("tomasz", "ewa"):  # both open the approval dialog
            client.force_login(people[expert])
            url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", step.pk])
            assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 200

        assert self.act(client, people["tomasz"], page, step, "approve").status_code == 302
        page.refresh_from_db()
        after_first = page.current_workflow_task_state
        history, sent = PageLogEntry.objects.count(), len(mail.outbox)

        response = self.act(client, people["ewa"], page, step, "approve")
        assert response.url == reverse("wagtailadmin_home")  # the page is no longer hers to edit
        html = client.get(response.url).content.decode()
        assert "Step “Akceptacja merytoryczna (ekspert)” was already approved by Tomasz Wiśniewski on" in html
        assert "nothing was changed" in html

        step.refresh_from_db()
        page.refresh_from_db()
        assert (step.status, step.finished_by) == ("approved", people["tomasz"])
        assert page.current_workflow_task_state == after_first
        assert after_first.status == "in_progress"
        assert (PageLogEntry.objects.count(), len(mail.outbox)) == (history, sent)

    @pytest.mark.parametrize(
        "dialog", ["workflow_action", "collect_workflow_action_data"]
    )  # dashboard, editor
    def test_the_approval_dialog_after_a_request_for_changes_says_so(self, client, page, people, dialog):
        in_english(people["ewa"])
        step = page.current_workflow_task_state
        self.act(client, people["tomasz"], page, step, "reject")
        client.force_login(people["ewa"])
        url = reverse(f"wagtailadmin_pages:{dialog}", args=[page.pk, "approve", step.pk])
        for response in (
            client.get(url, headers={"x-requested-with": "XMLHttpRequest"}),
            client.post(url, {"comment": "OK"}, headers={"x-requested-with": "XMLHttpRequest"}),
        ):
            assert response.json()["step"] == "action"  # the dialog shows the notice instead of the form
            html = response.json()["html"]
            assert (
                "Changes at step “Akceptacja merytoryczna (ekspert)” were already requested by Tomasz" in html
            )
            assert "<form" not in html
        assert page.workflow_states.get().status == "needs_changes"
        assert TaskState.objects.get(pk=step.pk).comment == ""

    def test_the_second_head_lands_on_the_published_page_with_the_notice(
        self, client, page, people, make_user
    ):
        deputy_head = make_user("marta", groups=[roles.MODERATORS], first_name="Marta", last_name="Lis")
        in_english(deputy_head)
        page.current_workflow_task_state.approve(user=people["tomasz"])
        page.refresh_from_db()
        final = page.current_workflow_task_state

        self.act(client, people["piotr"], page, final, "approve")
        page.refresh_from_db()
        assert page.live
        response = self.act(client, deputy_head, page, final, "approve")
        assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
        html = client.get(response.url).content.decode()
        assert "was already approved by Piotr Kowalczyk on" in html
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1

    def test_someone_who_could_not_decide_the_step_gets_no_notice(self, client, page, people):
        step = page.current_workflow_task_state
        self.act(client, people["tomasz"], page, step, "approve")
        response = self.act(client, people["anna"], page, step, "approve")
        assert response.url == reverse("wagtailadmin_home")
        assert "Tomasz" not in client.get(response.url).content.decode()
