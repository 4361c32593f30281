"""Elasticsearch for the platform's documents: connection, document registry, index lifecycle.

Other apps register elasticsearch-dsl documents here and ask this package to
index or search; they never build an Elasticsearch client themselves.
"""
