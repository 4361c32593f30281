"""The CRM's audit log for the press office head: who did what with the contacts, and when.

Wagtail's site history report, narrowed to the CRM's entries (its models, and the
exports logged on their content types), filtered by employee, period and action,
with its CSV and XLSX download.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, Value
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.history import HistoryFilterSet, get_actions_for_filter
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from plugins.crm.views import MENU_HOOK

PERMISSION = "crm.manage_personal_data"


def crm_entries():
    """Log entries about the CRM's rows, and those logged on a CRM model itself (list exports)."""
    crm_types = ContentType.objects.filter(app_label="crm")
    return ModelLogEntry.objects.filter(
        Q(content_type__in=crm_types)
        | Q(
            content_type=ContentType.objects.get_for_model(ContentType),
            object_id__in=[str(pk) for pk in crm_types.values_list("pk", flat=True)],
        )
    )


class CrmLogFilterSet(HistoryFilterSet):
    """Employee, period (from/to) and action, offering only the people and actions in the CRM's log."""

    def get_action_choices(self):
        return get_actions_for_filter(crm_entries())

    def get_users_queryset(self):
        users = get_user_model()
        return users.objects.filter(pk__in=crm_entries().values("user_id")).order_by(users.USERNAME_FIELD)

    class Meta:
        model = ModelLogEntry
        fields = []


class CrmAuditView(LogEntriesView):
    page_title = _("CRM audit log")
    header_icon = "list-ul"
    filterset_class = CrmLogFilterSet
    index_url_name = "crm_audit"
    index_results_url_name = "crm_audit_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return super().get_filename().replace("audit-log", "crm-audit-log")

    def get_filtered_queryset(self):
        """The CRM's entries in the shape :meth:`LogEntriesView.decorate_paginated_queryset` reads."""
        self.log_models = [ModelLogEntry]
        rows = crm_entries().values("pk", "timestamp").annotate(log_model_index=Value(0, IntegerField()))
        return self.filter_queryset(rows).order_by("-timestamp", "-pk")


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register(MENU_HOOK)
def register_audit_menu_item():
    return AuditMenuItem(
        _("Audit log"), reverse("crm_audit"), name="crm-audit", icon_name="list-ul", order=160
    )


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("crm/audit/", CrmAuditView.as_view(), name="crm_audit"),
        path("crm/audit/results/", CrmAuditView.as_view(results_only=True), name="crm_audit_results"),
    ]
