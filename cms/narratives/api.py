"""/api/v1/narratives/: search, autocomplete, and the published narratives themselves.

The search response is a contract other tools rely on (see docs/api.md):
``{"count", "results": [{"id", "title", "summary", "topics", "tags", "status",
"expires_at", "next_review_at", "url", "highlight": {"title", "body"}}],
"facets": {"topics", "tags"}}``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.errors import error_body
from cms.narratives import searching
from cms.narratives.models import Narrative
from cms.narratives.query import MIN_QUERY_LENGTH, parse
from cms.narratives.status import ACTIVE, SEARCHABLE, filter_status

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, required=True, description="Text to search for (at least 2 characters)."),
    OpenApiParameter("topic", str, description="Topic slug."),
    OpenApiParameter("tag", str, description="Tag."),
    OpenApiParameter("unit", str, description="Unit code; sub-units are included."),
    OpenApiParameter("status", str, enum=list(SEARCHABLE), description="Default: active."),
    OpenApiParameter("page", int, description="Page of 20 results, from 1."),
]


def bad_request(error):
    messages = [message for field_messages in error.message_dict.values() for message in field_messages]
    return Response(error_body(400, "invalid_query", " ".join(messages), error.message_dict), status=400)


def _with_notice(response, result):
    if result.get("backend") == "database":
        response["X-Search-Backend"] = "database"
    return response


class NarrativeSearchView(APIView):
    """Full-text search of published narratives, most relevant first, fresher first on ties."""

    @extend_schema(parameters=SEARCH_PARAMETERS, responses={200: dict})
    def get(self, request):
        try:
            query = parse(request.query_params)
        except ValidationError as error:
            return bad_request(error)
        result = searching.search(query)
        body = {key: result[key] for key in ("count", "results", "facets")}
        if "notice" in result:
            body["notice"] = result["notice"]
        return _with_notice(Response(body), result)


class NarrativeAutocompleteView(APIView):
    """Up to 10 titles of quotable narratives matching the beginning of ``q``."""

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True)], responses={200: dict})
    def get(self, request):
        prefix = " ".join(request.query_params.get("q", "").split())
        if len(prefix) < MIN_QUERY_LENGTH:
            message = _("Type at least %(count)d characters to search.") % {"count": MIN_QUERY_LENGTH}
            return Response(error_body(400, "invalid_query", message, {"q": [message]}), status=400)
        return Response({"results": searching.autocomplete(prefix)})


class NarrativeSerializer(serializers.ModelSerializer):
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    tags = serializers.SerializerMethodField()
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.CharField(read_only=True)
    sources = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_admin_url", read_only=True)

    class Meta:
        model = Narrative
        fields = [
            "id",
            "title",
            "summary",
            "body",
            "topics",
            "tags",
            "unit",
            "status",
            "valid_from",
            "expires_at",
            "next_review_at",
            "last_verified_at",
            "sources",
            "related",
            "url",
        ]

    def get_tags(self, obj) -> list[str]:
        return sorted(item.tag.name for item in obj.tagged.all())

    def get_related(self, obj) -> list[int]:
        return [link.narrative_id for link in obj.related_links.all()]

    def get_sources(self, obj) -> list[dict]:
        return [{"title": source.title, "url": source.href} for source in obj.sources.all()]


class NarrativeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published narratives; by default only active ones, ``?status=`` as in the search."""

    serializer_class = NarrativeSerializer

    def get_queryset(self):
        status = self.request.query_params.get("status") or ACTIVE
        if status not in SEARCHABLE:
            status = ACTIVE
        return (
            filter_status(Narrative.objects.all(), status)
            .select_related("unit")
            .prefetch_related("topics", "tagged__tag", "sources__document", "related_links")
            .order_by("title", "pk")
        )

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=list(SEARCHABLE))])
    def list(self, request, *args, **kwargs):
        status = request.query_params.get("status")
        if status and status not in SEARCHABLE:
            return bad_request(
                ValidationError(
                    {
                        "status": _("Unknown status “%(status)s”; use one of: %(choices)s.")
                        % {"status": status, "choices": ", ".join(SEARCHABLE)}
                    }
                )
            )
        return super().list(request, *args, **kwargs)
