"""Follow-up tasks on a journalist or an outlet, and the rules that create them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plugins.crm.models.outlets import OutletKind, OutletReach


class TaskStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=TaskStatus.OPEN)


class Task(models.Model):
    title = models.CharField(_("task"), max_length=255)
    details = models.TextField(_("details"), blank=True)
    journalist = models.ForeignKey(
        "crm.Journalist", verbose_name=_("journalist"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="tasks",
    )  # fmt: skip
    outlet = models.ForeignKey(
        "crm.Outlet",
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        related_name="crm_tasks",
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    rule = models.ForeignKey(
        "crm.TaskRule", verbose_name=_("created by rule"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="tasks",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(_("overdue notice sent at"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["assignee", "status", "due_on"])]

    def __str__(self):
        return self.title


class TaskTrigger(models.TextChoices):
    NEW_JOURNALIST = "new_journalist", _("a journalist is added")
    NEW_OUTLET = "new_outlet", _("an outlet is added")


class TaskRule(models.Model):
    """When a journalist or an outlet is added and matches the conditions, a task is created.

    Blank conditions match anything. The task goes to the coordinator of the
    journalist's beat when the rule says so and there is one, else to ``assignee``.
    """

    name = models.CharField(_("name"), max_length=200)
    trigger = models.CharField(_("when"), max_length=30, choices=TaskTrigger.choices)
    outlet_reach = models.CharField(_("outlet reach"), max_length=20, blank=True, choices=OutletReach.choices)
    outlet_kind = models.CharField(_("outlet kind"), max_length=20, blank=True, choices=OutletKind.choices)
    beat = models.ForeignKey(
        "core.Topic",
        verbose_name=_("beat"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    to_beat_coordinator = models.BooleanField(_("assign to the coordinator of the beat"), default=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("otherwise assign to"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    task_title = models.CharField(
        _("task"), max_length=255, help_text=_("{name} is replaced by the journalist's or outlet's name.")
    )
    due_in_days = models.PositiveIntegerField(_("due in days"), default=3)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("task rule")
        verbose_name_plural = _("task rules")

    def __str__(self):
        return self.name


class BeatCoordinator(models.Model):
    """Who in the press office looks after the journalists of a beat."""

    beat = models.OneToOneField(
        "core.Topic", verbose_name=_("beat"), on_delete=models.CASCADE, related_name="+"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("beat coordinator")
        verbose_name_plural = _("beat coordinators")

    def __str__(self):
        return f"{self.beat}: {self.coordinator}"
