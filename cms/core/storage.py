"""The private storage: files with personal data, served only by views that check who asks."""

from django.core.files.storage import storages


def private_storage():
    """``storages["private"]``, looked up when used so tests can point it elsewhere."""
    return storages["private"]
