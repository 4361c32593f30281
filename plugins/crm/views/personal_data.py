"""A journalist's personal data: download everything held about them, or erase it after confirmation.

Only the press office head and administrators (``crm.manage_personal_data``) may do either.
"""

import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.personal_data.export import Found, collect, default_filename, write_zip
from plugins.crm.models import Journalist
from plugins.crm.personal_data import JournalistSource, erased_name, erasure_summary

PERMISSION = "crm.manage_personal_data"
#: Exports up to this size stay in memory, larger ones go to a temporary file.
IN_MEMORY = 10 * 1024 * 1024


def _journalist(request, pk):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return get_object_or_404(Journalist, pk=pk)


def export_view(request, pk):
    """The zip of the journalist's record and of whatever other sources hold about their addresses."""
    journalist = _journalist(request, pk)
    emails = list(journalist.emails.values_list("email", flat=True))
    others = [item for item in collect(emails) if item.source.key != JournalistSource.key]
    target = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - FileResponse closes it
    write_zip([Found(JournalistSource(), [journalist]), *others], target, emails=emails, user=request.user)
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=default_filename(f"journalist-{journalist.pk}"),
        content_type="application/zip",
    )  # fmt: skip


class EraseView(WagtailAdminTemplateMixin, TemplateView):
    """What erasing removes and keeps, stated before the press office head confirms it."""

    template_name = "crm/personal_data/erase.html"
    header_icon = "bin"

    def dispatch(self, request, pk):
        self.journalist = _journalist(request, pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Erase personal data")

    def get_page_subtitle(self):
        return str(self.journalist)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("crm_journalist:index"), "label": capfirst(Journalist._meta.verbose_name_plural)},
            {"url": reverse("crm_journalist:edit", args=[self.journalist.pk]), "label": str(self.journalist)},
            {"url": "", "label": _("Erase personal data")},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            journalist=self.journalist,
            counts=erasure_summary(self.journalist),
            new_name=" ".join(erased_name(self.journalist)),
            **kwargs,
        )

    def post(self, request, pk):
        if self.journalist.erased_at:
            messages.warning(request, _("This journalist's personal data was already erased."))
        else:
            JournalistSource().erase(self.journalist, request.user)
            messages.success(
                request,
                _("The personal data was erased; the record is now “%(name)s”.")
                % {"name": " ".join(erased_name(self.journalist))},
            )
        return redirect("crm_journalist:edit", self.journalist.pk)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("crm/journalists/<int:pk>/personal-data/", export_view, name="crm_personal_data_export"),
        path("crm/journalists/<int:pk>/erase/", EraseView.as_view(), name="crm_personal_data_erase"),
    ]
