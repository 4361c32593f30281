"""The outbox in the admin: channels (Settings), deliveries (Reports) and their history entries."""

from django.contrib.auth.models import Permission
from wagtail import hooks

from cms.outbox.views import history
from cms.outbox.views.channels import ChannelViewSet
from cms.outbox.views.deliveries import DeliveryViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ChannelViewSet(), DeliveryViewSet()]


@hooks.register("register_permissions")
def register_delivery_permissions():
    """Seeing the deliveries list, in the group editor (the channels viewset registers its own)."""
    return Permission.objects.filter(content_type__app_label="outbox", codename="view_delivery")


@hooks.register("register_log_actions")
def register_log_actions(actions):
    history.register(actions)
