"""Follow-up tasks in the admin: the list (the user's open tasks first), the form, "mark done", the dashboard.

A Wagtail ``ModelViewSet`` rather than wagtail-modeladmin: it gives Wagtail 8's
listing with filters, a per-row "Mark done" action posting to our own view, and
the edit form's audit history, which modeladmin has no hooks for.
"""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import log

from plugins.crm.models import Journalist, Task, TaskStatus
from plugins.crm.views import MENU_HOOK
from plugins.crm.views.choosers import journalist_chooser, outlet_chooser

MINE, ALL = "mine", "all"
OVERDUE, TODAY, WEEK = "overdue", "today", "week"


def staff():
    """Active users who work with the CRM: those a task may be assigned to."""
    permission = Permission.objects.get(content_type__app_label="crm", codename="view_task")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions=permission) | Q(user_permissions=permission))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class TaskForm(WagtailAdminModelForm):
    class Meta:
        model = Task
        fields = ["title", "details", "journalist", "outlet", "assignee", "due_on", "status"]
        widgets = {
            "details": forms.Textarea(attrs={"rows": 4}),
            "journalist": journalist_chooser.widget_class,
            "outlet": outlet_chooser.widget_class,
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["assignee"].queryset = staff()
        self.fields["journalist"].queryset = Journalist.objects.choosable()
        if self.instance.pk is None:
            del self.fields["status"]
            self.initial.setdefault("assignee", for_user.pk if for_user else None)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if "due_on" in self.changed_data and due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))
        return due_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("journalist") and not cleaned.get("outlet"):
            raise forms.ValidationError(_("Choose the journalist or the outlet the task is about."))
        return cleaned

    def save(self, commit=True):
        task = self.instance
        if task.pk is None:
            task.created_by = self.for_user
        if "due_on" in self.changed_data:  # a new due date earns new reminders
            task.reminded_at = task.overdue_notified_at = None
        if "status" in self.changed_data:
            task.completed_at = timezone.now() if task.status == TaskStatus.DONE else None
        return super().save(commit)


class TaskFilterSet(WagtailFilterSet):
    """Without a choice of assignee and status, the list shows the user's open tasks."""

    assignee = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Assigned to"),
        queryset=lambda request: staff(),
        empty_label=gettext_lazy("Anyone"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=TaskStatus.choices, empty_label=gettext_lazy("Any status")
    )
    due = django_filters.ChoiceFilter(
        label=gettext_lazy("Due"),
        choices=[
            (OVERDUE, gettext_lazy("Overdue")),
            (TODAY, gettext_lazy("Today")),
            (WEEK, gettext_lazy("In the next 7 days")),
        ],
        empty_label=gettext_lazy("Any time"),
        method="filter_due",
    )

    class Meta:
        model = Task
        fields = ["assignee", "status", "due"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        defaults = {"assignee": str(request.user.pk), "status": TaskStatus.OPEN}
        data = data.copy() if data is not None else None
        if data is not None:
            for name, value in defaults.items():
                data.setdefault(name, value)
        super().__init__(data, *args, request=request, **kwargs)
        for name, value in defaults.items():
            self.form.fields[name].initial = value

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == OVERDUE:
            return queryset.filter(due_on__lt=today)
        if value == TODAY:
            return queryset.filter(due_on=today)
        return queryset.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))


class ContactColumn(Column):
    """The journalist or outlet the task is about, linking to their timeline."""

    cell_template_name = "crm/tasks/contact_cell.html"

    def get_value(self, instance):
        return instance


class DueColumn(Column):
    cell_template_name = "crm/tasks/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.status == TaskStatus.OPEN and instance.due_on < timezone.localdate()
        return context


def done_button(task, label=None):
    """A button posting "mark done" the way Wagtail's own action buttons post (with ``next``)."""
    return Button(
        label or _("Mark done"),
        url="#",
        icon_name="check",
        priority=5,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": reverse("crm_task:done", args=[task.pk]),
        },
    )


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee", "journalist", "outlet")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == TaskStatus.OPEN and self.user_has_permission("change"):
            buttons.insert(0, done_button(instance))
        return buttons

    @cached_property
    def no_results_message(self):
        if self.filters and self.filters.form.data.get("assignee") == str(self.request.user.pk):
            return _("You have no tasks here. Choose “Anyone” to see the tasks of the whole press office.")
        return _("No tasks match these filters.")


class CreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        for name in ("journalist", "outlet"):
            if self.request.GET.get(name, "").isdigit():
                initial[name] = int(self.request.GET[name])
        return initial


class EditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.status == TaskStatus.OPEN and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            buttons.insert(0, done_button(self.object))
        return buttons


@require_POST
def mark_done(request, pk):
    if not request.user.has_perm("crm.change_task"):
        raise PermissionDenied
    task = get_object_or_404(Task, pk=pk)
    if task.status == TaskStatus.OPEN:
        task.status, task.completed_at = TaskStatus.DONE, timezone.now()
        task.save(update_fields=["status", "completed_at"])
        log(instance=task, action="wagtail.edit", user=request.user)
        messages.success(request, _("“%(title)s” is done.") % {"title": task.title})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("crm_task:index")
    return HttpResponseRedirect(target)


class TaskViewSet(ModelViewSet):
    model = Task
    name = "crm_task"
    url_prefix = "crm/tasks"
    icon = "tasks"
    menu_label = gettext_lazy("Tasks")
    menu_hook = MENU_HOOK
    menu_order = 120
    form_class = TaskForm
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    filterset_class = TaskFilterSet
    search_fields = ["title", "details"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    ordering = ["due_on", "pk"]
    list_display = [
        "title",
        ContactColumn("contact", label=gettext_lazy("About")),
        Column("assignee", label=gettext_lazy("Assigned to")),
        DueColumn("due_on", label=gettext_lazy("Due on"), sort_key="due_on"),
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Status"),
            primary=lambda task: task.status == TaskStatus.OPEN,
        ),
    ]

    def get_form_class(self, for_update=False):
        return self.form_class

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("done/<int:pk>/", mark_done, name="done")]


@hooks.register("register_admin_viewset")
def register_task_viewset():
    return TaskViewSet()


class MyTasksPanel(Component):
    """The dashboard's "My CRM tasks": the user's open tasks, overdue first."""

    name = "crm_my_tasks"
    template_name = "crm/tasks/panel.html"
    order = 230
    shown = 10

    def render_html(self, parent_context):
        request = parent_context["request"]
        tasks = Task.objects.open().filter(assignee=request.user).select_related("journalist", "outlet")
        context = {
            "tasks": list(tasks.order_by("due_on", "pk")[: self.shown]),
            "count": tasks.count(),
            "today": timezone.localdate(),
            "can_change": request.user.has_perm("crm.change_task"),
            "request": request,
        }
        return render_to_string(self.template_name, context, request=request)


@hooks.register("construct_homepage_panels")
def add_my_tasks_panel(request, panels):
    if request.user.has_perm("crm.view_task"):
        panels.append(MyTasksPanel())
