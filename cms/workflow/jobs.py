"""Scheduled work of the approval workflow: escalating overdue steps every five minutes."""

from cms.jobs import periodic
from cms.workflow import escalation


@periodic(interval=300)
def escalate_overdue_steps():
    """Escalate approval steps that passed their due time (each once)."""
    escalation.sweep()
