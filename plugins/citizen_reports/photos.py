"""Citizens' photos: checked, re-encoded without EXIF (location, camera, time) and stored privately.

JPEG, PNG and WebP keep their format; HEIC (iPhones) is stored as JPEG so that
every browser shows it. Re-encoding the pixels alone drops every metadata block.
"""

import io
from dataclasses import dataclass

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from cms.core.refusals import Invalid
from plugins.citizen_reports.models import ReportPhoto

register_heif_opener()

#: Pillow's format name -> (stored format, content type, extension).
ACCEPTED = {
    "JPEG": ("JPEG", "image/jpeg", "jpg"),
    "MPO": ("JPEG", "image/jpeg", "jpg"),  # some phones' JPEGs
    "PNG": ("PNG", "image/png", "png"),
    "WEBP": ("WEBP", "image/webp", "webp"),
    "HEIF": ("JPEG", "image/jpeg", "jpg"),
}
#: What the file input accepts (the browser's picker; the server checks the content).
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
MAX_PIXELS = 60_000_000


def max_bytes():
    return int(float(apps.get_app_config("citizen_reports").get_setting("PHOTO_MAX_MB")) * 1024 * 1024)


def max_count():
    return int(apps.get_app_config("citizen_reports").get_setting("PHOTO_MAX_COUNT"))


@dataclass
class CleanPhoto:
    name: str
    content_type: str
    data: bytes
    width: int
    height: int


def clean(name, data):
    """The photo re-encoded without metadata, or Invalid with a message naming the file."""
    if len(data) > max_bytes():
        raise Invalid(
            gettext("“%(name)s” is larger than %(limit)s MB; choose a smaller photo.")
            % {"name": name, "limit": max_bytes() // (1024 * 1024)}
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ACCEPTED:
                raise UnidentifiedImageError(image.format)
            if image.width * image.height > MAX_PIXELS:
                raise Invalid(gettext("“%(name)s” has too many pixels.") % {"name": name})
            stored_format, content_type, extension = ACCEPTED[image.format]
            # Turn the pixels as the camera meant (the orientation lives in EXIF, which goes).
            pixels = ImageOps.exif_transpose(image)
            if stored_format == "JPEG" and pixels.mode not in ("RGB", "L"):
                pixels = pixels.convert("RGB")
            out = io.BytesIO()
            options = {"quality": 88} if stored_format in ("JPEG", "WEBP") else {}
            pixels.save(out, format=stored_format, **options)
            width, height = pixels.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise Invalid(
            gettext("“%(name)s” is not a photo we can read; send a JPEG, PNG, WebP or HEIC file.")
            % {"name": name}
        ) from None
    stem = get_valid_filename(name.rsplit(".", 1)[0])[:80] or "zdjecie"
    return CleanPhoto(f"{stem}.{extension}", content_type, out.getvalue(), width, height)


def store(report, photo, *, update=None, from_citizen=True):
    """Save a CleanPhoto as a ReportPhoto of ``report``."""
    record = ReportPhoto(
        report=report,
        update=update,
        name=photo.name,
        content_type=photo.content_type,
        width=photo.width,
        height=photo.height,
        size=len(photo.data),
        from_citizen=from_citizen,
    )
    record.file.save(photo.name, ContentFile(photo.data), save=False)
    record.save()
    return record
