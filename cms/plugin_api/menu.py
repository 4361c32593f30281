"""Admin menu items a plugin declares on its config."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MenuItem:
    """One entry in the Wagtail admin menu.

    ``url_name`` is reversed when the menu is built (admin URLs of a plugin live
    in the ``<label>`` namespace, e.g. ``"status:index"``); ``permission`` is an
    ``app_label.codename`` the user must hold, or ``None`` for every admin user.
    """

    label: str
    url_name: str
    icon_name: str = "cog"
    order: int = 1000
    permission: str | None = None
