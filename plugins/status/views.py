from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from plugins.status.report import collect


class StatusView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "status.view_system_status"
    raise_exception = True
    template_name = "status/index.html"
    page_title = _("System status")
    header_icon = "pick"
    _show_breadcrumbs = True
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")},
        {"url": "", "label": _("System status")},
    ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=collect(), **kwargs)
