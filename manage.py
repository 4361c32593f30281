#!/usr/bin/env python
"""Django's command-line utility for Komunikat."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from django.core.exceptions import ImproperlyConfigured

    from cms.plugin_api.loading import preflight

    try:
        preflight()
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Komunikat cannot start: {exc}\n")
        sys.exit(2)

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
