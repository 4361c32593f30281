from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from plugins.status.report import collect


class CanViewStatus(BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("status.view_system_status")


class StatusView(APIView):
    """Health of the database, job queues, scheduler and Elasticsearch, and every plugin's state."""

    permission_classes = [CanViewStatus]

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(collect())


urlpatterns = [path("", StatusView.as_view(), name="status")]
