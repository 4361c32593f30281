"""The Open311 GeoReport v2 API (http://wiki.open311.org/GeoReport_v2) at /open311/v2/, in JSON and XML.

formats.py renders the spec's documents, errors.py its error list, serializers.py
maps categories and reports to the spec's fields, filters.py reads the GET
requests filters, keys.py issues and revokes API keys, views.py the endpoints.
"""
