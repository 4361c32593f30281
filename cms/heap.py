"""Keep the objects a server process makes at start-up out of Python's garbage collector.

Django, Wagtail and their dependencies leave a quarter of a million long-lived objects on
the heap; each full collection walked them all, some 250 ms in the middle of a request
(measured in bench/crm_lists.py). Frozen, they are never scanned again and, in pre-fork
servers, their pages stay shared between workers.
"""

import gc

from django.urls import get_resolver


def freeze_startup_objects():
    """Import every view now rather than on the first request, then freeze what is alive."""
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf, and with it every view
    gc.collect()
    gc.freeze()
