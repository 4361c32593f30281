"""The SLA sweep, every five minutes."""

from cms.jobs import periodic
from cms.sla import sweep


@periodic(interval=300)
def sweep_deadlines():
    """Remind before and escalate after the deadlines of every case (each once)."""
    sweep.sweep()
