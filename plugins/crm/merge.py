"""Merging a duplicate journalist into the record that stays, keeping all history.

Everything that points at the duplicate moves to the kept record: e-mails (an
address the kept record has is dropped), phones, employments, social profiles,
beats, tags, timeline entries, tasks, mailing recipients, unsubscriptions,
distribution lists, and whatever other apps link to a journalist. Custom values
and notes the kept record lacks are copied. The duplicate is then deleted and
the merge logged on the kept record.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from plugins.crm import audit
from plugins.crm.models import Journalist
from plugins.crm.validators import normalise_phone


def _phone_key(number):
    try:
        return normalise_phone(number)
    except ValidationError:  # a stored number that no longer parses is compared as typed
        return number.strip()


def _move_emails(kept, merged):
    known = {email.lower() for email in kept.emails.values_list("email", flat=True)}
    has_primary = kept.emails.filter(primary=True).exists()
    for email in merged.emails.all():
        if email.email.lower() in known:
            email.delete()
            continue
        email.journalist = kept
        email.primary = email.primary and not has_primary
        has_primary = has_primary or email.primary
        email.save()


def _move_unique(kept, merged, relation, key):
    """Move the rows of ``relation`` whose ``key`` the kept record has not got; drop the others."""
    known = {key(row) for row in getattr(kept, relation).all()}
    for row in getattr(merged, relation).all():
        if key(row) in known:
            row.delete()
        else:
            known.add(key(row))
            row.journalist = kept
            row.save()


def _move_many_to_many(kept, merged, through, own_field, other_field):
    """Re-point the rows of an M2M ``through`` table from ``merged`` to ``kept``, without doubles."""
    taken = set(through.objects.filter(**{own_field: kept}).values_list(other_field, flat=True))
    rows = through.objects.filter(**{own_field: merged})
    rows.filter(**{f"{other_field}__in": taken}).delete()
    rows.update(**{own_field: kept})


HANDLED = {"emails", "phones", "social_profiles", "employments", "unsubscriptions", "tagged"}


def _move_other_relations(kept, merged):
    """Every other link to the duplicate (timeline, tasks, mailings, other apps) moves as it is."""
    for relation in Journalist._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or relation.related_model._meta.auto_created:
            continue  # own fields, and the rows of M2M tables (moved below with their relation)
        if relation.one_to_many and relation.get_accessor_name() not in HANDLED:
            field = relation.field.name
            relation.related_model._base_manager.filter(**{field: merged}).update(**{field: kept})
        elif relation.many_to_many:
            _move_many_to_many(
                kept,
                merged,
                relation.through,
                relation.field.m2m_reverse_field_name(),
                relation.field.m2m_field_name(),
            )


@transaction.atomic
def merge(kept, merged, *, user=None):
    """Move everything of ``merged`` to ``kept``, delete ``merged`` and log the merge on ``kept``."""
    if kept.pk == merged.pk:
        raise ValueError("A journalist cannot be merged into itself.")
    merged_name, merged_pk = merged.full_name, merged.pk
    _move_emails(kept, merged)
    _move_unique(kept, merged, "phones", lambda phone: _phone_key(phone.number))
    _move_unique(kept, merged, "social_profiles", lambda profile: (profile.network, profile.handle.lower()))
    _move_unique(
        kept, merged, "employments", lambda job: (job.outlet_id, job.role, job.started_on, job.ended_on)
    )
    _move_unique(kept, merged, "unsubscriptions", lambda unsubscription: unsubscription.list_id)
    _move_many_to_many(kept, merged, Journalist.tags.through, "content_object", "tag")
    _move_many_to_many(kept, merged, Journalist.beats.through, "journalist", "topic")
    _move_other_relations(kept, merged)

    kept.extra = {**(merged.extra or {}), **(kept.extra or {})}
    if merged.notes.strip() and merged.notes.strip() not in kept.notes:
        kept.notes = "\n\n".join(part for part in (kept.notes.strip(), merged.notes.strip()) if part)
    kept.save(update_fields=["extra", "notes", "updated_at"])
    merged.delete()
    audit.record(kept, audit.MERGE, user=user, merged_name=merged_name, merged_id=merged_pk)
    return kept
