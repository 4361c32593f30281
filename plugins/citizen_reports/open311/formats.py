"""JSON and XML renderings of the GeoReport v2 documents, from one Python shape.

The views build plain data (dicts, lists, strings, numbers, booleans, None) as
the spec's JSON shows it; XML names each list's items by the spec's element
names (``<services><service>``, ``<service_requests><request>``...).
"""

import json
import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

JSON, XML = "json", "xml"
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "application/xml; charset=utf-8"}
#: The media types the discovery document lists.
MEDIA_TYPES = [CONTENT_TYPES[JSON].split(";")[0], CONTENT_TYPES[XML].split(";")[0]]

#: XML element of each item of a list element.
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

#: Characters XML 1.0 cannot carry even escaped (control characters but tab and line breaks).
NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def w3c(moment):
    """A datetime as the spec wants it: ISO 8601 with the offset, in the site's time zone; None stays None."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("", str(value))


def element(tag, value):
    """``value`` as the XML element ``tag``: dicts become children, lists repeat the item element."""
    node = ET.Element(tag)
    if isinstance(value, dict):
        node.extend(element(key, item) for key, item in value.items())
    elif isinstance(value, list):
        node.extend(element(ITEMS[tag], item) for item in value)
    else:
        node.text = _text(value)
    return node


def xml_bytes(root, data):
    body = ET.tostring(element(root, data), encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


def render(fmt, root, data, status=200):
    """The response in ``fmt``; ``root`` names the XML root element (JSON has none)."""
    content = xml_bytes(root, data) if fmt == XML else json.dumps(data, ensure_ascii=False).encode()
    return HttpResponse(content, status=status, content_type=CONTENT_TYPES[fmt])
