"""Core endpoints of /api/v1/."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from cms import __version__
from cms.organisation.models import Unit
from cms.organisation.serializers import MembershipSerializer, UnitSerializer
from cms.plugin_api.registry import active_plugins, plugin_feature


class RootView(APIView):
    """Where everything in the API is: core endpoints and each active plugin's prefix."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(
            {
                "version": __version__,
                "endpoints": {
                    "me": reverse("api-v1:me", request=request),
                    "units": reverse("api-v1:unit-list", request=request),
                    "narratives": reverse("api-v1:narrative-list", request=request),
                    "narrative_search": reverse("api-v1:narrative-search", request=request),
                    "token": reverse("api-v1:token", request=request),
                    "schema": reverse("api-v1:schema", request=request),
                    "docs": reverse("api-v1:docs", request=request),
                },
                "plugins": {
                    config.label: request.build_absolute_uri(f"/api/v1/{config.label}/")
                    for config in active_plugins()
                    if plugin_feature(config, "api", "urlpatterns") is not None
                },
            }
        )


class MeSerializer(serializers.ModelSerializer):
    groups = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    memberships = MembershipSerializer(source="unit_memberships", many=True, read_only=True)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "first_name", "last_name", "email", "groups", "memberships"]


class MeView(APIView):
    """The authenticated user, with groups and unit memberships."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """The municipality's units (departments, organisational units, municipal companies)."""

    serializer_class = UnitSerializer
    queryset = Unit.objects.select_related("parent").order_by("code")
    lookup_field = "code"
    filterset_fields = ["kind", "active"]
