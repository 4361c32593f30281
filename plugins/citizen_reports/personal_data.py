"""The reporters' personal data (RODO): export by e-mail address and erasure that keeps the case.

Erasure removes the name, the contact details and the photos the citizen sent
(which may show people or number plates), and the text they wrote later; the
report's description, place, state and the city's replies stay for the
statistics and the record of what the city did.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from cms.personal_data.registry import PersonalDataSource, register
from plugins.citizen_reports.models import Report, UpdateKind

ERASED_TEXT = "(usunięte)"


@register
class ReporterSource(PersonalDataSource):
    key = "citizen_reports.reports"
    label = _("Citizen reports")

    def find(self, email):
        return Report.objects.filter(email__iexact=email.strip()).select_related("category")

    def describe(self, report):
        return {
            "number": report.number,
            "category": report.category.name,
            "received_at": report.received_at,
            "state": report.get_state_display(),
            "description": report.description,
            "address": report.address,
            "latitude": str(report.latitude) if report.latitude is not None else None,
            "longitude": str(report.longitude) if report.longitude is not None else None,
            "first_name": report.first_name,
            "last_name": report.last_name,
            "email": report.email,
            "phone": report.phone,
            "consent_at": report.consent_at,
            "messages": [
                {"at": u.created_at, "text": u.text} for u in report.updates.filter(kind=UpdateKind.CITIZEN)
            ],
            "photos": [photo.name for photo in report.photos.filter(from_citizen=True)],
        }

    def files(self, report):
        return [(f"{report.pk}/{p.pk}-{p.name}", p.file) for p in report.photos.filter(from_citizen=True)]

    def erase(self, report, user):
        for photo in report.photos.filter(from_citizen=True):
            photo.file.delete(save=False)
            photo.delete()
        report.updates.filter(kind=UpdateKind.CITIZEN).update(text=ERASED_TEXT)
        report.first_name = report.last_name = report.email = report.phone = ""
        report.save(update_fields=["first_name", "last_name", "email", "phone", "updated_at"])
        log(instance=report, action="wagtail.edit", user=user, data={"erased_at": timezone.now().isoformat()})
