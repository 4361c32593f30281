from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        from wagtail.signals import page_published

        from cms.editorial import jobs  # noqa: F401  (declares the periodic jobs)
        from cms.editorial.models import SocialPostPage
        from cms.editorial.signals import schedule_post_deliveries

        page_published.connect(
            schedule_post_deliveries, sender=SocialPostPage, dispatch_uid="editorial-outbox"
        )
