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
