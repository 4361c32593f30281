"""Settings: ``base`` (shared), ``dev`` (embedded default), ``test`` and ``production``."""
