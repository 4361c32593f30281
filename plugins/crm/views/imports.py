"""Media › Import: upload a CSV of journalists, see what each row would do, then import it.

The uploaded file waits in the private storage between the preview and the
confirmation (its name is kept in the session, never taken from the form) and
is deleted once imported or cancelled; files of previews left unconfirmed are
deleted a day later, at the next upload.
"""

import datetime
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from plugins.crm import importer
from plugins.crm.views import MENU_HOOK

PERMISSION = "crm.export_contacts"
FOLDER = "crm/imports"
SESSION_KEY = "crm_import"
MAX_SIZE = 10 * 1024 * 1024
KEEP_UNCONFIRMED = datetime.timedelta(days=1)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "UTF-8, comma or semicolon delimited; several beats or tags in a cell separated by |."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Choose a .csv file (in a spreadsheet: Save as › CSV UTF-8)."))
        if upload.size > MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it into smaller files."))
        data = upload.read()
        try:
            self.rows = importer.read_rows(data)
        except importer.FileError as error:
            raise forms.ValidationError(str(error)) from None
        if not self.rows:
            raise forms.ValidationError(_("The file has a header row but no rows to import."))
        self.data_bytes = data
        return upload


def _storage():
    return storages["private"]


def _remove_stale_uploads(storage):
    if not storage.exists(FOLDER):
        return
    cutoff = timezone.now() - KEEP_UNCONFIRMED
    for name in storage.listdir(FOLDER)[1]:
        stored = f"{FOLDER}/{name}"
        if storage.get_modified_time(stored) < cutoff:
            storage.delete(stored)


def _pending(request):
    """(stored name, original name) of the upload waiting for confirmation, or None."""
    pending = request.session.get(SESSION_KEY)
    if pending and _storage().exists(pending["stored"]):
        return pending["stored"], pending["name"]
    return None


def _forget(request):
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        _storage().delete(pending["stored"])


def _render(request, template, **context):
    context.setdefault("page_title", _("Import contacts"))
    context.setdefault("header_title", context["page_title"])
    context.setdefault("header_icon", "upload")
    context.setdefault("columns", importer.COLUMNS)
    return TemplateResponse(request, template, context)


def import_view(request):
    """GET: the upload form; POST: check the file and show the preview of a dry run."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method != "POST":
        return _render(request, "crm/imports/upload.html", form=UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, "crm/imports/upload.html", form=form)
    storage = _storage()
    _forget(request)
    _remove_stale_uploads(storage)
    stored = storage.save(f"{FOLDER}/{uuid.uuid4().hex}.csv", ContentFile(form.data_bytes))
    name = form.cleaned_data["file"].name
    request.session[SESSION_KEY] = {"stored": stored, "name": name}
    report = importer.import_rows(form.rows, file_name=name, user=request.user, dry_run=True)
    return _render(request, "crm/imports/preview.html", report=report, file_name=name)


def confirm_view(request):
    """POST: import the previewed file (or cancel), delete it and show what was done."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("crm_import")
    pending = _pending(request)
    if pending is None:
        messages.error(request, _("No file is waiting to be imported; upload it again."))
        return redirect("crm_import")
    if "cancel" in request.POST:
        _forget(request)
        messages.info(request, _("The import was cancelled; nothing was saved."))
        return redirect("crm_import")
    stored, name = pending
    with _storage().open(stored, "rb") as file:
        data = file.read()
    try:
        report = importer.import_file(data, file_name=name, user=request.user)
    finally:
        _forget(request)
    message = _("Imported %(file)s: %(summary)s.") % {"file": name, "summary": report.summary()}
    (messages.warning if report.errors else messages.success)(request, message)
    return _render(request, "crm/imports/result.html", report=report, file_name=name)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("crm/import/", import_view, name="crm_import"),
        path("crm/import/confirm/", confirm_view, name="crm_import_confirm"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register(MENU_HOOK)
def register_import_menu_item():
    return ImportMenuItem(
        gettext_lazy("Import"), reverse("crm_import"), name="crm-import", icon_name="upload", order=150
    )
