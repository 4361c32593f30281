"""Attachments of cases: checked (size limit, real file type) before anything is stored.

The size limit is the plugin setting ATTACHMENT_MAX_MB (25 MB by default). A
file whose content does not match its name (a "PDF" that is not one, an image
cut short) is refused with the reason; text formats are accepted as they are.
"""

import filetype
from django.apps import apps
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

from cms.core.refusals import Invalid
from plugins.inquiries.models import Attachment

#: Extensions whose content is sniffed, by family: the detected type must be in the same family.
SNIFFED = {
    "pdf": {"pdf"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "gif": {"gif"},
    "webp": {"webp"},
    "heic": {"heic"},
    "tif": {"tif"},
    "tiff": {"tif"},
    "mp3": {"mp3"},
    "wav": {"wav"},
    "m4a": {"m4a", "mp4"},
    "mp4": {"mp4", "m4v"},
    "mov": {"mov", "mp4"},
    "zip": {"zip"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "ods": {"ods", "zip"},
    "odp": {"odp", "zip"},
    "doc": {"doc"},
    "xls": {"xls"},
    "ppt": {"ppt"},
}
#: Extensions accepted without sniffing (text formats have no signature).
TEXT = {"txt", "csv", "rtf", "eml", "html", "xml", "json", "md"}


def max_bytes():
    return int(apps.get_app_config("inquiries").get_setting("ATTACHMENT_MAX_MB")) * 1024 * 1024


def check(name, data):
    """Refuse (Invalid) a file that is empty, too large, of an unknown kind or not what its name says."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if not data:
        raise Invalid(gettext("“%(name)s” is empty.") % {"name": name})
    if len(data) > max_bytes():
        raise _too_large(name, len(data))
    if extension in TEXT:
        return "text/plain" if extension == "txt" else f"text/{extension}"
    if extension not in SNIFFED:
        raise Invalid(
            gettext("“%(name)s”: files of this kind are not accepted (allowed: %(kinds)s).")
            % {"name": name, "kinds": ", ".join(sorted({*SNIFFED, *TEXT}))}
        )
    kind = filetype.guess(data[:8192])
    if kind is None or kind.extension not in SNIFFED[extension]:
        raise Invalid(
            gettext("“%(name)s” is damaged or is not a .%(extension)s file.")
            % {"name": name, "extension": extension}
        )
    return kind.mime


def _too_large(name, size):
    return Invalid(
        gettext("“%(name)s” is %(size)s; attachments may be at most %(limit)s.")
        % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
    )


def read(upload):
    """The bytes of an uploaded file, refusing early what is larger than the limit."""
    if (upload.size or 0) > max_bytes():
        raise _too_large(upload.name, upload.size)
    upload.seek(0)
    return upload.read()


def store(inquiry, name, data, *, user=None, message=None, refusal_decision=False):
    """Check and keep one file of ``inquiry``; returns the Attachment."""
    content_type = check(name, data)
    attachment = Attachment(
        inquiry=inquiry,
        message=message,
        name=name[:255],
        size=len(data),
        content_type=content_type,
        uploaded_by=user,
        is_refusal_decision=refusal_decision,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment
