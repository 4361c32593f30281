"""Outlets and journalists in the admin: lists with filters and export, forms, duplicates and merge.

Wagtail ``ModelViewSet``s rather than wagtail-modeladmin: these screens need
per-object routes beside the usual ones (merge, links to the timeline and the
personal data screens), filters built at request time from the custom fields
administrators define, Wagtail 8's filtered CSV/XLSX export, and inline child rows
(``InlinePanel`` on ``ClusterableModel``). An outlet chooser keeps the employment
rows usable with thousands of outlets.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_filters import ChoiceFilter, Filter, ModelChoiceFilter
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton

from cms.core.models import Topic
from plugins.crm import audit, custom_values
from plugins.crm.duplicates import duplicates_of
from plugins.crm.forms import (
    ChildPanel,
    CustomFieldsPanel,
    DuplicatesPanel,
    JournalistEmailForm,
    JournalistEmailFormSet,
    JournalistForm,
    MergeForm,
    OutletForm,
    PhoneForm,
)
from plugins.crm.merge import merge
from plugins.crm.models import (
    CustomFieldTarget,
    Employment,
    Journalist,
    JournalistTag,
    Outlet,
    OutletKind,
    OutletReach,
)
from plugins.crm.views import MENU_HOOK
from plugins.crm.views.choosers import journalist_chooser, outlet_chooser

EXPORT_PERMISSION = "crm.export_contacts"

ACTIVE_LABEL = pgettext_lazy("contact record", "active")


# Lists: export with custom values, checked and logged.


class CustomValueFilter(Filter):
    """A list filter on one custom field (see :func:`custom_values.filter_queryset`)."""

    def __init__(self, definition, **kwargs):
        self.definition = definition
        super().__init__(field_name="extra", label=definition.label, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = custom_values.filter_form_field(self.definition)
        return self._field

    def filter(self, qs, value):
        return custom_values.filter_queryset(qs, self.definition, value)


def custom_column(definition):
    return Column(
        custom_values.FORM_PREFIX + definition.key,
        label=definition.label,
        accessor=lambda record: custom_values.display(definition, (record.extra or {}).get(definition.key)),
    )


class ContactIndexView(generic.IndexView):
    """A contact list whose filters, columns and export include the custom fields of its record type."""

    target = None
    base_filterset = WagtailFilterSet
    base_columns = ()
    base_export = ()

    @cached_property
    def custom_fields(self):
        return custom_values.definitions(self.target)

    @cached_property
    def filterset_class(self):
        filters = {
            custom_values.FORM_PREFIX + definition.key: CustomValueFilter(definition)
            for definition in self.custom_fields
            if definition.filterable
        }
        return type(f"{self.model.__name__}FilterSet", (self.base_filterset,), filters)

    @cached_property
    def columns(self):
        title = TitleColumn(
            "name",
            label=self.model._meta.get_field(self.title_field).verbose_name,
            accessor=str,
            sort_key=self.title_field,
            get_url=self.get_edit_url,
        )
        extra = [custom_column(definition) for definition in self.custom_fields if definition.show_in_list]
        return [title, *self.base_columns, *extra]

    def get_valid_orderings(self):
        return [self.title_field, f"-{self.title_field}"]

    @cached_property
    def list_export(self):
        return [*self.base_export, *(custom_values.FORM_PREFIX + d.key for d in self.custom_fields)]

    @cached_property
    def export_headings(self):
        headings = {
            name: self.model._meta.get_field(name).verbose_name for name in self.model_fields_exported
        }
        headings.update(self.computed_headings)
        headings = {name: capfirst(heading) for name, heading in headings.items()}
        headings.update({custom_values.FORM_PREFIX + d.key: d.key for d in self.custom_fields})
        return headings

    model_fields_exported = ()
    computed_headings = {}

    def to_row_dict(self, item):
        row = {}
        for name in self.list_export:
            if name.startswith(custom_values.FORM_PREFIX):
                key = name.removeprefix(custom_values.FORM_PREFIX)
                definition = next(d for d in self.custom_fields if d.key == key)
                value = custom_values.export_value(definition, (item.extra or {}).get(key))
            else:
                value = self.export_value(item, name)
            row[name] = value
        return row

    def search_queryset(self, queryset):
        """Words of the name or an e-mail, as the API searches (``matching`` on the queryset)."""
        return queryset.matching(self.search_query or "")

    def export_value(self, item, name):
        value = getattr(item, name)
        display = getattr(item, f"get_{name}_display", None)
        return display() if display else value

    @cached_property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not self.request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        query = self.request.GET.copy()
        query.pop("export", None)
        audit.record(
            ContentType.objects.get_for_model(self.model),
            audit.EXPORT,
            user=self.request.user,
            format=spreadsheet_format,
            rows=queryset.count(),
            filters=query.urlencode(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


def yes_no(value):
    return _("yes") if value else _("no")


def names(objects):
    return ", ".join(str(item) for item in objects)


def current_outlets(journalist):
    return names(job.outlet for job in journalist.current_jobs)


def tag_names(record):
    return names(sorted(tag.name for tag in record.tags.all()))


def phones_panel():
    return ChildPanel("phones", heading=gettext_lazy("Phones"), label=gettext_lazy("Phone"), form=PhoneForm)


# Outlets


class OutletFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=gettext_lazy("kind"), choices=OutletKind.choices)
    reach = ChoiceFilter(label=gettext_lazy("reach"), choices=OutletReach.choices)
    active = ChoiceFilter(
        label=ACTIVE_LABEL,
        choices=[("true", gettext_lazy("yes")), ("false", gettext_lazy("no"))],
        method="filter_active",
    )
    tag = ModelChoiceFilter(
        label=gettext_lazy("tag"),
        queryset=Tag.objects.filter(crm_outlettag_items__isnull=False).distinct().order_by("name"),
        method="filter_tag",
    )

    class Meta:
        model = Outlet
        fields = []

    def filter_active(self, queryset, name, value):
        return queryset.filter(active=value == "true")

    def filter_tag(self, queryset, name, tag):
        return queryset.filter(pk__in=tag.crm_outlettag_items.values("content_object_id"))


class OutletIndexView(ContactIndexView):
    target = CustomFieldTarget.OUTLET
    title_field = "name"
    base_filterset = OutletFilterSet
    base_columns = (
        Column("kind", label=gettext_lazy("kind"), accessor="get_kind_display"),
        Column("reach", label=gettext_lazy("reach"), accessor="get_reach_display"),
        Column("active", label=ACTIVE_LABEL, accessor=lambda outlet: yes_no(outlet.active)),
    )  # fmt: skip
    base_export = ("name", "kind", "reach", "website", "active", "email_list", "phone_list", "tag_list")
    model_fields_exported = ("name", "kind", "reach", "website", "active")
    computed_headings = {
        "email_list": gettext_lazy("e-mails"),
        "phone_list": gettext_lazy("phones"),
        "tag_list": gettext_lazy("tags"),
    }

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.is_export:
            queryset = queryset.prefetch_related("emails", "phones", "tags")
        return queryset

    def export_value(self, item, name):
        if name == "email_list":
            return names(item.emails.all())
        if name == "phone_list":
            return names(item.phones.all())
        if name == "tag_list":
            return tag_names(item)
        return super().export_value(item, name)


class OutletViewSet(ModelViewSet):
    model = Outlet
    icon = "globe"
    menu_label = gettext_lazy("Outlets")
    menu_order = 110
    menu_hook = MENU_HOOK
    index_view_class = OutletIndexView
    search_fields = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = False
    export_filename = "outlets"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("reach")]),
                    FieldPanel("website"),
                    FieldPanel("tags"),
                    FieldPanel("notes"),
                    FieldPanel("active"),
                    CustomFieldsPanel(heading=gettext_lazy("Custom fields")),
                ],
                heading=gettext_lazy("Outlet"),
            ),
            ObjectList(
                [
                    ChildPanel("addresses", heading=gettext_lazy("Addresses"), label=gettext_lazy("Address")),
                    phones_panel(),
                    ChildPanel("emails", heading=gettext_lazy("E-mails"), label=gettext_lazy("E-mail")),
                    ChildPanel(
                        "social_profiles", heading=gettext_lazy("Social media"), label=gettext_lazy("Profile")
                    ),
                ],
                heading=gettext_lazy("Contact"),
            ),
        ],
        base_form_class=OutletForm,
    )  # fmt: skip


# Journalists


class JournalistFilterSet(WagtailFilterSet):
    tag = ModelChoiceFilter(
        label=gettext_lazy("tag"),
        queryset=Tag.objects.filter(Exists(JournalistTag.objects.filter(tag=OuterRef("pk")))).order_by(
            "name"
        ),
        method="filter_tag",
    )
    beat = ModelChoiceFilter(
        label=gettext_lazy("beat"), queryset=Topic.objects.order_by("name"), method="filter_beat"
    )
    outlet = ModelChoiceFilter(
        label=gettext_lazy("outlet (now)"),
        queryset=Outlet.objects.only("pk", "name"),
        method="filter_outlet",
        widget=outlet_chooser.widget_class,  # thousands of outlets: never a drop-down of them all
    )
    active = ChoiceFilter(
        label=ACTIVE_LABEL,
        choices=[("true", gettext_lazy("yes")), ("false", gettext_lazy("no"))],
        method="filter_active",
    )

    class Meta:
        model = Journalist
        fields = []

    def filter_tag(self, queryset, name, tag):
        return queryset.filter(pk__in=tag.crm_journalisttag_items.values("content_object_id"))

    def filter_beat(self, queryset, name, topic):
        return queryset.filter(
            pk__in=Journalist.beats.through.objects.filter(topic=topic).values("journalist_id")
        )

    def filter_outlet(self, queryset, name, outlet):
        current = Employment.objects.filter(outlet=outlet, ended_on__isnull=True)
        return queryset.filter(pk__in=current.values("journalist_id"))

    def filter_active(self, queryset, name, value):
        return queryset.filter(active=value == "true")


class JournalistIndexView(ContactIndexView):
    target = CustomFieldTarget.JOURNALIST
    title_field = "last_name"
    base_filterset = JournalistFilterSet
    base_columns = (
        Column("primary_email", label=gettext_lazy("e-mail")),
        Column("outlets", label=gettext_lazy("outlets"), accessor=lambda j: current_outlets(j)),
        Column("beats", label=gettext_lazy("beats"), accessor=lambda j: names(j.beats.all())),
        Column("tags", label=gettext_lazy("tags"), accessor=lambda j: tag_names(j)),
    )  # fmt: skip
    base_export = (
        "first_name", "last_name", "primary_email", "phone_list", "outlet_list", "beat_list", "tag_list",
        "preferred_channel", "active",
    )  # fmt: skip
    model_fields_exported = ("first_name", "last_name", "preferred_channel", "active")
    computed_headings = {
        "primary_email": gettext_lazy("e-mail"),
        "phone_list": gettext_lazy("phones"),
        "outlet_list": gettext_lazy("outlets"),
        "beat_list": gettext_lazy("beats"),
        "tag_list": gettext_lazy("tags"),
    }

    def get_base_queryset(self):
        current = Employment.objects.filter(ended_on__isnull=True).select_related("outlet")
        # E-mails prefetched for the page rather than a subquery per row: Postgres would run
        # that subquery for every row skipped by the page's offset too.
        queryset = (
            super()
            .get_base_queryset()
            .prefetch_related(
                "emails", Prefetch("employments", queryset=current, to_attr="current_jobs"), "beats", "tags"
            )
        )
        return queryset.prefetch_related("phones") if self.is_export else queryset

    def get_valid_orderings(self):
        return ["last_name", "-last_name"]

    def order_queryset(self, queryset):
        descending = self.ordering == "-last_name"
        fields = ["last_name", "first_name", "pk"]
        return queryset.order_by(*(f"-{name}" if descending else name for name in fields))

    def export_value(self, item, name):
        if name == "phone_list":
            return names(item.phones.all())
        if name == "outlet_list":
            return names(
                f"{job.outlet} ({job.role})" if job.role else job.outlet for job in item.current_jobs
            )
        if name == "beat_list":
            return names(item.beats.all())
        if name == "tag_list":
            return tag_names(item)
        return super().export_value(item, name)


class JournalistEditView(generic.EditView):
    """The journalist's form, with links to the timeline, merge and personal data screens."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("crm.view_timelineentry"):
            url = reverse("crm_timeline_journalist", args=[self.object.pk])
            buttons.append(HeaderButton(_("Timeline"), url=url, icon_name="history"))
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        links = [
            ("crm.merge_journalist", _("Merge a duplicate"), "crm_journalist_merge", "resubmit"),
            ("crm.manage_personal_data", _("Export personal data"), "crm_personal_data_export", "download"),
            ("crm.manage_personal_data", _("Erase personal data"), "crm_personal_data_erase", "bin"),
        ]
        for priority, (permission, label, url_name, icon) in enumerate(links, start=50):
            if self.request.user.has_perm(permission):
                url = reverse(url_name, args=[self.object.pk])
                buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class JournalistViewSet(ModelViewSet):
    model = Journalist
    icon = "user"
    menu_label = gettext_lazy("Journalists")
    menu_order = 100
    menu_hook = MENU_HOOK
    index_view_class = JournalistIndexView
    edit_view_class = JournalistEditView
    search_fields = ["first_name", "last_name"]
    copy_view_enabled = False
    inspect_view_enabled = False
    export_filename = "journalists"
    list_per_page = 50
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    DuplicatesPanel(heading=gettext_lazy("Possible duplicates")),
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    ChildPanel(
                        "emails",
                        heading=gettext_lazy("E-mails"),
                        label=gettext_lazy("E-mail"),
                        form=JournalistEmailForm,
                        formset=JournalistEmailFormSet,
                    ),
                    phones_panel(),
                    FieldPanel("preferred_channel"),
                    FieldPanel("beats"),
                    FieldPanel("tags"),
                    FieldPanel("notes"),
                    FieldPanel("active"),
                    CustomFieldsPanel(heading=gettext_lazy("Custom fields")),
                ],
                heading=gettext_lazy("Journalist"),
            ),
            ObjectList(
                [
                    ChildPanel(
                        "employments",
                        heading=gettext_lazy("Outlets"),
                        label=gettext_lazy("Employment"),
                        panels=[
                            FieldPanel("outlet", widget=outlet_chooser.widget_class),
                            FieldPanel("role"),
                            FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
                        ],
                    ),
                    ChildPanel(
                        "social_profiles", heading=gettext_lazy("Social media"), label=gettext_lazy("Profile")
                    ),
                ],
                heading=gettext_lazy("Work and social media"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("legal_basis"), FieldPanel("data_source"), FieldPanel("review_at")],
                        heading=gettext_lazy("Personal data (RODO)"),
                    )
                ],
                heading=gettext_lazy("Personal data"),
            ),
        ],
        base_form_class=JournalistForm,
    )  # fmt: skip


