from django.db import connection
from django.http import JsonResponse
from django.views.defaults import page_not_found
from django.views.defaults import server_error as html_server_error

from cms.api.errors import json_not_found, json_server_error


def healthz(request):
    """Liveness for load balancers and container health checks: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _is_api(request):
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):
        return json_not_found(request, exception)
    return page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return json_server_error(request)
    return html_server_error(request)
