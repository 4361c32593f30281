"""Scheduled publishing: Wagtail's go-live and expiry times, checked every minute."""

from django.core.management import call_command

from cms.jobs import periodic


@periodic(interval=60)
def publish_scheduled():
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)
