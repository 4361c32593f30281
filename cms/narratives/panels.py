"""The read-only "Where it was used" panel of the narrative edit form."""

from wagtail.admin.panels import Panel

#: How many uses the panel lists, newest first; it says how many there are in all.
SHOWN = 50


def _safe_href(url):
    """Uses come from other features; link only to admin paths and web addresses."""
    return url if url.startswith(("/", "https://", "http://")) else ""


class UsesPanel(Panel):
    """Press releases, posts and answers that linked or quoted the narrative; hidden on the create form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "narratives/admin/uses_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            uses = self.instance.uses.select_related("used_by").order_by("-used_at")
            context["uses"] = [(use, _safe_href(use.url)) for use in uses[:SHOWN]]
            context["count"] = uses.count()
            return context
