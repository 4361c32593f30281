"""Channels in the admin: the list with each token's health, connecting one, editing it, "Check now".

Connecting is two steps: choose the platform, then fill in the form built from
that platform's connector; the platform verifies the credentials before
anything is saved (``cms.outbox.forms.ChannelForm``). Wagtail's generic views
log each creation and change; a check is logged as ``CHECK_CHANNEL``.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from cms.outbox import health
from cms.outbox.connectors import Capability
from cms.outbox.forms import ChannelForm
from cms.outbox.models import Channel, Health
from cms.outbox.registry import UnknownPlatform, connector_class, connectors, platform_choices
from cms.outbox.views.history import CHECK_CHANNEL

NAMESPACE = "outbox_channels"
CAPABILITIES = {
    Capability.TEXT: gettext_lazy("text"),
    Capability.LINK: gettext_lazy("links"),
    Capability.IMAGES: gettext_lazy("images"),
    Capability.VIDEO: gettext_lazy("video"),
    Capability.COMMENTS: gettext_lazy("comments"),
    Capability.MESSAGES: gettext_lazy("private messages"),
    Capability.INSIGHTS: gettext_lazy("insights"),
    Capability.SCHEDULING: gettext_lazy("scheduling on the platform"),
}


class HealthColumn(Column):
    """The token's health as a status tag, with the platform's last word as its title."""

    cell_template_name = "outbox/channels/health_cell.html"

    def get_value(self, instance):
        return instance


class ChannelFilterSet(WagtailFilterSet):
    platform = django_filters.ChoiceFilter(
        label=gettext_lazy("Platform"), choices=platform_choices, empty_label=gettext_lazy("Any platform")
    )

    class Meta:
        model = Channel
        fields = ["platform", "health", "owner_unit", "active"]


def check_button(channel):
    """ "Check now", posted the way Wagtail's own action buttons post (with ``next``)."""
    return Button(
        _("Check now"),
        url="#",
        icon_name="rotate",
        priority=5,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": reverse(f"{NAMESPACE}:check", args=[channel.pk]),
        },
    )


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("owner_unit")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.has_connector and self.user_has_permission("change"):
            buttons.insert(0, check_button(instance))
        return buttons


class ChoosePlatformView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The first step of connecting a channel: which platform."""

    model = Channel
    permission_required = "add"
    template_name = "outbox/channels/choose_platform.html"
    page_title = gettext_lazy("Connect a channel")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:index"), "label": _("Channels")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        platforms = sorted(connectors().values(), key=lambda cls: str(cls.verbose_name))
        return super().get_context_data(
            platforms=[
                {
                    "key": cls.platform,
                    "name": cls.verbose_name,
                    "capabilities": ", ".join(
                        str(label) for key, label in CAPABILITIES.items() if cls.can(key)
                    ),
                    "url": reverse(f"{NAMESPACE}:connect", args=[cls.platform]),
                }
                for cls in platforms
            ],
            **kwargs,
        )


class ConnectView(generic.CreateView):
    """The second step: the platform's form; saved only once the platform accepts the credentials."""

    connect_url_name = None
    submit_button_label = gettext_lazy("Connect")
    submit_button_active_label = gettext_lazy("Asking the platform…")

    def setup(self, request, *args, platform, **kwargs):
        super().setup(request, *args, platform=platform, **kwargs)
        try:
            self.connector_class = connector_class(platform)
        except UnknownPlatform as exc:
            raise Http404(str(exc)) from exc

    def get_form_class(self):
        return ChannelForm.for_platform(self.connector_class)

    def get_add_url(self):
        return reverse(self.connect_url_name, args=[self.connector_class.platform])

    def get_page_subtitle(self):
        return _("Connect %(platform)s") % {"platform": self.connector_class.verbose_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Channels")},
            {"url": reverse(self.add_url_name), "label": _("Connect a channel")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_success_message(self, instance):
        account = self.form.credential_check.account_name
        return _("Channel “%(name)s” connected to %(platform)s as %(account)s.") % {
            "name": instance.name,
            "platform": self.connector_class.verbose_name,
            "account": account,
        }

    def get_success_url(self):
        return self.get_edit_url()


class EditView(generic.EditView):
    """Name, owner unit, active and settings; credentials are write-only (empty keeps them)."""

    template_name = "outbox/channels/edit.html"

    def get_form_class(self):
        return ChannelForm.for_platform(self.object.connector_class if self.object.has_connector else None)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.has_connector:
            buttons.insert(0, check_button(self.object))
        return buttons

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            channel=self.object, has_connector=self.object.has_connector, **kwargs
        )


class DeleteView(generic.DeleteView):
    """A channel that posts went to keeps its history: it is switched off, not deleted."""

    def form_valid(self, form):
        if self.object.deliveries.exists():
            messages.error(
                self.request,
                _("Posts went to “%(name)s”, so it stays for their history: untick “active” instead.")
                % {"name": self.object.name},
            )
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


@require_POST
def check_view(request, pk):
    """ "Check now": ask the platform whether the channel's token works, record and log the answer."""
    if not policy_registry.get_by_type(Channel).user_has_permission(request.user, "change"):
        raise PermissionDenied
    channel = get_object_or_404(Channel, pk=pk)
    if not channel.has_connector:
        messages.error(
            request,
            _("There is no active connector for the platform “%(platform)s”.")
            % {"platform": channel.platform},
        )
    else:
        state = health.check(channel)
        log(
            instance=channel,
            action=CHECK_CHANNEL,
            user=request.user,
            data={
                "health": state,
                "health_label": str(channel.get_health_display()),
                "message": channel.health_message,
            },
        )
        report = messages.success if state == Health.VALID else messages.warning
        report(
            request,
            _("%(name)s: %(health)s. %(message)s")
            % {
                "name": channel.name,
                "health": channel.get_health_display(),
                "message": channel.health_message,
            },
        )
    return redirect(
        get_valid_next_url_from_request(request) or reverse(f"{NAMESPACE}:edit", args=[channel.pk])
    )


class ChannelViewSet(ModelViewSet):
    model = Channel
    name = NAMESPACE
    url_prefix = "outbox/channels"
    icon = "site"
    menu_label = gettext_lazy("Channels")
    menu_order = 8100
    add_to_settings_menu = True
    index_view_class = IndexView
    add_view_class = ConnectView
    edit_view_class = EditView
    delete_view_class = DeleteView
    filterset_class = ChannelFilterSet
    search_fields = ["name", "account_id"]
    copy_view_enabled = False
    inspect_view_enabled = False
    ordering = ["name"]
    list_display = [
        "name",
        Column("platform_label", label=gettext_lazy("Platform"), sort_key="platform"),
        Column("account_id", label=gettext_lazy("Account")),
        Column("owner_unit", label=gettext_lazy("Owner unit")),
        HealthColumn("health", label=gettext_lazy("Health"), sort_key="health"),
        DateColumn("token_expires_at", label=gettext_lazy("Token expires"), sort_key="token_expires_at"),
        BooleanColumn("active", label=gettext_lazy("Active")),
    ]

    def get_form_class(self, for_update=False):
        return ChannelForm

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(connect_url_name=self.get_url_name("connect"), **kwargs)

    def get_urlpatterns(self):
        patterns = [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]
        return [
            *patterns,
            path("new/", ChoosePlatformView.as_view(), name="add"),
            path("new/<slug:platform>/", self.add_view, name="connect"),
            path("check/<int:pk>/", check_view, name="check"),
        ]
