"""JSON errors for the API: one shape everywhere, ``{"error": {"status", "code", "message", ...}}``."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cms.core.refusals import Refused


def error_body(status, code, message, details=None):
    body = {"status": status, "code": code, "message": str(message)}
    if details:
        body["details"] = details
    return {"error": body}


def exception_handler(exc, context):
    """DRF's handler, with its payload wrapped in the common error shape; domain refusals included."""
    if isinstance(exc, Refused):
        return Response(error_body(exc.status, exc.code, exc.message), status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(data, dict) and set(data) == {"detail"}:
        message, details = data["detail"], None
        code = getattr(data["detail"], "code", code)
    else:
        message, details = _("The request has invalid fields."), data
    response.data = error_body(response.status_code, code, message, details)
    return response


def json_not_found(request, exception=None):
    return JsonResponse(
        error_body(404, "not_found", _("No API endpoint at %(path)s.") % {"path": request.path}), status=404
    )


def json_server_error(request):
    return JsonResponse(error_body(500, "server_error", _("Internal server error.")), status=500)
