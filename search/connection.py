"""The one Elasticsearch connection, configured from ``ELASTICSEARCH_URL``."""

import contextlib
import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from elastic_transport import TransportError
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import connections

logger = logging.getLogger(__name__)

ALIAS = "default"
#: What a caller catches when Elasticsearch is down or refuses a request.
UNAVAILABLE = (TransportError, es_exceptions.ApiError)


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def get_client():
    """The shared client; elasticsearch-dsl documents use it by default."""
    if not is_configured():
        raise RuntimeError("ELASTICSEARCH_URL is not set.")
    try:
        return connections.get_connection(ALIAS)
    except KeyError:
        client = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=settings.ELASTICSEARCH_TIMEOUT,
            retry_on_timeout=True,
            max_retries=2,
        )
        connections.add_connection(ALIAS, client)
        return client


@receiver(setting_changed)
def forget_client(setting, **kwargs):
    """A changed ``ELASTICSEARCH_URL`` (tests, ``override_settings``) gets a new client."""
    if setting in ("ELASTICSEARCH_URL", "ELASTICSEARCH_TIMEOUT"):
        with contextlib.suppress(KeyError):
            connections.remove_connection(ALIAS)


def server_info():
    """``{"cluster", "status", "version"}`` of the cluster, or ``None`` when it does not answer.

    Read from the cluster health and the local node rather than ``GET /``, which
    the minimal distribution used in tests does not serve.
    """
    if not is_configured():
        return None
    client = get_client()
    try:
        health = client.cluster.health()
        nodes = client.nodes.info(node_id="_local", filter_path="nodes.*.version")
    except UNAVAILABLE as exc:
        logger.warning("Elasticsearch at %s does not answer: %s", settings.ELASTICSEARCH_URL, exc)
        return None
    (node,) = nodes["nodes"].values()
    return {"cluster": health["cluster_name"], "status": health["status"], "version": node["version"]}
