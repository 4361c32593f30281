"""Public routes: the Open311 GeoReport v2 API, mounted at /open311/ (see docs/open311.md).

A service_request_id is a case number with slashes (ZI/2026/000123): its path
takes it with the slashes as they are, URL-encoded (%2F, decoded before routing)
or with hyphens (ZI-2026-000123).

The routes have no names: the admin's routes share the namespace "citizen_reports"
and come first, so these could not be reversed through it; the paths are the API.
"""

from django.urls import path, re_path, register_converter

from plugins.citizen_reports.open311 import filters, views


class FormatConverter:
    regex = "[A-Za-z0-9]+"

    def to_python(self, value):
        return value.lower()

    def to_url(self, value):
        return value


class CaseNumberConverter:
    regex = "[A-Za-z0-9][A-Za-z0-9_/-]*"

    def to_python(self, value):
        return filters.case_number(value)

    def to_url(self, value):
        return value


class SlugConverter:
    """service_code and token: letters, digits, - and _ (no dot: the format follows one)."""

    regex = "[A-Za-z0-9_-]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "open311_format")
register_converter(CaseNumberConverter, "open311_case")
register_converter(SlugConverter, "open311_slug")

urlpatterns = [
    path("v2/discovery.<open311_format:fmt>", views.discovery),
    path("v2/services.<open311_format:fmt>", views.services),
    path("v2/services/<open311_slug:service_code>.<open311_format:fmt>", views.service_definition),
    path("v2/requests.<open311_format:fmt>", views.requests),
    path("v2/requests/<open311_case:service_request_id>.<open311_format:fmt>", views.request_detail),
    path("v2/tokens/<open311_slug:token>.<open311_format:fmt>", views.token),
    re_path(r"^v2/(?P<rest>.*)$", views.not_found),
]
