"""The "my work" panel on the admin dashboard: each role's waiting cases with the time left."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from plugins.inquiries.worklist import work_of


class MyWorkPanel(Component):
    name = "inquiries_my_work"
    template_name = "inquiries/dashboard/my_work.html"
    order = 150

    def get_context_data(self, parent_context):
        return {"sections": work_of(parent_context["request"].user)}


@hooks.register("construct_homepage_panels")
def add_my_work_panel(request, panels):
    panels.append(MyWorkPanel())
