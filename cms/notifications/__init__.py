"""E-mail and admin notifications: the one place that decides who is told what.

Features call ``notify()`` (cms.notifications.service); ``from cms.notifications
import notify`` works once the apps are loaded.
"""

__all__ = ["notify"]


def __getattr__(name):
    # Imported on first use: the service needs models, which are not ready while Django loads this app.
    if name == "notify":
        from cms.notifications.service import notify

        return notify
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
