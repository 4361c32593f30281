"""Spreadsheet exports that are safe to open: no cell runs as a formula, times in the local zone.

Text in exports often comes from outside (an e-mail's subject, a journalist's
name); a value starting with ``=``, ``+``, ``-``, ``@`` would run as a formula
in a spreadsheet program, so it is written with a leading apostrophe.
"""

import datetime

from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet shows it, never as a formula."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _local(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


#: ``custom_value_preprocess`` of a Wagtail index view: safe text, local times without microseconds.
SAFE_EXPORT = {
    **SpreadsheetExportMixin.custom_value_preprocess,
    str: {SpreadsheetExportMixin.FORMAT_CSV: safe_cell},  # Wagtail keeps XLSX cells text already
    datetime.datetime: {
        SpreadsheetExportMixin.FORMAT_CSV: lambda value: _local(value).strftime("%Y-%m-%d %H:%M"),
        SpreadsheetExportMixin.FORMAT_XLSX: _local,
    },
}
