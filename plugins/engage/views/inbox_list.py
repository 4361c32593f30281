"""The inbox: every comment and message the person may see, newest first, with filters and search.

Rows come through :func:`plugins.engage.access.items_for` (cms.organisation.scoping),
so a unit's representative lists, filters and searches only the items of their
units' channels and those assigned to them.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic

from plugins.engage import access
from plugins.engage.models import InboxItem, Sentiment
from plugins.engage.models.inbox import Kind
from plugins.engage.views.item_page import post_edit_url

OPEN, HANDLED, MINE = "open", "handled", "mine"


class InboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=[
            (OPEN, gettext_lazy("open")),
            (HANDLED, gettext_lazy("handled")),
            (MINE, gettext_lazy("open, mine")),
        ],
        empty_label=gettext_lazy("Any state"),
        method="filter_state",
    )
    channel = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Channel"),
        queryset=lambda request: access.channels_for(request.user),
        empty_label=gettext_lazy("Any channel"),
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), choices=Kind.choices, empty_label=gettext_lazy("Comments and messages")
    )
    sentiment = django_filters.ChoiceFilter(
        label=gettext_lazy("Sentiment"), choices=Sentiment.choices, empty_label=gettext_lazy("Any sentiment")
    )
    alerts = django_filters.BooleanFilter(
        label=gettext_lazy("With watch words"),
        method="filter_alerts",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = InboxItem
        fields = ["state", "channel", "kind", "sentiment", "alerts"]

    def filter_state(self, queryset, name, value):
        if value == OPEN:
            return queryset.open()
        if value == HANDLED:
            return queryset.handled()
        if value == MINE:
            return queryset.open().filter(assigned_to=self.request.user)
        return queryset

    def filter_alerts(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.alerting() if value else queryset.filter(keywords=[])


class ItemColumn(Column):
    """The author and the text, linking to the item's page, with sentiment and watch words below."""

    cell_template_name = "engage/cells/item.html"

    def get_value(self, instance):
        return instance


class PostColumn(Column):
    """The post commented on: its title, linking to the page's editor."""

    cell_template_name = "engage/cells/post.html"

    def get_value(self, instance):
        post = instance.post
        return {"post": post, "url": post_edit_url(post)}


class InboxView(generic.IndexView):
    model = InboxItem
    index_url_name = "engage:index"
    index_results_url_name = "engage:index_results"
    any_permission_required = None
    filterset_class = InboxFilterSet
    search_kwarg = "q"
    template_name = "engage/index.html"
    page_title = gettext_lazy("Inbox")
    header_icon = "comment"
    paginate_by = 50
    default_ordering = "-created_at"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(access.VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def is_searchable(self):
        return True

    def get_base_queryset(self):
        items = access.items_for(self.request.user).select_related("channel", "delivery", "assigned_to")
        return items.prefetch_related("delivery__content_object")  # the posts, one query per page type

    def search_queryset(self, queryset):
        return queryset.matching(self.search_query or "")

    def get_valid_orderings(self):
        return ["created_at", "-created_at"]

    def get_edit_url(self, instance):
        return reverse("engage:item", args=[instance.pk])

    @cached_property
    def columns(self):
        return [
            ItemColumn("text", label=_("Comment or message"), width="38%"),
            Column("channel", label=_("Channel")),
            PostColumn("post", label=_("Post")),
            Column(
                "assigned_to",
                label=_("Assigned to"),
                accessor=lambda i: get_user_display_name(i.assigned_to) if i.assigned_to else "—",
            ),
            Column("state", label=_("State"), accessor="get_state_display"),
            DateColumn("created_at", label=_("Written"), sort_key="created_at"),
        ]

    @cached_property
    def no_results_message(self):
        if self.is_filtering or self.is_searching:
            return _("No comments or messages match these filters.")
        return _(
            "The inbox is empty. Comments under the posts and private messages arrive here from every "
            "channel that reads them, a few minutes after they are written. A channel whose "
            "platform allows it (comments, messages) is read once it is connected and active."
        )
