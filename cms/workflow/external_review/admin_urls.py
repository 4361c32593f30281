"""Admin routes of review links, under /admin/external-review/."""

from django.urls import path

from cms.workflow.external_review import admin_views

app_name = "external_review_admin"

urlpatterns = [
    path("pages/<int:page_id>/", admin_views.IndexView.as_view(), name="index"),
    path("pages/<int:page_id>/new/", admin_views.CreateView.as_view(), name="create"),
    path("pages/<int:page_id>/<int:review_id>/revoke/", admin_views.RevokeView.as_view(), name="revoke"),
]
