"""Everything held about a person, from every registered source, as one zip file.

The zip holds ``data.json``::

    {"emails": [...], "exported_at": "...",
     "sources": {"<key>": {"label": "...", "records": [...], "missing_files": [...]}}}

and each record's files under ``files/<key>/<name>``.
"""

import json
import shutil
import zipfile
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.text import slugify

from cms.personal_data.registry import PersonalDataSource, sources


@dataclass
class Found:
    """The records one source holds about the person, and after writing, how many files went in."""

    source: PersonalDataSource
    records: list
    files: int = 0
    missing_files: list = field(default_factory=list)


def collect(emails):
    """What the sources hold about any of ``emails``: a :class:`Found` per source that holds something."""
    found = []
    for source in sources():
        records = []
        for email in emails:
            records.extend(record for record in source.find(email) if record not in records)
        if records:
            found.append(Found(source, records))
    return found


def write_zip(found, target, *, emails, user=None):
    """Write the zip of ``found`` to ``target`` (a path or binary file); tell each source what went out."""
    sections = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in found:
            for record in item.records:
                for name, file in item.source.files(record):
                    _add_file(archive, f"files/{item.source.key}/{name}", name, file, item)
            sections[item.source.key] = {
                "label": item.source.label,
                "records": [item.source.describe(record) for record in item.records],
                "missing_files": item.missing_files,
            }
        data = {"emails": list(emails), "exported_at": timezone.now(), "sources": sections}
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
    for item in found:
        item.source.exported(item.records, user)
    return found


def _add_file(archive, path, name, file, item):
    try:
        with file.open("rb") as content, archive.open(path, "w") as out:
            shutil.copyfileobj(content, out)
    except FileNotFoundError:
        item.missing_files.append(name)
    else:
        item.files += 1


def default_filename(subject):
    """``personal-data-<subject>-<today>.zip``."""
    return f"personal-data-{slugify(subject)}-{timezone.localdate():%Y-%m-%d}.zip"
