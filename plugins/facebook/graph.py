"""The Graph API client of the Facebook and Instagram connectors: facebook-sdk's GraphAPI, adapted.

``GraphClient`` is the one place that works around facebook-sdk 3.1.0 (see its docstring).
Everything else uses the library's own methods (get_object, get_connections, put_object,
put_photo, delete_object), which all go through ``request()``.
"""

import datetime
import os
import re

import facebook
import requests
from django.apps import apps
from django.utils.translation import gettext as _

from cms.outbox.connectors import InvalidCredentials, PermanentError
from plugins.facebook.errors import graph_error, transport_error, unreadable_answer

DEFAULT_GRAPH_URL = "https://graph.facebook.com"
VERSION_FORMAT = re.compile(r"v\d+\.\d+")


def graph_url(*variables):
    """The Graph base URL from the first of the environment ``variables`` set, read at call time."""
    for name in variables:
        if os.environ.get(name):
            return os.environ[name].rstrip("/")
    return DEFAULT_GRAPH_URL


def graph_version():
    """The Graph API version of every request path: the facebook plugin's GRAPH_VERSION setting."""
    version = str(apps.get_app_config("facebook").get_setting("GRAPH_VERSION")).strip()
    version = version if version.startswith("v") else f"v{version}"
    if not VERSION_FORMAT.fullmatch(version):
        raise PermanentError(
            _("The Graph API version setting “%(version)s” is not like v24.0.") % {"version": version}
        )
    return version


class GraphClient(facebook.GraphAPI):
    """facebook-sdk's GraphAPI at a chosen API version and base URL, raising the contract's errors.

    Two workarounds for facebook-sdk 3.1.0, kept here and nowhere else:

    * Its constructor accepts only the versions in its hard-coded ``VALID_API_VERSIONS``
      (2.8 to 3.1, all retired by Meta long ago). Built without a version it takes its
      default, and we then set ``self.version``, which every GraphAPI method reads to
      build its path. The library's global list is left alone.
    * Its ``request()`` joins paths to the module constant ``FACEBOOK_GRAPH_URL`` and
      ignores the HTTP status and headers. Ours joins them to this instance's
      ``base_url`` (which may carry a path, for a sandbox mounted under /facebook/) and
      turns errors, timeouts and rate limits into typed connector errors.
    """

    def __init__(self, access_token, *, version, base_url, timeout, session=None):
        super().__init__(access_token=access_token, timeout=timeout, session=session)
        self.version = version
        self.base_url = base_url.rstrip("/")

    def request(self, path, args=None, post_args=None, files=None, method=None):
        """Call ``{base_url}/{path}``; the token goes in the body of a POST, else in the query."""
        method = "POST" if post_args is not None or files else (method or "GET")
        args = dict(args or {})
        post_args = dict(post_args or {}) if method == "POST" else None
        (args if post_args is None else post_args).setdefault("access_token", self.access_token)
        acting = method != "GET"
        try:
            response = self.session.request(
                method,
                f"{self.base_url}/{path}",
                params=args,
                data=post_args,
                files=files,
                timeout=self.timeout,
                proxies=self.proxies,
            )
        except requests.RequestException as exc:
            raise transport_error(exc, acting=acting) from exc
        try:
            body = response.json()
        except ValueError:
            body = None
        if (isinstance(body, dict) and "error" in body) or not response.ok:
            raise graph_error(response.status_code, response.headers, body, response.text)
        if body is None:
            raise unreadable_answer(response, acting=acting)
        return body

    def newest_first(self, path, down_to=None, *, time_field="created_time", **args):
        """Items of a collection Graph lists newest first, following its pages down to ``down_to``.

        ``down_to`` is a unix time; an item older than it ends the walk. None reads every page.
        """
        while True:
            page = self.request(f"{self.version}/{path}", args)
            for item in page.get("data", ()):
                if down_to is not None and parse_time(item[time_field]).timestamp() < down_to:
                    return
                yield item
            paging = page.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if not (after and paging.get("next")):
                return
            args = {**args, "after": after}

    def token_expiry(self):
        """When the token stops working, from ``/debug_token`` (None: never, or Graph would not say).

        A Page token's ``expires_at`` is 0 (never) but its ``data_access_expires_at`` still ends
        the app's access to the Page's data; the earlier of the two counts.
        """
        try:
            data = self.request(f"{self.version}/debug_token", {"input_token": self.access_token})["data"]
        except InvalidCredentials:
            raise
        except PermanentError:  # debug_token refused this kind of token: the expiry stays unknown
            return None
        if not data.get("is_valid", True):
            error = data.get("error") or {}
            raise InvalidCredentials(
                _("The access token is invalid or has expired"), platform_message=error.get("message", "")
            )
        moments = [data.get("expires_at"), data.get("data_access_expires_at")]
        moments = [int(moment) for moment in moments if moment]
        return datetime.datetime.fromtimestamp(min(moments), datetime.UTC) if moments else None


def parse_time(value):
    """A Graph time ("2025-05-01T10:00:00+0000") as an aware datetime."""
    return datetime.datetime.fromisoformat(value)
