"""A narrative's status, derived from its dates and never stored: the one rule.

draft         not published, or published but not in force yet (valid from a later day)
expired       its lifetime has passed (``expires_at`` is today or earlier)
needs_review  its re-verification date has come (``next_review_at`` is today or earlier)
active        everything else: the position may be quoted

The rule is written once, as a small condition tree over the fields ``live``,
``valid_from``, ``expires_at`` and ``next_review_at``; :func:`to_q` turns it into a
database filter and ``search.narratives`` into an Elasticsearch filter, so the
database, the index and the badge on a single narrative always agree.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DRAFT, ACTIVE, NEEDS_REVIEW, EXPIRED = "draft", "active", "needs_review", "expired"
LABELS = {
    ACTIVE: _("active"),
    NEEDS_REVIEW: _("needs review"),
    EXPIRED: _("expired"),
    DRAFT: _("draft"),
}
#: Statuses a search may ask for; ``all`` means every published narrative.
SEARCHABLE = (ACTIVE, NEEDS_REVIEW, EXPIRED, "all")


def _and(*parts):
    return ("and", parts)


def _or(*parts):
    return ("or", parts)


def _cmp(field, op, value=None):
    """``op`` is one of eq, lte, gt, null."""
    return ("cmp", field, op, value)


def condition(status, today):
    """The condition tree that selects narratives in ``status`` on ``today``."""
    in_force = _and(_cmp("live", "eq", True), _cmp("valid_from", "lte", today))
    not_expired = _or(_cmp("expires_at", "null"), _cmp("expires_at", "gt", today))
    review_not_due = _or(_cmp("next_review_at", "null"), _cmp("next_review_at", "gt", today))
    rules = {
        DRAFT: _or(_cmp("live", "eq", False), _cmp("valid_from", "gt", today)),
        EXPIRED: _and(in_force, _cmp("expires_at", "lte", today)),
        NEEDS_REVIEW: _and(in_force, not_expired, _cmp("next_review_at", "lte", today)),
        ACTIVE: _and(in_force, not_expired, review_not_due),
        "all": _cmp("live", "eq", True),
    }
    return rules[status]


def to_q(tree):
    """The condition tree as a Django ``Q``."""
    kind = tree[0]
    if kind == "cmp":
        _, field, op, value = tree
        if op == "null":
            return Q(**{f"{field}__isnull": True})
        return Q(**{field if op == "eq" else f"{field}__{op}": value})
    parts = [to_q(part) for part in tree[1]]
    combined = parts[0]
    for part in parts[1:]:
        combined = (combined & part) if kind == "and" else (combined | part)
    return combined


def holds(tree, values):
    """Whether the plain ``values`` (a mapping of the four fields) satisfy the tree."""
    kind = tree[0]
    if kind == "and":
        return all(holds(part, values) for part in tree[1])
    if kind == "or":
        return any(holds(part, values) for part in tree[1])
    _, field, op, value = tree
    actual = values[field]
    if op == "null":
        return actual is None
    if actual is None:
        return False
    return {"eq": actual == value, "lte": actual <= value, "gt": actual > value}[op]


def status_of(values, today=None):
    """The status of a narrative given as a mapping of its dates and ``live``."""
    today = today or timezone.localdate()
    for status in (DRAFT, EXPIRED, NEEDS_REVIEW, ACTIVE):
        if holds(condition(status, today), values):
            return status
    raise AssertionError("the statuses cover every narrative")


def filter_status(queryset, status, today=None):
    """Narratives of ``queryset`` in ``status`` (one of SEARCHABLE or ``draft``)."""
    return queryset.filter(to_q(condition(status, today or timezone.localdate())))
