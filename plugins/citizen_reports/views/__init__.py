"""The citizen reports' admin screens, one module per part; the plugin's ``wagtail_hooks`` loads them.

Every screen joins the "Citizen reports" menu by registering its menu item with the
:data:`MENU_HOOK` hook (a viewset sets ``menu_hook = MENU_HOOK``).
"""

MENU_HOOK = "register_citizen_reports_menu_item"
