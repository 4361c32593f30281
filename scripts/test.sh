#!/usr/bin/env bash
# The whole test suite on real services: lint, migrations check, then pytest
# against PostgreSQL, Redis and Elasticsearch started by scripts/services.sh
# (stopped again at the end if this run started them). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

echo "[test] ruff"
"$BIN/ruff" check .
"$BIN/ruff" format --check .

# The accessibility test drives Debian's Chromium (Playwright never downloads a browser); as root
# (CI) install it like scripts/services.sh installs its packages, else the test is skipped.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "[test] installing chromium with apt-get"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[test] /usr/bin/chromium is missing (apt-get install chromium): the accessibility test is skipped" >&2
  fi
fi

trap 'scripts/services.sh down' EXIT
scripts/services.sh up
# shellcheck disable=SC1091
. .services/env

echo "[test] migrations are committed"
DJANGO_SETTINGS_MODULE=cms.settings.test "$BIN/python" manage.py makemigrations --check --dry-run

echo "[test] pytest"
# pytest exits 5 when it collected no tests: that fails the run like any other non-zero code.
"$BIN/python" -m pytest "$@"
