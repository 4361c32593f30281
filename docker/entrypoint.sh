#!/usr/bin/env bash
# web: migrate, then gunicorn; worker: RQ workers; scheduler: periodic jobs; anything else runs as given.
set -euo pipefail
case "${1:-web}" in
  web)
    python manage.py migrate --noinput
    exec gunicorn cms.wsgi:application --bind 0.0.0.0:8000 --workers "${GUNICORN_WORKERS:-3}" \
      --access-logfile - --forwarded-allow-ips "*"
    ;;
  worker) exec python manage.py rqworker default publishing notifications --job-class cms.jobs.worker.Job ;;
  scheduler) exec python manage.py run_scheduler ;;
  *) exec "$@" ;;
esac
