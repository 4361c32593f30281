"""The REST API at /api/v1/: core endpoints plus the routers plugins ship in ``api.py``."""
