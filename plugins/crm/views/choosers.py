"""Choosers for outlets and journalists: there are thousands, so no form or filter lists them all.

Both search words of the name or an e-mail (``matching`` on the model's queryset, the
rule the lists and the API follow) and open only to those who may see the model.
"""

from django import forms
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from plugins.crm.models import Employment, Journalist, Outlet


class ContactSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=gettext_lazy("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Name or e-mail")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q", "").strip():
            objects = objects.matching(query)
            self.is_searching, self.search_query = True, query
        return objects


class ContactPermissionMixin(PermissionCheckedMixin):
    any_permission_required = ["add", "change", "delete", "view"]

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(self.model_class)


class ContactChooseMixin(ContactPermissionMixin):
    filter_form_class = ContactSearchForm


# Outlets


class OutletChooseView(ContactChooseMixin, chooser_views.ChooseView):
    pass


class OutletChooseResultsView(ContactChooseMixin, chooser_views.ChooseResultsView):
    pass


class OutletChosenView(ContactPermissionMixin, chooser_views.ChosenView):
    pass


class OutletChooserViewSet(ChooserViewSet):
    model = Outlet
    icon = "globe"
    choose_one_text = gettext_lazy("Choose an outlet")
    choose_another_text = gettext_lazy("Choose another outlet")
    choose_view_class = OutletChooseView
    choose_results_view_class = OutletChooseResultsView
    chosen_view_class = OutletChosenView
    creation_form_class = None
    url_filter_parameters = ["kind", "reach"]


# Journalists: the e-mail and current outlets tell two people of the same name apart.


class JournalistChooseMixin(ContactChooseMixin):
    def get_object_list(self):
        current = Employment.objects.filter(ended_on__isnull=True).select_related("outlet")
        return Journalist.objects.choosable().prefetch_related(
            "emails", Prefetch("employments", queryset=current, to_attr="current_jobs")
        )

    @property
    def columns(self):
        return [
            self.title_column,
            Column("primary_email", label=gettext_lazy("e-mail")),
            Column(
                "outlets",
                label=gettext_lazy("outlets"),
                accessor=lambda journalist: ", ".join(job.outlet.name for job in journalist.current_jobs),
            ),
        ]


class JournalistChooseView(JournalistChooseMixin, chooser_views.ChooseView):
    pass


class JournalistChooseResultsView(JournalistChooseMixin, chooser_views.ChooseResultsView):
    pass


class JournalistChosenView(ContactPermissionMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        return Journalist.objects.choosable().get(pk=pk)


class JournalistChooserViewSet(ChooserViewSet):
    model = Journalist
    icon = "user"
    choose_one_text = gettext_lazy("Choose a journalist")
    choose_another_text = gettext_lazy("Choose another journalist")
    choose_view_class = JournalistChooseView
    choose_results_view_class = JournalistChooseResultsView
    chosen_view_class = JournalistChosenView
    creation_form_class = None


outlet_chooser = OutletChooserViewSet("crm_outlet_chooser")
journalist_chooser = JournalistChooserViewSet("crm_journalist_chooser")
