"""The CRM's set-up in Settings: custom fields, task rules and beat coordinators (wagtail-modeladmin).

Plain single-table forms with a list, which is what modeladmin does well; access
follows the crm.*_customfield, *_taskrule and *_beatcoordinator permissions
(administrators change them, the press office sees them).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from plugins.crm.models import BeatCoordinator, CustomField, CustomFieldKind, TaskRule


class CustomFieldForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        kind, choices = cleaned.get("kind"), cleaned.get("choices", "")
        lines = [line.strip() for line in choices.splitlines() if line.strip()]
        if kind == CustomFieldKind.CHOICE and not lines:
            self.add_error("choices", _("A choice list needs at least one choice, one per line."))
        elif kind == CustomFieldKind.CHOICE and len(set(lines)) != len(lines):
            self.add_error("choices", _("Each choice may appear only once."))
        elif kind != CustomFieldKind.CHOICE and lines:
            self.add_error("choices", _("Only a choice list has choices; clear them or change the kind."))
        return cleaned


class CustomFieldAdmin(ModelAdmin):
    model = CustomField
    menu_label = _("CRM custom fields")
    menu_icon = "form"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ("label", "key", "target", "kind", "required", "show_in_list", "filterable", "sort_order")
    list_filter = ("target", "kind")
    search_fields = ("label", "key")
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("target"), FieldPanel("kind")]),
            FieldRowPanel([FieldPanel("label"), FieldPanel("key")]),
            FieldPanel("choices", widget=forms.Textarea(attrs={"rows": 5})),
            FieldPanel("help_text"),
            FieldRowPanel([FieldPanel("required"), FieldPanel("show_in_list"), FieldPanel("filterable")]),
            FieldPanel("sort_order"),
        ],
        base_form_class=CustomFieldForm,
    )


class TaskRuleAdmin(ModelAdmin):
    model = TaskRule
    menu_label = _("CRM task rules")
    menu_icon = "tasks"
    menu_order = 901
    add_to_settings_menu = True
    list_display = ("name", "trigger", "outlet_reach", "outlet_kind", "beat", "due_in_days", "enabled")
    list_filter = ("trigger", "enabled")
    search_fields = ("name", "task_title")


class BeatCoordinatorAdmin(ModelAdmin):
    model = BeatCoordinator
    menu_label = _("CRM beat coordinators")
    menu_icon = "user"
    menu_order = 902
    add_to_settings_menu = True
    list_display = ("beat", "coordinator")
    list_select_related = ("beat", "coordinator")


modeladmin_register(CustomFieldAdmin)
modeladmin_register(TaskRuleAdmin)
modeladmin_register(BeatCoordinatorAdmin)
