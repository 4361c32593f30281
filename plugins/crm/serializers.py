"""Outlets and journalists as the API shows and takes them, with their nested contacts.

Nested lists (e-mails, phones, addresses, social profiles, employments) are
replaced as a whole when given: PUT states the whole record, PATCH the lists it
names. ``beats`` are topic slugs, ``tags`` plain names and ``extra`` the custom
field values, checked by :func:`plugins.crm.custom_values.clean_values`.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from cms.core.models import Topic
from plugins.crm import custom_values
from plugins.crm.importer import one_year_ahead
from plugins.crm.models import (
    CustomFieldTarget,
    Employment,
    Journalist,
    JournalistEmail,
    JournalistPhone,
    JournalistSocialProfile,
    Outlet,
    OutletAddress,
    OutletEmail,
    OutletPhone,
    OutletSocialProfile,
)
from plugins.crm.validators import normalise_phone


class PhoneField(serializers.CharField):
    """A phone number, stored in international form."""

    def to_internal_value(self, data):
        try:
            return normalise_phone(super().to_internal_value(data))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class TagsField(serializers.ListField):
    child = serializers.CharField(max_length=100)

    def to_representation(self, tagged_items):
        return sorted(item.tag.name for item in tagged_items.all())

    def to_internal_value(self, data):
        return list(dict.fromkeys(tag.strip() for tag in super().to_internal_value(data) if tag.strip()))


class JournalistEmailSerializer(serializers.ModelSerializer):
    class Meta:
        model = JournalistEmail
        fields = ["email", "primary"]


class JournalistPhoneSerializer(serializers.ModelSerializer):
    number = PhoneField(max_length=30)

    class Meta:
        model = JournalistPhone
        fields = ["label", "number"]


class JournalistSocialProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = JournalistSocialProfile
        fields = ["network", "handle"]


class EmploymentSerializer(serializers.ModelSerializer):
    outlet = serializers.PrimaryKeyRelatedField(queryset=Outlet.objects.all())
    outlet_name = serializers.CharField(source="outlet.name", read_only=True)

    class Meta:
        model = Employment
        fields = ["outlet", "outlet_name", "role", "started_on", "ended_on"]

    def validate(self, attrs):
        started, ended = attrs.get("started_on"), attrs.get("ended_on")
        if started and ended and ended < started:
            raise serializers.ValidationError({"ended_on": _("The end is before the start.")})
        return attrs


class OutletAddressSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutletAddress
        fields = ["label", "street", "postal_code", "city"]


class OutletPhoneSerializer(serializers.ModelSerializer):
    number = PhoneField(max_length=30)

    class Meta:
        model = OutletPhone
        fields = ["label", "number"]


class OutletEmailSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutletEmail
        fields = ["label", "email"]


class OutletSocialProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutletSocialProfile
        fields = ["network", "handle"]


class ContactRecordSerializer(serializers.ModelSerializer):
    """What outlets and journalists share: tags, custom values and nested lists written in memory."""

    #: {field name: model of its items}, written by replacing the whole list.
    child_lists = {}
    target = None

    tags = TagsField(source="tagged", required=False)
    extra = serializers.DictField(required=False)

    def validate(self, attrs):
        if "extra" in attrs or not self.partial:
            try:
                attrs["extra"] = custom_values.clean_values(
                    self.target, attrs.get("extra", {}), partial=self.partial
                )
            except DjangoValidationError as error:
                raise serializers.ValidationError({"extra": error.message_dict}) from None
        return attrs

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, instance, data):
        children = {name: data.pop(name) for name in self.child_lists if name in data}
        tags = data.pop("tagged", None)
        beats = data.pop("beats", None)
        if "extra" in data and self.partial:
            data["extra"] = custom_values.merge_values(instance.extra, data["extra"])
        for name, value in data.items():
            setattr(instance, name, value)
        for name, items in children.items():
            getattr(instance, name).set([self.child_lists[name](**item) for item in items])
        if tags is not None:
            instance.tags.set(tags)
        if beats is not None:
            instance.beats.set(beats)
        instance.save()
        return instance


class OutletSerializer(ContactRecordSerializer):
    target = CustomFieldTarget.OUTLET
    child_lists = {
        "addresses": OutletAddress,
        "phones": OutletPhone,
        "emails": OutletEmail,
        "social_profiles": OutletSocialProfile,
    }

    addresses = OutletAddressSerializer(many=True, required=False)
    phones = OutletPhoneSerializer(many=True, required=False)
    emails = OutletEmailSerializer(many=True, required=False)
    social_profiles = OutletSocialProfileSerializer(many=True, required=False)

    class Meta:
        model = Outlet
        fields = [
            "id",
            "name",
            "kind",
            "reach",
            "website",
            "active",
            "notes",
            "tags",
            "extra",
            "addresses",
            "phones",
            "emails",
            "social_profiles",
            "created_at",
            "updated_at",
        ]

    def validate_name(self, name):
        others = Outlet.objects.filter(name__iexact=name)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError(_("An outlet with this name already exists."))
        return name


class JournalistSerializer(ContactRecordSerializer):
    target = CustomFieldTarget.JOURNALIST
    child_lists = {
        "emails": JournalistEmail,
        "phones": JournalistPhone,
        "social_profiles": JournalistSocialProfile,
        "employments": Employment,
    }

    full_name = serializers.CharField(read_only=True)
    emails = JournalistEmailSerializer(many=True, required=False)
    phones = JournalistPhoneSerializer(many=True, required=False)
    social_profiles = JournalistSocialProfileSerializer(many=True, required=False)
    employments = EmploymentSerializer(many=True, required=False)
    beats = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Topic.objects.all()
    )
    review_at = serializers.DateField(
        required=False, help_text="When to check the data is still needed; default: one year ahead."
    )

    class Meta:
        model = Journalist
        fields = [
            "id",
            "first_name",
            "last_name",
            "full_name",
            "emails",
            "phones",
            "social_profiles",
            "employments",
            "beats",
            "tags",
            "preferred_channel",
            "notes",
            "active",
            "extra",
            "legal_basis",
            "data_source",
            "review_at",
            "merged_into",
            "erased_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["merged_into", "erased_at"]

    def validate_emails(self, emails):
        addresses = [item["email"].lower() for item in emails]
        repeated = sorted({address for address in addresses if addresses.count(address) > 1})
        if repeated:
            raise serializers.ValidationError(
                _("Each e-mail may be given once: %(emails)s.") % {"emails": ", ".join(repeated)}
            )
        if sum(1 for item in emails if item.get("primary")) > 1:
            raise serializers.ValidationError(_("Only one e-mail can be the primary one."))
        if emails and not any(item.get("primary") for item in emails):
            emails[0]["primary"] = True
        if addresses:
            query = Q()
            for address in addresses:
                query |= Q(email__iexact=address)
            taken = JournalistEmail.objects.filter(query).select_related("journalist")
            if self.instance is not None:
                taken = taken.exclude(journalist=self.instance)
            taken = list(taken)
            if taken:
                raise serializers.ValidationError(
                    [
                        _("The e-mail %(email)s already belongs to %(name)s (id %(id)d).")
                        % {"email": item.email, "name": item.journalist.full_name, "id": item.journalist_id}
                        for item in taken
                    ]
                )
        return emails

    def create(self, validated_data):
        validated_data.setdefault("review_at", one_year_ahead(timezone.localdate()))
        validated_data["created_by"] = self.context["request"].user
        return super().create(validated_data)
