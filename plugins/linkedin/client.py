"""LinkedIn's versioned REST API: base URL, the headers every call needs, and typed errors.

Every call to ``/rest/...`` carries ``Authorization: Bearer <token>``,
``LinkedIn-Version: YYYYMM`` (the plugin setting API_VERSION) and
``X-Restli-Protocol-Version: 2.0.0``, under which URNs in paths and query
values are URL-encoded while Rest.li's own syntax (``List(...)``) is not.
LinkedIn answers errors with ``{"status": 422, "message": "...", "serviceErrorCode": 100}``
(https://learn.microsoft.com/linkedin/shared/api-guide/concepts/error-handling).
"""

import os
import re
from urllib.parse import quote

import requests
from django.apps import apps
from django.utils.translation import gettext as _

from cms.outbox.connectors import InvalidCredentials, PermanentError, RetryableError
from cms.outbox.http_failures import may_have_arrived, retry_after

DEFAULT_API_URL = "https://api.linkedin.com"
VERSION_FORMAT = re.compile(r"20\d{4}")


def api_url():
    """The base URL from ``LINKEDIN_API_URL`` (read at call time; it may carry a path)."""
    return os.environ.get("LINKEDIN_API_URL", "").rstrip("/") or DEFAULT_API_URL


def api_version():
    version = str(apps.get_app_config("linkedin").get_setting("API_VERSION")).strip()
    if not VERSION_FORMAT.fullmatch(version):
        raise PermanentError(
            _("The LinkedIn API version setting “%(version)s” is not like 202510.") % {"version": version}
        )
    return version


def encoded(urn):
    """A URN as Rest.li 2.0 wants it in a path or a query value: every reserved character escaped."""
    return quote(urn, safe="")


class LinkedInClient:
    def __init__(self, token, timeout):
        self.token = token
        self.timeout = timeout
        self.session = requests.Session()

    def call(self, method, path, *, query="", json=None, restli_method=None, acting=False):
        """One API call; ``query`` comes encoded already. ``acting``: it creates something."""
        headers = {
            "Authorization": f"Bearer {self.token}",
            "LinkedIn-Version": api_version(),
            "X-Restli-Protocol-Version": "2.0.0",
        }
        if restli_method:
            headers["X-RestLi-Method"] = restli_method
        url = f"{api_url()}{path}" + (f"?{query}" if query else "")
        return self._send(method, url, headers=headers, json=json, acting=acting)

    def upload(self, url, data):
        """PUT an image's bytes to the upload URL that ``images?action=initializeUpload`` gave."""
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/octet-stream"}
        return self._send("PUT", url, headers=headers, data=data, acting=False)

    def _send(self, method, url, *, acting, **kwargs):
        try:
            response = self.session.request(
                method, url, timeout=self.timeout, allow_redirects=False, **kwargs
            )
        except requests.RequestException as exc:
            raise transport_error(exc, acting=acting) from exc
        if response.status_code >= 400:
            raise linkedin_error(response, acting=acting)
        return response


def linkedin_error(response, *, acting):
    status = response.status_code
    details = {"platform_message": _said(response), "status_code": status}
    if status == 401:
        return InvalidCredentials(_("LinkedIn refused the access token"), **details)
    if status == 429:
        return RetryableError(
            _("LinkedIn's rate limit was reached"), retry_after=retry_after(response.headers), **details
        )
    if status >= 500:
        # A gateway that timed out may have passed the request on.
        return RetryableError(
            _("LinkedIn is temporarily unavailable"),
            retry_after=retry_after(response.headers),
            maybe_done=acting and status == 504,
            **details,
        )
    # 400/422 rejected content, 403 a missing permission or page role, 426 a retired API version...
    return PermanentError(_("LinkedIn refused the request"), **details)


def transport_error(exc, *, acting):
    """A call that got no answer: in doubt only if it may have reached LinkedIn and would act."""
    if isinstance(exc, ValueError):  # InvalidURL, MissingSchema...: LINKEDIN_API_URL is wrong
        return PermanentError(_("The request could not be sent: %(error)s") % {"error": exc})
    message = (
        _("LinkedIn did not answer in time")
        if isinstance(exc, requests.Timeout)
        else _("The connection to LinkedIn failed")
    )
    return RetryableError(message, platform_message=str(exc), maybe_done=acting and may_have_arrived(exc))


def _said(response):
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:500] or response.reason
    if isinstance(body, dict) and body.get("message"):
        return str(body["message"])
    return str(body)[:500]
