"""The engage plugin's admin screens, one module per part; ``plugins.engage.wagtail_hooks`` loads them.

Every screen joins the "Engage" menu by registering its menu item with the
:data:`MENU_HOOK` hook (a viewset sets ``menu_hook = MENU_HOOK``).
"""

MENU_HOOK = "register_engage_menu_item"
