"""Citizen reports › Open311 API keys: issue a key to an application, see when it was last used, revoke it.

The screens of Wagtail's own API tokens: the new key is shown once, on the page
answering the form (it is not stored anywhere in clear); revoking keeps the
record, with the reports the application sent. Only the name can be edited.
Permissions are the model's: add to issue, change to rename and revoke, view to
see the list (the moderators and administrators hold them).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.users.views.api_tokens import APITokenStatusSidePanel

from cms.core.refusals import Refused
from plugins.citizen_reports.models import Open311Key
from plugins.citizen_reports.open311 import keys
from plugins.citizen_reports.views import MENU_HOOK


def _revoke_url(view, instance):
    """Revoking is a change of the key (the delete URL carries it), offered while the key is active."""
    if view.delete_url_name and instance.is_active and view.user_has_permission("change"):
        return reverse(view.delete_url_name, args=[instance.pk])
    return None


class IndexView(generic.IndexView):
    def get_delete_url(self, instance):
        return _revoke_url(self, instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for button in buttons:
            if button.url and button.url == self.get_delete_url(instance):
                button.label = gettext("Revoke")
        return buttons


class CreateView(generic.CreateView):
    """The key in clear is in this response only (the admin's pages are never cached)."""

    def form_valid(self, form):
        self.form = form
        self.object, key = keys.create(form.cleaned_data["name"], self.request.user)
        context = self.get_context_data(key=key, index_url=reverse(self.index_url_name))
        context["page_title"] = context["header_title"] = gettext("Open311 key created")
        return TemplateResponse(self.request, "citizen_reports/open311_keys/created.html", context)


class EditView(generic.EditView):
    delete_item_label = _("Revoke")

    def get_delete_url(self):
        return _revoke_url(self, self.object)

    def get_side_panels(self):
        return MediaContainer(
            [
                APITokenStatusSidePanel(
                    self.object,
                    self.request,
                    usage_url="",  # the panel shows when the key was last used
                    history_url=self.get_history_url(),
                    last_updated_info=self.get_last_updated_info(),
                )
            ]
        )


class RevokeView(generic.DeleteView):
    """Confirm, then revoke: the record stays, requests with the key get 403 from now on."""

    permission_required = "change"
    page_title = _("Revoke")
    template_name = "citizen_reports/open311_keys/confirm_revoke.html"

    def get_usage_url(self):
        return None  # nothing refers to a key but its reports, which stay

    @property
    def confirmation_message(self):
        return gettext(
            "Revoke the key of “%(name)s”? The application's reports will be refused from now on; "
            "the reports it sent stay."
        ) % {"name": self.object.name}

    def post(self, request, *args, **kwargs):
        try:
            keys.revoke(self.object, request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, gettext("The key of “%(name)s” is revoked.") % {"name": self.object.name}
            )
        return redirect(self.get_success_url())


class Open311KeyViewSet(ModelViewSet):
    model = Open311Key
    icon = "key"
    menu_label = _("Open311 API keys")
    menu_name = "open311_keys"
    menu_order = 800
    menu_hook = MENU_HOOK
    url_prefix = "plugins/citizen_reports/open311-keys"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["name"]
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = RevokeView
    list_display = [
        "name",
        Column("prefix", label=_("Key begins with"), accessor=lambda key: f"{key.prefix}…"),
        DateColumn("created_at", label=_("Created")),
        DateColumn("last_used_at", label=_("Last used")),
        StatusTagColumn(
            "state",
            label=_("State"),
            accessor=lambda key: _("active") if key.is_active else _("revoked"),
            primary=lambda key: key.is_active,
        ),
    ]


class Revoked(LogFormatter):
    label = _("Revoke an Open311 API key")

    def format_message(self, entry):
        return gettext("Revoked")


@hooks.register("register_log_actions")
def register_key_actions(actions):
    actions.register_action(keys.REVOKE)(Revoked)


@hooks.register("register_admin_viewset")
def register_key_viewset():
    return Open311KeyViewSet("citizen_reports_open311_key")
