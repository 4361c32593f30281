from rest_framework import serializers

from cms.organisation.models import Membership, Unit


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "email", "phone", "active"]


class MembershipSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Membership
        fields = ["unit", "role"]
