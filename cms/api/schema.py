"""OpenAPI schema hooks."""


def only_api_v1(endpoints, **kwargs):
    """Keep the public REST API; leave out Wagtail's admin API and the page API (v2)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
