"""JSON shapes of the desk's API."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cms.core.models import Topic
from cms.organisation.models import Unit
from plugins.crm.models import Journalist, Outlet
from plugins.inquiries.links import case_url, request_url
from plugins.inquiries.models import (
    Assignment,
    Channel,
    Inquiry,
    InquiryKind,
    InternalRequest,
    Message,
    Priority,
    RequestKind,
    RequestMessage,
)
from plugins.inquiries.states import AUTOMATIC, INQUIRY, REQUEST


def _person(user):
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()} if user else None


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    experts = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["unit", "experts", "instructions", "due_at", "contribution", "contributed_at"]

    def get_experts(self, assignment) -> list:
        return [_person(user) for user in assignment.experts.all()]


class InquirySerializer(serializers.ModelSerializer):
    kind = serializers.SlugRelatedField(slug_field="name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    journalist = serializers.SerializerMethodField()
    outlet = serializers.SerializerMethodField()
    coordinator = serializers.SerializerMethodField()
    assignments = AssignmentSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()
    admin_url = serializers.SerializerMethodField()

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "number",
            "kind",
            "priority",
            "subject",
            "question",
            "topics",
            "state",
            "state_label",
            "journalist",
            "outlet",
            "reply_to",
            "channel",
            "received_at",
            "media_deadline",
            "due_at",
            "statutory_due_at",
            "extended_due_at",
            "overdue",
            "coordinator",
            "assignments",
            "answered_at",
            "closed_at",
            "transitions",
            "admin_url",
        ]

    def get_journalist(self, inquiry) -> dict | None:
        j = inquiry.journalist
        return {"id": j.pk, "name": j.full_name} if j else None

    def get_outlet(self, inquiry) -> dict | None:
        return {"id": inquiry.outlet.pk, "name": inquiry.outlet.name} if inquiry.outlet else None

    def get_coordinator(self, inquiry) -> dict | None:
        return _person(inquiry.coordinator)

    def get_overdue(self, inquiry) -> bool:
        return inquiry.is_overdue(self.context.get("now"))

    def get_transitions(self, inquiry) -> list[str]:
        user = self.context["request"].user
        return [t.name for t in INQUIRY.available(inquiry, user) if t.name not in AUTOMATIC]

    def get_admin_url(self, inquiry) -> str:
        return case_url(inquiry)


class InquiryCreateSerializer(serializers.Serializer):
    kind = serializers.PrimaryKeyRelatedField(queryset=InquiryKind.objects.filter(active=True))
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    subject = serializers.CharField(max_length=255)
    question = serializers.CharField()
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.EMAIL)
    received_at = serializers.DateTimeField(required=False)
    media_deadline = serializers.DateTimeField(required=False, allow_null=True)
    topics = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Topic.objects.all(), required=False
    )
    journalist = serializers.PrimaryKeyRelatedField(
        queryset=Journalist.objects.choosable(), required=False, allow_null=True
    )
    journalist_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    journalist_email = serializers.EmailField(required=False, allow_blank=True)
    outlet = serializers.PrimaryKeyRelatedField(
        queryset=Outlet.objects.all(), required=False, allow_null=True
    )
    outlet_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reply_to = serializers.EmailField(required=False, allow_blank=True)

    def validate(self, data):
        received = data.get("received_at") or timezone.now()
        if data.get("media_deadline") and data["media_deadline"] <= received:
            raise serializers.ValidationError(
                {
                    "media_deadline": _(
                        "The journalist's deadline must be after the time the inquiry was received."
                    )
                }
            )
        return data


class InquiryUpdateSerializer(serializers.Serializer):
    kind = serializers.PrimaryKeyRelatedField(queryset=InquiryKind.objects.filter(active=True))
    priority = serializers.ChoiceField(choices=Priority.choices)
    subject = serializers.CharField(max_length=255)
    question = serializers.CharField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_at = serializers.DateTimeField()
    media_deadline = serializers.DateTimeField(allow_null=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Topic.objects.all())
    reply_to = serializers.EmailField(allow_blank=True)


class AssignSerializer(serializers.Serializer):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.active())
    due_at = serializers.DateTimeField()
    experts = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    instructions = serializers.CharField(required=False, allow_blank=True, default="")


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "id",
            "visibility",
            "direction",
            "author",
            "from_address",
            "to_address",
            "subject",
            "body",
            "created_at",
            "attachments",
        ]
        read_only_fields = ["direction", "from_address", "to_address", "subject", "created_at"]

    def get_author(self, message) -> dict | None:
        return _person(message.author)

    def get_attachments(self, message) -> list:
        return [{"id": a.pk, "name": a.name, "size": a.size} for a in message.attachments.all()]


class InternalRequestSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    units = serializers.SerializerMethodField()
    from_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    requested_by = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()
    admin_url = serializers.SerializerMethodField()

    class Meta:
        model = InternalRequest
        fields = [
            "id",
            "number",
            "kind",
            "title",
            "body",
            "source_url",
            "state",
            "state_label",
            "from_unit",
            "units",
            "requested_by",
            "assignee",
            "due_at",
            "correction_revision",
            "page",
            "created_at",
            "closed_at",
            "transitions",
            "admin_url",
        ]

    def get_units(self, request) -> list:
        return [{"unit": t.unit.code, "acknowledged_at": t.acknowledged_at} for t in request.targets.all()]

    def get_requested_by(self, request) -> dict | None:
        return _person(request.requested_by)

    def get_assignee(self, request) -> dict | None:
        return _person(request.assignee)

    def get_transitions(self, request) -> list[str]:
        return [t.name for t in REQUEST.available(request, self.context["request"].user)]

    def get_admin_url(self, request) -> str:
        return request_url(request)


class InternalRequestCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    title = serializers.CharField(max_length=255)
    body = serializers.CharField()
    source_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    from_unit = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.active(), required=False, allow_null=True
    )
    units = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.active(), many=True, required=False
    )
    due_at = serializers.DateTimeField(required=False, allow_null=True)


class RequestMessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = RequestMessage
        fields = ["id", "author", "body", "file_name", "created_at"]
        read_only_fields = ["file_name", "created_at"]

    def get_author(self, message) -> dict | None:
        return _person(message.author)
