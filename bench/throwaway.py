"""What every benchmark shares: settings that reach no shared service, and a throw-away database.

    with throwaway.environment() as var_dir:
        ...  # Django is set up and the throw-away database migrated; dropped on the way out

The database is a temporary SQLite file when DATABASE_URL is unset or SQLite, and
``<name>_bench`` on the PostgreSQL server it names otherwise: never the real data.
"""

import contextlib
import os
import tempfile
from urllib.parse import urlsplit, urlunsplit


@contextlib.contextmanager
def environment(*, elasticsearch_prefix=None):
    """Isolated settings in a temporary directory, Django set up, the throw-away database made.

    ``elasticsearch_prefix`` keeps ``ELASTICSEARCH_URL`` and puts every index under that prefix;
    without it Elasticsearch is not used. Yields the temporary directory.
    """
    with tempfile.TemporaryDirectory(prefix="komunikat-bench-") as var_dir:
        isolate(var_dir, elasticsearch_prefix=elasticsearch_prefix)
        import django

        django.setup()
        with database(var_dir):
            yield var_dir


def isolate(var_dir, *, elasticsearch_prefix=None):
    """Settings for a run that touches no shared service and no file outside ``var_dir``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["KOMUNIKAT_VAR_DIR"] = var_dir  # uploads and the dev secret key
    os.environ["DJANGO_DEBUG"] = "0"  # debug mode records every query: not what production runs
    os.environ["LOG_LEVEL"] = "WARNING"  # no line per page created
    os.environ.pop("REDIS_URL", None)  # jobs in-process, the cache in local memory
    if elasticsearch_prefix:
        os.environ["ELASTICSEARCH_INDEX_PREFIX"] = elasticsearch_prefix
    else:
        os.environ.pop("ELASTICSEARCH_URL", None)


@contextlib.contextmanager
def database(var_dir):
    """Create and migrate the throw-away database, yield its name, drop it at the end."""
    from django.db import connection

    name = (
        os.path.join(var_dir, "bench.sqlite3")
        if connection.vendor == "sqlite"
        else f"{connection.settings_dict['NAME']}_bench"
    )
    connection.settings_dict["TEST"]["NAME"] = name
    real_name = connection.settings_dict["NAME"]
    print(f"Creating and migrating the throw-away database {name} ...", flush=True)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(real_name, verbosity=0)


def database_url():
    """``DATABASE_URL`` for the throw-away database, for a server started in another process."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))
