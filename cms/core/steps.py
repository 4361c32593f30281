"""One step of a case taken from an admin form: clean the input, run the service, report the outcome.

A plugin's case page lists its steps (``Step``) and posts each to one view that
calls :func:`take_step`. A refusal of the service (cms.core.refusals) lands on
the form with its HTTP status, so the page can be shown again with everything
the person typed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext
from wagtail.admin import messages

from cms.core.refusals import NotAllowed, Refused


def anyone(user, subject):
    return True


@dataclass(frozen=True)
class Step:
    form_class: type
    run: Callable  # run(subject, user, cleaned_data)
    done: str
    #: May this person take the step at all (the role, not the state)? Others are refused (403).
    allowed: Callable = anyone


def take_step(request, step, subject, form):
    """Run ``step`` on ``subject`` with the bound ``form``: None when done, else the status to answer with."""
    try:
        if not step.allowed(request.user, subject):
            raise NotAllowed(gettext("Your role does not allow this step."))
        if form.is_valid():
            step.run(subject, request.user, form.cleaned_data)
            messages.success(request, str(step.done))
            return None
        status = 400
    except Refused as refusal:
        form.add_error(None, refusal.message)
        status = refusal.status
    messages.error(request, gettext("Nothing was changed: see the form below."))
    return status
