"""The desk's admin screens under /admin/plugins/inquiries/ (namespace ``inquiries``)."""

from django.urls import path

from plugins.inquiries.views import cases

urlpatterns = [
    path("", cases.index, name="index"),
    path("<int:pk>/", cases.case, name="case"),
    path("requests/<int:pk>/", cases.internal_request, name="request"),
]
