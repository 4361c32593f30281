"""The desk's admin screens, one module per part; ``plugins.inquiries.wagtail_hooks`` loads them all.

Every screen joins the "Inquiry desk" menu by registering its menu item with the
:data:`MENU_HOOK` hook (a viewset sets ``menu_hook = MENU_HOOK``).
"""

MENU_HOOK = "register_inquiries_menu_item"
