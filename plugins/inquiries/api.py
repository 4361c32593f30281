"""/api/v1/inquiries/ and /api/v1/internal-requests/: scoped by the one rule of cms.organisation.scoping.

A representative sees the cases of their units and the ones they are named on;
another unit's case answers 404. PATCH changes what a case is about. Steps
are actions (POST): ``transition``, ``coordinator``, ``assign``, ``unassign``,
``contribute``, ``messages`` (``direction: incoming`` notes the journalist's
reply), ``answer`` (a new draft; GET lists versions and narrative suggestions),
``submit``, ``approve``, ``send-back``, ``send``, ``extend``; an internal request's are
``transition``, ``acknowledge``, ``messages``, ``draft`` (publication) and ``correction``.
Refusals answer 409 (state), 403 (role) or 400 (values) in the common error shape.
"""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from wagtail.models import Revision

from cms.core.refusals import NotAllowed
from cms.editorial.models import PressRoomIndexPage
from cms.narratives.models import Narrative
from cms.narratives.searching import suggest
from cms.organisation.models import Unit
from cms.organisation.scoping import scoped
from plugins.inquiries import answer, cases, internal_requests
from plugins.inquiries.models import (
    Assignment,
    Direction,
    Inquiry,
    InquiryState,
    InternalRequest,
    Priority,
    RequestKind,
    RequestState,
    Visibility,
)
from plugins.inquiries.roles import is_coordinator
from plugins.inquiries.serializers import (
    AssignSerializer,
    InquiryCreateSerializer,
    InquirySerializer,
    InquiryUpdateSerializer,
    InternalRequestCreateSerializer,
    InternalRequestSerializer,
    MessageSerializer,
    RequestMessageSerializer,
)


def _choice(request, name, choices):
    value = request.query_params.get(name, "")
    if value and value not in choices.values:
        raise ValidationError(
            {name: [_("Unknown value; use one of: %(choices)s.") % {"choices": ", ".join(choices.values)}]}
        )
    return value


def _flag(request, name):
    value = request.query_params.get(name, "").lower()
    if value not in ("", "true", "false", "1", "0"):
        raise ValidationError({name: [_("Use true or false.")]})
    return value in ("true", "1")


def _id(value):
    """A row id from the request body, 0 (matching nothing) for anything that is not a whole number."""
    return int(value) if str(value).isdigit() else 0


def _unit(request):
    code = request.query_params.get("unit", "").strip().upper()
    if code and not Unit.objects.filter(code=code).exists():
        raise ValidationError({"unit": [_("Unknown unit “%(unit)s”.") % {"unit": code}]})
    return code


class InquiryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = InquirySerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        inquiries = Inquiry.objects.select_related(
            "kind", "journalist", "outlet", "coordinator"
        ).prefetch_related(
            "topics",
            Prefetch("assignments", Assignment.objects.select_related("unit").prefetch_related("experts")),
        )
        return scoped(inquiries, self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    def filter_queryset(self, inquiries):
        if self.action != "list":
            return inquiries
        params = self.request.query_params
        inquiries = inquiries.matching(params.get("q", ""))
        if state := _choice(self.request, "state", InquiryState):
            inquiries = inquiries.filter(state=state)
        if priority := _choice(self.request, "priority", Priority):
            inquiries = inquiries.filter(priority=priority)
        if kind := params.get("kind", ""):
            if not kind.isdigit():
                raise ValidationError({"kind": [_("Give the id (a number).")]})
            inquiries = inquiries.filter(kind_id=int(kind))
        if unit := _unit(self.request):
            inquiries = inquiries.assigned_to(Unit.objects.filter(code=unit).with_descendants())
        if _flag(self.request, "overdue"):
            inquiries = inquiries.overdue()
        return inquiries

    def create(self, request, *args, **kwargs):
        data = InquiryCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not is_coordinator(request.user):
            raise NotAllowed(_("Only the press office registers inquiries."))
        values = dict(data.validated_data)
        inquiry = cases.open_inquiry(user=request.user, **values)
        return Response(self._show(inquiry), status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        """PATCH: what the case is about (kind, priority, texts, dates, topics); deadlines follow."""
        inquiry = self.get_object()
        data = InquiryUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        cases.update_details(inquiry, request.user, **data.validated_data)
        return Response(self._show(inquiry))

    def _show(self, inquiry):
        return InquirySerializer(
            self.get_queryset().get(pk=inquiry.pk), context=self.get_serializer_context()
        ).data

    def _text(self, name, required=True):
        value = self.request.data.get(name, "")
        if required and not str(value).strip():
            raise ValidationError({name: [_("This field is required.")]})
        return str(value)

    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        inquiry = self.get_object()
        cases.transition(
            inquiry, self._text("name"), request.user, comment=self._text("comment", required=False)
        )
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"])
    def coordinator(self, request, pk=None):
        inquiry = self.get_object()
        person = get_user_model().objects.filter(pk=request.data.get("user")).first()
        if person is None:
            raise ValidationError({"user": [_("Unknown user.")]})
        cases.set_coordinator(inquiry, person, request.user)
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        inquiry = self.get_object()
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        experts = list(get_user_model().objects.filter(pk__in=data.validated_data["experts"]))
        cases.assign_unit(
            inquiry,
            data.validated_data["unit"],
            user=request.user,
            experts=experts,
            due_at=data.validated_data["due_at"],
            instructions=data.validated_data["instructions"],
        )
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"])
    def unassign(self, request, pk=None):
        inquiry = self.get_object()
        assignment = inquiry.assignments.filter(unit__code=self._text("unit").upper()).first()
        if assignment is None:
            raise ValidationError({"unit": [_("The unit is not assigned to this case.")]})
        cases.remove_unit(assignment, request.user)
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"])
    def contribute(self, request, pk=None):
        inquiry = self.get_object()
        code = self._text("unit").upper()
        assignment = inquiry.assignments.filter(unit__code=code).first()
        if assignment is None:
            raise ValidationError({"unit": [_("The unit is not assigned to this case.")]})
        cases.contribute(assignment, self._text("text"), request.user)
        return Response(self._show(inquiry))

    @action(detail=True, methods=["get", "post"])
    def messages(self, request, pk=None):
        inquiry = self.get_object()
        if request.method == "POST":
            visibility = request.data.get("visibility", Visibility.INTERNAL)
            if visibility not in Visibility.values:
                raise ValidationError({"visibility": [_("Use internal or external.")]})
            files = [(f.name, f.read()) for f in request.FILES.getlist("attachments")]
            if request.data.get("direction") == Direction.INCOMING:  # the journalist's reply, noted by hand
                message = cases.record_incoming(
                    inquiry, user=request.user, body=self._text("body"), files=files
                )
            else:
                message = cases.add_message(
                    inquiry, user=request.user, body=self._text("body"), visibility=visibility, files=files
                )
            return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)
        messages = inquiry.messages.select_related("author").prefetch_related("attachments")
        return Response(MessageSerializer(messages, many=True).data)

    @action(detail=True, methods=["get", "post"])
    def answer(self, request, pk=None):
        inquiry = self.get_object()
        if request.method == "POST":
            ids = request.data.get("narratives", []) or []
            narratives = list(Narrative.objects.filter(pk__in=[i for i in ids if str(i).isdigit()]))
            if len(narratives) != len(set(ids)):
                raise ValidationError({"narratives": [_("Unknown narrative.")]})
            answer.save_draft(
                inquiry,
                self._text("body"),
                request.user,
                narratives=narratives,
                confirm_unverified=bool(request.data.get("confirm_unverified")),
            )
        versions = [
            {
                "number": v.number,
                "state": v.state,
                "stage": v.stage,
                "body": v.body,
                "created_at": v.created_at,
                "author": v.author.get_full_name() if v.author else None,
                "decisions": [
                    {
                        "stage": d.stage,
                        "approved": d.approved,
                        "comment": d.comment,
                        "user": d.user.get_full_name() if d.user else None,
                        "decided_at": d.decided_at,
                    }
                    for d in v.decisions.all()
                ],
            }
            for v in answer.ANSWER.versions(inquiry).prefetch_related("decisions__user")
        ]
        topics = [topic.slug for topic in inquiry.topics.all()]
        return Response(
            {"versions": versions, "suggestions": suggest(inquiry.subject, topics)},
            status=status.HTTP_201_CREATED if request.method == "POST" else 200,
        )

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        inquiry = self.get_object()
        answer.ANSWER.submit(inquiry, request.user)
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        inquiry = self.get_object()
        answer.ANSWER.decide(
            inquiry, request.user, approve=True, comment=self._text("comment", required=False)
        )
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        inquiry = self.get_object()
        answer.ANSWER.decide(
            inquiry, request.user, approve=False, comment=self._text("comment", required=False)
        )
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        inquiry = self.get_object()
        answer.send_answer(inquiry, request.user)
        return Response(self._show(inquiry))

    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        inquiry = self.get_object()
        new_due = parse_datetime(self._text("due_at"))
        if new_due is None or timezone.is_naive(new_due):
            raise ValidationError({"due_at": [_("Give the date and time with a time zone (ISO 8601).")]})
        cases.send_extension_notice(inquiry, user=request.user, new_due=new_due, reason=self._text("reason"))
        return Response(self._show(inquiry))


class InternalRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = InternalRequestSerializer

    def get_queryset(self):
        requests = InternalRequest.objects.select_related(
            "from_unit", "requested_by", "assignee"
        ).prefetch_related("targets__unit")
        return scoped(requests, self.request.user)

    def filter_queryset(self, requests):
        if self.action != "list":
            return requests
        requests = requests.matching(self.request.query_params.get("q", ""))
        if state := _choice(self.request, "state", RequestState):
            requests = requests.filter(state=state)
        if kind := _choice(self.request, "kind", RequestKind):
            requests = requests.filter(kind=kind)
        if unit := _unit(self.request):
            requests = requests.concerning(Unit.objects.filter(code=unit).with_descendants())
        if _flag(self.request, "overdue"):
            requests = requests.filter(internal_requests.overdue())
        return requests

    def create(self, request, *args, **kwargs):
        data = InternalRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        created = internal_requests.open_request(user=request.user, units=values.pop("units", []), **values)
        return Response(self.get_serializer(self.get_queryset().get(pk=created.pk)).data, status=201)

    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        item = self.get_object()
        name = str(request.data.get("name", ""))
        if not name:
            raise ValidationError({"name": [_("This field is required.")]})
        internal_requests.transition(item, name, request.user, comment=str(request.data.get("comment", "")))
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        item = self.get_object()
        internal_requests.acknowledge(item, request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

    @action(detail=True, methods=["post"])
    def draft(self, request, pk=None):
        """Accept a publication request and make its draft page: ``kind`` press_release or social_post."""
        item = self.get_object()
        room = None
        if room_id := request.data.get("room"):
            room = PressRoomIndexPage.objects.filter(pk=_id(room_id)).first()
            if room is None:
                raise ValidationError({"room": [_("Unknown press room.")]})
        internal_requests.draft_publication(item, str(request.data.get("kind", "")), request.user, room=room)
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

    @action(detail=True, methods=["post"])
    def correction(self, request, pk=None):
        """Link the page revision that publishes the correction (``revision``: its id)."""
        item = self.get_object()
        revision = Revision.page_revisions.filter(pk=_id(request.data.get("revision"))).first()
        if revision is None:
            raise ValidationError({"revision": [_("Unknown page revision.")]})
        internal_requests.link_correction(item, revision, request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

    @action(detail=True, methods=["get", "post"])
    def messages(self, request, pk=None):
        item = self.get_object()
        if request.method == "POST":
            upload = request.FILES.get("file")
            message = internal_requests.add_message(
                item,
                user=request.user,
                body=str(request.data.get("body", "")),
                file_name=upload.name if upload else "",
                data=upload.read() if upload else None,
            )
            return Response(RequestMessageSerializer(message).data, status=201)
        return Response(RequestMessageSerializer(item.messages.select_related("author"), many=True).data)


router = SimpleRouter()
router.register("inquiries", InquiryViewSet, basename="inquiry")
router.register("internal-requests", InternalRequestViewSet, basename="internal-request")
urlpatterns = router.urls
