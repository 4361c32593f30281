"""Where a report goes: the area of its point, the routing rule of its category there, and duplicates."""

import math
from datetime import timedelta

from django.apps import apps
from django.db import models

from plugins.citizen_reports.models import OPEN_STATES, Area, Report, RoutingRule

EARTH_RADIUS_M = 6_371_000


def _setting(name):
    return apps.get_app_config("citizen_reports").get_setting(name)


def contains(boundary, latitude, longitude):
    """Whether the point lies inside the polygon ``[[lat, lng], ...]`` (ray casting)."""
    inside = False
    points = [(float(a), float(b)) for a, b in boundary]
    y, x = float(latitude), float(longitude)
    for (y1, x1), (y2, x2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def area_of(latitude, longitude):
    """The first area (by name) whose outline holds the point, or None."""
    if latitude is None or longitude is None:
        return None
    return next((a for a in Area.objects.all() if contains(a.boundary, latitude, longitude)), None)


def responsible_unit(category, area):
    """The unit of the rule for the category in the area, else of its city-wide rule, else None."""
    rules = {
        rule.area_id: rule for rule in RoutingRule.objects.filter(category=category).select_related("unit")
    }
    rule = (rules.get(area.pk) if area else None) or rules.get(None)
    return rule.unit if rule else None


def distance_m(lat1, lng1, lat2, lng2):
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lng2) - float(lng1))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def _limits(radius_m, days):
    return radius_m or _setting("DUPLICATE_RADIUS_M"), days or _setting("DUPLICATE_DAYS")


def _candidates(category_ids, since):
    return Report.objects.filter(category_id__in=category_ids, state__in=OPEN_STATES, received_at__gte=since)


def _match(report, other, radius_m, since):
    """Whether ``other`` may be ``report`` again, and how far: (True, metres or None) or (False, None).

    The same category, received since ``since``, within ``radius_m`` of the point or at the same address.
    """
    if other.pk == report.pk or other.category_id != report.category_id or other.received_at < since:
        return False, None
    if report.has_point and other.has_point:
        distance = distance_m(report.latitude, report.longitude, other.latitude, other.longitude)
        if distance <= radius_m:
            return True, round(distance)
    address = report.address.strip().lower()
    return bool(address) and other.address.strip().lower() == address, None


def possible_duplicates(report, radius_m=None, days=None):
    """Open reports of the same category, received recently, near the point (or at the same address).

    Returns ``[(other report, distance in metres or None), ...]``, nearest first.
    """
    radius_m, days = _limits(radius_m, days)
    since = report.received_at - timedelta(days=days)
    near = models.Q(address__iexact=report.address.strip()) if report.address.strip() else models.Q(pk=None)
    if report.has_point:
        # A box around the point (indexed columns) narrows the rows; the exact distance decides.
        dlat = radius_m / 111_320
        dlng = radius_m / (111_320 * max(math.cos(math.radians(float(report.latitude))), 0.01))
        near |= models.Q(
            latitude__range=(float(report.latitude) - dlat, float(report.latitude) + dlat),
            longitude__range=(float(report.longitude) - dlng, float(report.longitude) + dlng),
        )
    found = []
    for other in _candidates([report.category_id], since).filter(near).select_related("category", "unit"):
        matches, distance = _match(report, other, radius_m, since)
        if matches:
            found.append((other, distance))
    return sorted(found, key=lambda pair: (pair[1] is None, pair[1] or 0, -pair[0].received_at.timestamp()))


def duplicate_counts(reports, radius_m=None, days=None):
    """{report id: how many possible duplicates} for a page of reports, in one query."""
    reports = list(reports)
    if not reports:
        return {}
    radius_m, days = _limits(radius_m, days)
    window = timedelta(days=days)
    fields = ("pk", "category", "received_at", "latitude", "longitude", "address")
    others = list(
        _candidates({r.category_id for r in reports}, min(r.received_at for r in reports) - window).only(
            *fields
        )
    )
    return {
        report.pk: sum(_match(report, other, radius_m, report.received_at - window)[0] for other in others)
        for report in reports
    }