# Merge


def merge_view(request, pk):
    """Pick one of the possible duplicates of a journalist, confirm, and merge it into this record."""
    if not request.user.has_perm("crm.merge_journalist"):
        raise PermissionDenied
    kept = get_object_or_404(Journalist, pk=pk)
    candidates = duplicates_of(kept)
    form = MergeForm(request.POST or None, candidates=candidates, initial={"other": request.GET.get("other")})
    context = {
        "kept": kept,
        "form": form,
        "candidates": candidates,
        "header_icon": "resubmit",
        "header_title": _("Merge a duplicate into %(name)s") % {"name": kept.full_name},
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("crm_journalist:index"), "label": capfirst(Journalist._meta.verbose_name_plural)},
            {"url": reverse("crm_journalist:edit", args=[kept.pk]), "label": kept.full_name},
            {"url": "", "label": _("Merge a duplicate")},
        ],
    }
    if request.method == "POST" and form.is_valid():
        other = form.chosen
        if form.cleaned_data["confirm"]:
            merge(kept, other, user=request.user)
            messages.success(
                request, _("%(merged)s was merged into %(kept)s.") % {"merged": other, "kept": kept.full_name}
            )
            return redirect("crm_journalist:edit", kept.pk)
        context.update(other=other, summary=merge_summary(other))
        return TemplateResponse(request, "crm/contacts/merge_confirm.html", context)
    return TemplateResponse(request, "crm/contacts/merge.html", context)


def merge_summary(journalist):
    """What moves with ``journalist``: (label, count) pairs of the non-empty parts."""
    parts = [
        (_("e-mails"), journalist.emails.count()),
        (_("phones"), journalist.phones.count()),
        (_("employments"), journalist.employments.count()),
        (_("social media profiles"), journalist.social_profiles.count()),
        (_("timeline entries"), journalist.timeline.count()),
        (_("tasks"), journalist.tasks.count()),
        (_("mailings received"), journalist.mailings.count()),
    ]
    return [(label, count) for label, count in parts if count]


@hooks.register("register_admin_urls")
def register_merge_url():
    return [path("crm/journalists/<int:pk>/merge/", merge_view, name="crm_journalist_merge")]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        JournalistViewSet("crm_journalist"),
        OutletViewSet("crm_outlet"),
        outlet_chooser,
        journalist_chooser,
    ]
