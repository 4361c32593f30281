"""The user's notifications in the admin: the list, opening one, marking all read."""

import django_filters
from django import forms
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.widgets import HeaderButton

from cms.notifications.models import Notification

UNREAD, READ = "unread", "read"


class NotificationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(UNREAD, _("Unread")), (READ, _("Read"))],
        empty_label=_("All"),
        method="filter_status",
        widget=forms.RadioSelect,
    )

    def filter_status(self, queryset, name, value):
        return queryset.unread() if value == UNREAD else queryset.filter(read_at__isnull=False)

    class Meta:
        model = Notification
        fields = []


class IndexView(BaseListingView):
    page_title = _("Notifications")
    header_icon = "mail"
    index_url_name = "notifications:index"
    index_results_url_name = "notifications:index_results"
    filterset_class = NotificationFilterSet
    paginate_by = 25
    columns = [
        TitleColumn(
            "subject", label=_("Subject"), get_url=lambda item: reverse("notifications:open", args=[item.pk])
        ),
        Column("excerpt", label=_("Message"), accessor=lambda item: Truncator(item.body).chars(140)),
        DateColumn("created_at", label=_("Received")),
        StatusTagColumn(
            "state",
            label=_("Status"),
            accessor=lambda item: _("Read") if item.read_at else _("Unread"),
            primary=lambda item: item.read_at is None,
        ),
    ]

    def get_base_queryset(self):
        return Notification.objects.for_user(self.request.user)

    def get_header_buttons(self):
        if not Notification.objects.for_user(self.request.user).unread().exists():
            return []
        # Posts like Wagtail's own action buttons; the form posts back here ("next").
        attrs = {
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": reverse("notifications:read_all"),
        }
        return [HeaderButton(_("Mark all as read"), "#", icon_name="check", attrs=attrs)]

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("No notifications match the filter.")
        return _(
            "You have no notifications yet. Reminders and news meant for you will appear here "
            "and in your e-mail."
        )


@require_http_methods(["GET", "POST"])
def open_notification(request, pk):
    """Mark one of the user's notifications read and go where it points."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    # The address was set by the feature that sent the notification, not typed by a user.
    return HttpResponseRedirect(notification.url or reverse("notifications:index"))


@require_POST
def read_all(request):
    if Notification.objects.for_user(request.user).mark_read():
        messages.success(request, _("All your notifications are marked as read."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications:index")
    return HttpResponseRedirect(target)
