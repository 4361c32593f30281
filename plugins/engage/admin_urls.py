"""The engage plugin's admin screens under /admin/plugins/engage/ (namespace ``engage``)."""

from django.urls import path

from plugins.engage.views import item_page
from plugins.engage.views.inbox_list import InboxView
from plugins.engage.views.insights import ChannelInsightsView, PostInsightsView

urlpatterns = [
    path("", InboxView.as_view(), name="index"),
    path("results/", InboxView.as_view(results_only=True), name="index_results"),
    path("items/<int:pk>/", item_page.item, name="item"),
    path("items/<int:pk>/do/<slug:step>/", item_page.act, name="act"),
    path("insights/", ChannelInsightsView.as_view(), name="insights"),
    path("insights/posts/<int:pk>/", PostInsightsView.as_view(), name="post_insights"),
]
