"""/api/v1/outlets/ and /api/v1/journalists/: list, detail, create and update (no delete).

Access follows the CRM's model permissions, reading included (crm.view_*), so
only the press office gets in. Token or session authentication as the rest of
/api/v1/. Creating and changing is written to Wagtail's audit log
(``wagtail.create``, ``wagtail.edit``), as the admin does; a vCard download
is logged as an export.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.routers import SimpleRouter
from wagtail.log_actions import log

from plugins.crm import audit, vcard
from plugins.crm.models import (
    Employment,
    Journalist,
    JournalistTag,
    Outlet,
    OutletKind,
    OutletReach,
    OutletTag,
)
from plugins.crm.serializers import JournalistSerializer, OutletSerializer


class CrmModelPermissions(permissions.DjangoModelPermissions):
    """Django's model permissions, with crm.view_* needed to read."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


def _int_param(request, name):
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationError({name: [_("Give the id (a number).")]}) from None


def _choice_param(request, name, choices):
    value = request.query_params.get(name)
    if value and value not in choices.values:
        raise ValidationError(
            {name: [_("Unknown value; use one of: %(choices)s.") % {"choices": ", ".join(choices.values)}]}
        )
    return value


class ContactViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [CrmModelPermissions]

    def perform_create(self, serializer):
        instance = serializer.save()
        log(instance, "wagtail.create", user=self.request.user)

    def perform_update(self, serializer):
        instance = serializer.save()
        log(instance, "wagtail.edit", user=self.request.user)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words of the name or an e-mail."),
            OpenApiParameter("tag", str, description="Tag name."),
            OpenApiParameter("kind", str, enum=list(OutletKind.values)),
            OpenApiParameter("reach", str, enum=list(OutletReach.values)),
        ]
    )
)
class OutletViewSet(ContactViewSet):
    """Outlets (newsrooms) with their addresses, phones, e-mails, social profiles, tags and custom fields."""

    serializer_class = OutletSerializer

    def get_queryset(self):
        return Outlet.objects.prefetch_related(
            "addresses",
            "phones",
            "emails",
            "social_profiles",
            Prefetch("tagged", queryset=OutletTag.objects.select_related("tag")),
        ).order_by("name", "pk")

    def filter_queryset(self, outlets):
        outlets = outlets.matching(self.request.query_params.get("q", ""))
        if tag := self.request.query_params.get("tag"):
            tagged = OutletTag.objects.filter(tag__name__iexact=tag)
            outlets = outlets.filter(Exists(tagged.filter(content_object=OuterRef("pk"))))
        if kind := _choice_param(self.request, "kind", OutletKind):
            outlets = outlets.filter(kind=kind)
        if reach := _choice_param(self.request, "reach", OutletReach):
            outlets = outlets.filter(reach=reach)
        return outlets


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words of the name or an e-mail."),
            OpenApiParameter("tag", str, description="Tag name."),
            OpenApiParameter("beat", str, description="Beat (topic) slug."),
            OpenApiParameter("outlet", int, description="Id of an outlet the journalist works at now."),
        ]
    )
)
class JournalistViewSet(ContactViewSet):
    """Journalists with their e-mails, phones, social profiles, employments, beats, tags and custom fields."""

    serializer_class = JournalistSerializer

    def get_queryset(self):
        return Journalist.objects.prefetch_related(
            "emails",
            "phones",
            "social_profiles",
            Prefetch("employments", queryset=Employment.objects.select_related("outlet")),
            "beats",
            Prefetch("tagged", queryset=JournalistTag.objects.select_related("tag")),
        ).order_by("last_name", "first_name", "pk")

    def filter_queryset(self, journalists):
        journalists = journalists.matching(self.request.query_params.get("q", ""))
        if tag := self.request.query_params.get("tag"):
            journalists = journalists.filter(
                Exists(JournalistTag.objects.filter(content_object=OuterRef("pk"), tag__name__iexact=tag))
            )
        if beat := self.request.query_params.get("beat"):
            journalists = journalists.filter(beats__slug=beat)
        if (outlet := _int_param(self.request, "outlet")) is not None:
            journalists = journalists.filter(
                Exists(
                    Employment.objects.filter(
                        journalist=OuterRef("pk"), outlet_id=outlet, ended_on__isnull=True
                    )
                )
            )
        return journalists

    @extend_schema(
        responses={(200, "text/vcard"): OpenApiResponse(OpenApiTypes.STR, description="vCard 3.0")}
    )
    @action(detail=True, methods=["get"])
    def vcard(self, request, pk=None):
        """The journalist as a vCard 3.0 file for an address book."""
        journalist = self.get_object()
        response = HttpResponse(vcard.journalist_vcard(journalist), content_type=vcard.CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, vcard.file_name(journalist))
        audit.record(journalist, audit.EXPORT, request.user, format="vcard")
        return response


router = SimpleRouter()
router.register("outlets", OutletViewSet, basename="outlet")
router.register("journalists", JournalistViewSet, basename="journalist")

urlpatterns = router.urls
