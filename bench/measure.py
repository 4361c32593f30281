"""Timing and query counting that the list benchmarks share (Django's test client, one process)."""

import statistics
import time


def run(client, urls, count):
    """(index of the URL, latency) of each request, cycling through ``urls``."""
    latencies = []
    clock = time.perf_counter
    for number in range(count):
        index = number % len(urls)
        began = clock()
        client.get(urls[index])
        latencies.append((index, clock() - began))
    return latencies


def queries(client, url):
    """SQL queries of one request to ``url``, which must answer 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def percentiles(seconds):
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def urlconf(name, baselines):
    """The product's URLs plus ``baselines`` ({path: view}); both sides pass one resolver and middleware."""
    import types

    from django.urls import include, path

    module = types.ModuleType(name)
    module.urlpatterns = [
        *(path(url.lstrip("/"), view) for url, view in baselines.items()),
        path("", include("cms.urls")),
    ]
    return module


def query_counts(clients, count, *, api, api_sizes, admin_name, admin_sizes):
    """{side: {label: queries}} at several page sizes and pages of a list of ``count`` rows.

    The API pages by ``limit``/``offset``; the admin view's page size is set on the view for the run.
    """
    from django.urls import resolve, reverse

    last_offset = max(0, count - 7)  # a short last page
    api_counts = {
        f"limit={size}, offset={offset}": queries(clients["API"], f"{api}?limit={size}&offset={offset}")
        for size in api_sizes
        for offset in (0, count // 2, last_offset)
    }
    admin_url = reverse(admin_name)
    initkwargs = resolve(admin_url).func.view_initkwargs
    missing = object()
    original = initkwargs.get("paginate_by", missing)
    admin_counts = {}
    try:
        for size in admin_sizes:
            initkwargs["paginate_by"] = size
            last = -(-count // size)
            for page in (1, max(1, last // 2), last):
                admin_counts[f"per page {size}, p={page}"] = queries(
                    clients["admin"], f"{admin_url}?p={page}"
                )
    finally:
        if original is missing:
            initkwargs.pop("paginate_by")
        else:
            initkwargs["paginate_by"] = original
    return {"API": api_counts, "admin": admin_counts}
