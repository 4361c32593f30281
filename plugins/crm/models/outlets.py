"""Outlets: the newsrooms of the city's media landscape."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.models import Orderable

from plugins.crm.models.base import ContactRecord, SocialNetwork, SocialProfile
from plugins.crm.validators import validate_phone

__all__ = ["SocialNetwork"]


class OutletKind(models.TextChoices):
    TV = "tv", _("TV")
    RADIO = "radio", _("radio")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")
    ONLINE = "online", _("online")
    AGENCY = "agency", _("agency")
    OTHER = "other", _("other")


class OutletReach(models.TextChoices):
    LOCAL = "local", _("local")
    REGIONAL = "regional", _("regional")
    NATIONAL = "national", _("national")


class OutletTag(TaggedItemBase):
    content_object = ParentalKey("crm.Outlet", on_delete=models.CASCADE, related_name="tagged")


class OutletQuerySet(models.QuerySet):
    def matching(self, text):
        """Outlets whose name or any e-mail contains every word of ``text``, any case."""
        outlets = self
        for word in text.split():
            emails = OutletEmail.objects.filter(outlet=models.OuterRef("pk"), email__icontains=word)
            outlets = outlets.filter(models.Q(name__icontains=word) | models.Exists(emails))
        return outlets


class Outlet(ContactRecord):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OutletKind.choices, default=OutletKind.ONLINE)
    reach = models.CharField(
        _("reach"), max_length=20, choices=OutletReach.choices, default=OutletReach.LOCAL
    )
    website = models.URLField(_("website"), blank=True)
    tags = ClusterTaggableManager(through=OutletTag, verbose_name=_("tags"), blank=True)

    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self):
        return self.name


class OutletAddress(Orderable):
    outlet = ParentalKey(Outlet, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(_("label"), max_length=50, blank=True, help_text=_("e.g. newsroom, post"))
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)

    class Meta(Orderable.Meta):
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return ", ".join(part for part in (self.street, f"{self.postal_code} {self.city}".strip()) if part)


class OutletPhone(Orderable):
    outlet = ParentalKey(Outlet, on_delete=models.CASCADE, related_name="phones")
    label = models.CharField(_("label"), max_length=50, blank=True)
    number = models.CharField(_("number"), max_length=30, validators=[validate_phone])

    class Meta(Orderable.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number


class OutletEmail(Orderable):
    outlet = ParentalKey(Outlet, on_delete=models.CASCADE, related_name="emails")
    label = models.CharField(
        _("label"), max_length=50, blank=True, help_text=_("e.g. newsroom, editor-in-chief")
    )
    email = models.EmailField(_("e-mail"))

    class Meta(Orderable.Meta):
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self):
        return self.email


class OutletSocialProfile(SocialProfile):
    outlet = ParentalKey(Outlet, on_delete=models.CASCADE, related_name="social_profiles")
