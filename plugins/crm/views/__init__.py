"""The CRM's admin screens, one module per part; ``plugins.crm.wagtail_hooks`` loads them all.

Every screen joins the "Media" menu by registering its menu item with the
:data:`MENU_HOOK` hook (a viewset sets ``menu_hook = MENU_HOOK``).
"""

MENU_HOOK = "register_crm_menu_item"
