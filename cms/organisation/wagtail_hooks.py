from wagtail import hooks

from cms.organisation.views import UnitViewSet


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")
