"""The public API for plugins: everything here is supported (see docs/plugins.md).

Import the names from their modules:

- ``cms.plugin_api.config.KomunikatPlugin``: base class of a plugin's AppConfig.
- ``cms.plugin_api.menu.MenuItem``: an admin menu entry a plugin declares.
- ``cms.plugin_api.registry``: which plugins are loaded and active.
- ``cms.jobs``: ``enqueue`` and ``periodic`` for background work.
- ``search.registry``: registering Elasticsearch documents.

This package is imported by settings, so it must not import Django models.
"""
