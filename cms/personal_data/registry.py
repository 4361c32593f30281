"""Personal data (RODO): one registry of everything the platform holds about people.

Every app or plugin that stores personal records subclasses
:class:`PersonalDataSource` and registers it; the export
(:mod:`cms.personal_data.export`, ``manage.py personal_data_export``) asks every
registered source what it holds about an e-mail address. Erasure is per record:
the screen that shows a record calls its source's :meth:`~PersonalDataSource.erase`.
"""

import inspect
from abc import ABC, abstractmethod

from django.core.exceptions import ImproperlyConfigured

_sources = {}


class PersonalDataSource(ABC):
    """What one app holds about people, and how to export and erase it.

    ``key`` names the source in the export (a section of ``data.json`` and the
    folder ``files/<key>/``), ``label`` is the human name.
    """

    key = ""
    label = ""

    @abstractmethod
    def find(self, email):
        """The records about the person with this e-mail address (any case), as a list or queryset."""

    @abstractmethod
    def describe(self, record):
        """Everything held in ``record``, as a JSON-able dict (dates may be date objects)."""

    def files(self, record):
        """(name, file-like) pairs of the record's files; names are unique within the source."""
        return []

    @abstractmethod
    def erase(self, record, user):
        """Anonymise ``record`` in place for ``user``, keeping the history that names nobody."""

    def exported(self, records, user):  # noqa: B027 - an optional hook
        """Called after ``records`` were exported for ``user`` (None from the command), e.g. to log it."""


def register(source_class):
    """Register a :class:`PersonalDataSource` subclass; usable as a class decorator."""
    if not (isinstance(source_class, type) and issubclass(source_class, PersonalDataSource)):
        raise TypeError(
            f"cms.personal_data.registry.register() takes a PersonalDataSource subclass, got {source_class!r}"
        )
    if inspect.isabstract(source_class):
        missing = ", ".join(sorted(source_class.__abstractmethods__))
        raise TypeError(f"{source_class.__qualname__} does not define {missing}.")
    if not source_class.key or not source_class.label:
        raise ImproperlyConfigured(f"{source_class.__qualname__} needs a key and a label.")
    known = _sources.get(source_class.key)
    if known is not None and _name(known) != _name(source_class):
        raise ImproperlyConfigured(
            f"{source_class.__qualname__} uses the key {source_class.key!r} of {known.__qualname__}."
        )
    _sources[source_class.key] = source_class
    return source_class


def _name(source_class):
    return f"{source_class.__module__}.{source_class.__qualname__}"


def sources():
    """An instance of every registered source whose plugin is active, in registration order."""
    from cms.plugin_api.registry import belongs_to_inactive_plugin

    return [cls() for cls in _sources.values() if not belongs_to_inactive_plugin(cls.__module__)]
