"""Public routes of review links, mounted at /review/ before Wagtail's page routes."""

from django.urls import path

from cms.workflow.external_review import views

app_name = "external_review"

urlpatterns = [
    path("<str:token>/", views.review, name="review"),
    path("<str:token>/preview/", views.preview, name="preview"),
]
