"""The public report page: an editor places it anywhere on the site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.core.slugs import AsciiSlugMixin


class ReportPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """The form citizens report a problem with, its acknowledgement and every report's status page."""

    intro = RichTextField(_("intro"), blank=True, help_text=_("Shown above the form."))
    privacy_clause = RichTextField(
        _("information clause (RODO)"),
        help_text=_("Who processes the reporter's data, why, for how long, and their rights."),
    )
    thanks = RichTextField(
        _("after submitting"), blank=True, help_text=_("Shown with the case number and the status link.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("privacy_clause"),
        FieldPanel("thanks"),
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("citizen report page")
        verbose_name_plural = _("citizen report pages")

    @path("")
    def form(self, request):
        from plugins.citizen_reports.public import report_form

        return report_form(self, request)

    @path("done/<str:token>/", name="done")
    def done(self, request, token):
        from plugins.citizen_reports.public import done_page

        return done_page(self, request, token)

    @path("status/<str:token>/", name="status")
    def status(self, request, token):
        from plugins.citizen_reports.public import status_page

        return status_page(self, request, token)

    @path("status/<str:token>/photos/<int:pk>/", name="status_photo")
    def status_photo(self, request, token, pk):
        from plugins.citizen_reports.public import status_photo

        return status_photo(self, request, token, pk)
