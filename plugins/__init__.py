"""First-party plugins; each is a Django app following the plugin contract (docs/plugins.md)."""
