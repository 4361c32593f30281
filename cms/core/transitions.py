"""State machines of cases: the allowed transitions of a model, enforced and audited in one place.

    INQUIRY_STATES = StateMachine("state", [
        Transition("assign", _("Assign"), sources=("new",), target="assigned", allowed=is_coordinator),
        ...
    ])
    INQUIRY_STATES.apply(inquiry, "assign", user, comment="...")

``apply`` locks the row, checks the current state and the person, sets the new
state (with any ``changes``), saves, writes ``komunikat.transition`` into
Wagtail's log and sends ``transitioned``. A refused transition raises
``Refused`` or ``NotAllowed`` and changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from cms.core.refusals import NotAllowed, Refused

#: The log action of every state change.
TRANSITION = "komunikat.transition"

#: Sent after a transition is saved, with ``sender`` (the model), ``instance``, ``transition``, ``user``
#: and ``comment``.
transitioned = Signal()


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    #: ``allowed(user, obj)``: may this person take this step on this case (the state aside)?
    allowed: Callable = field(default=lambda user, obj: True, compare=False)
    #: ``guard(obj)``: a refusal message when the case is not ready, else None.
    guard: Callable = field(default=lambda obj: None, compare=False)


class StateMachine:
    def __init__(self, field_name, transitions):
        self.field_name = field_name
        self.transitions = {t.name: t for t in transitions}

    def state_of(self, obj):
        return getattr(obj, self.field_name)

    def label_of(self, obj, state):
        choices = dict(type(obj)._meta.get_field(self.field_name).choices)
        return str(choices.get(state, state))

    def available(self, obj, user):
        """Transitions this person can take from the case's current state."""
        state = self.state_of(obj)
        return [t for t in self.transitions.values() if state in t.sources and t.allowed(user, obj)]

    def check(self, obj, name, user):
        """Raise Refused or NotAllowed when ``user`` cannot take ``name`` now; return the Transition."""
        try:
            step = self.transitions[name]
        except KeyError:
            raise Refused(gettext("There is no step “%(name)s”.") % {"name": name}) from None
        state = self.state_of(obj)
        if state not in step.sources:
            raise Refused(
                gettext("“%(step)s” is not possible while the case is “%(state)s”.")
                % {"step": step.label, "state": self.label_of(obj, state)}
            )
        if not step.allowed(user, obj):
            raise NotAllowed(
                gettext("Your role does not allow “%(step)s” on this case.") % {"step": step.label}
            )
        message = step.guard(obj)
        if message:
            raise Refused(message)
        return step

    def apply(self, obj, name, user, *, comment="", changes=None, log_data=None):
        """Take transition ``name``; ``changes`` are further field values saved with the new state."""
        model = type(obj)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=obj.pk)
            step = self.check(locked, name, user)
            before = self.state_of(locked)
            values = {self.field_name: step.target, **(changes or {})}
            for attribute, value in values.items():
                setattr(locked, attribute, value)
            locked.save(update_fields=[*values, *_auto_now_fields(model)])
            log(
                instance=locked,
                action=TRANSITION,
                user=user,
                data={
                    "transition": step.name,
                    "label": str(step.label),
                    "from": before,
                    "from_label": self.label_of(locked, before),
                    "to": step.target,
                    "to_label": self.label_of(locked, step.target),
                    "comment": comment,
                    **(log_data or {}),
                },
            )
            transitioned.send(sender=model, instance=locked, transition=step, user=user, comment=comment)
        for attribute in values:
            setattr(obj, attribute, getattr(locked, attribute))
        return obj


def _auto_now_fields(model):
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


class TransitionFormatter(LogFormatter):
    label = _("Change state")

    def format_message(self, log_entry):
        data = log_entry.data
        values = {
            "from": data.get("from_label", ""),
            "to": data.get("to_label", ""),
            "step": data.get("label", ""),
        }
        message = gettext("%(step)s: “%(from)s” → “%(to)s”") % values
        if data.get("comment"):
            message += f" ({data['comment']})"
        return message
