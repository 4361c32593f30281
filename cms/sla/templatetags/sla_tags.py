from django import template

from cms.sla.display import time_left as compute_time_left

register = template.Library()


@register.inclusion_tag("sla/time_left.html")
def time_left(due_at, met_at=None):
    """A badge with the time left until ``due_at`` in words, coloured by how close it is."""
    return {"left": compute_time_left(due_at, met_at), "due_at": due_at}
