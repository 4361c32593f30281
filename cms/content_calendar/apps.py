from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentCalendarConfig(AppConfig):
    name = "cms.content_calendar"
    label = "content_calendar"
    verbose_name = _("Content calendar")
