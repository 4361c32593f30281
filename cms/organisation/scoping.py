"""Who may see which case: the one rule every list, detail, API, export, search and download uses.

Press office roles (superusers and the Editors, Moderators, coordinators and
Administrators groups) see everything. Anyone else sees the cases of the units
they belong to, and of the units below those, plus the cases they are named on.

A model says how its rows reach units and people with a ``Scope``::

    class Inquiry(models.Model):
        scope = Scope(units=("assignments__unit",), people=("coordinator", "assignments__experts"))

and every view narrows its queryset with ``scoped(queryset, user)`` or fetches
one row with ``get_scoped_or_404(queryset, user, pk=...)``, so a representative
of another unit gets a 404, never a hint that the case exists.
"""

from dataclasses import dataclass

from django.db.models import ManyToOneRel, Q
from django.http import Http404

from cms.organisation.models import Unit
from cms.plugin_api.migrations import ADMINISTRATORS, COORDINATORS, EDITORS, MODERATORS

#: Groups whose members see every case.
PRESS_OFFICE_GROUPS = (EDITORS, MODERATORS, COORDINATORS, ADMINISTRATORS)


@dataclass(frozen=True)
class Scope:
    """Lookups from a model to the units and the people its rows belong to."""

    units: tuple = ()
    people: tuple = ()


def is_press_office(user):
    """True for superusers and members of the press office groups (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_komunikat_press_office"):
        user._komunikat_press_office = (
            user.is_superuser or user.groups.filter(name__in=PRESS_OFFICE_GROUPS).exists()
        )
    return user._komunikat_press_office


def unit_ids(user):
    """Ids of the units the user belongs to, with every unit below them (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_komunikat_unit_ids"):
        own = Unit.objects.filter(memberships__user=user)
        user._komunikat_unit_ids = frozenset(own.with_descendants().values_list("pk", flat=True))
    return user._komunikat_unit_ids


def scope_of(model):
    scope = getattr(model, "scope", None)
    if not isinstance(scope, Scope):
        raise TypeError(f"{model.__name__} declares no Scope, so it cannot be scoped to a user.")
    return scope


def scoped(queryset, user):
    """``queryset`` narrowed to the rows ``user`` may see."""
    if is_press_office(user):
        return queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    model = queryset.model
    scope = scope_of(model)
    units = unit_ids(user)
    condition = Q(pk__in=[])
    for lookup in scope.units:
        if units:
            condition |= _condition(model, lookup, units)
    for lookup in scope.people:
        condition |= _condition(model, lookup, [user.pk])
    return queryset.filter(condition)


def can_see(obj, user):
    """True when ``user`` may see the single object ``obj``."""
    return scoped(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


def get_scoped_or_404(queryset, user, **lookup):
    """The one row matching ``lookup`` that ``user`` may see, or Http404 (also for rows out of scope)."""
    try:
        return scoped(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the given query.") from None


def _condition(model, lookup, values):
    """``lookup__in=values``; through a to-many relation as a semi-join, so rows never repeat.

    When the lookup starts with a reverse foreign key (``assignments__unit``), the
    semi-join reads only the related table (``pk IN (SELECT inquiry_id FROM
    assignment WHERE unit_id IN ...)``), which the database answers from its
    index instead of joining back to every row of ``model``.
    """
    first, _sep, rest = lookup.partition("__")
    relation = model._meta.get_field(first)
    if isinstance(relation, ManyToOneRel) and not relation.many_to_many:
        back = relation.field
        rows = relation.related_model._default_manager.filter(**{f"{rest or 'pk'}__in": values})
        return Q(**{f"{back.target_field.name}__in": rows.values(back.attname)})
    if _crosses_many(model, lookup):
        return Q(pk__in=model._default_manager.filter(**{f"{lookup}__in": values}).values("pk"))
    return Q(**{f"{lookup}__in": values})


def _crosses_many(model, lookup):
    options = model._meta
    for name in lookup.split("__"):
        field = options.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if field.related_model is None:
            return False
        options = field.related_model._meta
    return False
