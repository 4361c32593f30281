from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalDataConfig(AppConfig):
    name = "cms.personal_data"
    label = "personal_data"
    verbose_name = _("Personal data")
