from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "cms.workflow"
    label = "komunikat_workflow"
    verbose_name = _("Approval workflow")

    def ready(self):
        from cms.core import working_time
        from cms.workflow import jobs  # noqa: F401  (declares the periodic jobs)

        working_time.office_hours()  # a malformed KOMUNIKAT_OFFICE_HOURS stops start-up here
