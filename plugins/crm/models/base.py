"""What outlets and journalists share: tags, custom values, notes, the active flag, social profiles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class SocialNetwork(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X (Twitter)"
    INSTAGRAM = "instagram", "Instagram"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    OTHER = "other", _("other")


class ContactRecord(ClusterableModel):
    notes = models.TextField(_("notes"), blank=True)
    extra = models.JSONField(_("custom fields"), default=dict, blank=True)
    active = models.BooleanField(pgettext_lazy("contact record", "active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class SocialProfile(Orderable):
    network = models.CharField(_("network"), max_length=20, choices=SocialNetwork.choices)
    handle = models.CharField(_("profile"), max_length=200, help_text=_("Address or @handle."))

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return f"{self.get_network_display()}: {self.handle}"
