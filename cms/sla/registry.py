"""What happens when a deadline nears or passes: each model with deadlines registers a handler.

@register(Inquiry)
class InquiryDeadlines(DeadlineHandler):
    def remind(self, deadline, subject): notify(...)
    def escalate(self, deadline, subject): notify(...)
"""

_handlers = {}


class DeadlineHandler:
    """Tells people about one model's deadlines; the sweep calls it once per deadline and step."""

    model = None

    def queryset(self):
        """Rows the sweep loads subjects from (add select_related for what the messages use)."""
        return self.model._default_manager.all()

    def remind(self, deadline, subject):
        raise NotImplementedError

    def escalate(self, deadline, subject):
        raise NotImplementedError


def register(model):
    """Class decorator: the handler of ``model``'s deadlines."""

    def decorate(cls):
        if not (isinstance(cls, type) and issubclass(cls, DeadlineHandler)):
            raise TypeError(f"{cls!r} is not a DeadlineHandler subclass.")
        if model._meta.label_lower in _handlers:
            raise ValueError(f"{model._meta.label} already has a deadline handler.")
        handler = cls()
        handler.model = model
        _handlers[model._meta.label_lower] = handler
        return cls

    return decorate


def handler_for(content_type):
    return _handlers.get(f"{content_type.app_label}.{content_type.model}")
