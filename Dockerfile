# Komunikat web, worker and scheduler image (see docker-compose.yml).
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY cms ./cms
COPY plugins ./plugins
COPY search ./search
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --upgrade pip setuptools wheel \
    && /opt/venv/bin/pip install .

FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    KOMUNIKAT_VAR_DIR=/app/var \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/var/media \
    PRIVATE_MEDIA_ROOT=/app/var/private
RUN useradd --system --create-home --home-dir /app komunikat
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY manage.py ./
COPY templates ./templates
COPY docker/entrypoint.sh /usr/local/bin/komunikat-entrypoint
# collectstatic needs settings to load: throwaway values for this step only, never baked into ENV.
RUN SECRET_KEY="collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    ALLOWED_HOSTS=build python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/private && chown -R komunikat /app/var
USER komunikat
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz/', timeout=4)"
ENTRYPOINT ["komunikat-entrypoint"]
CMD ["web"]
