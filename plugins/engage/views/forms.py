"""The inbox item's forms: they clean what people type; handling.py and replies.py decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plugins.engage import access
from plugins.engage.models import ReplyTemplate, Sentiment


class ItemForm(forms.Form):
    """A step on one item by one person; steps without input (handle, reopen, take) use it as is."""

    def __init__(self, data=None, files=None, *, item, user, **kwargs):
        super().__init__(data, files, **kwargs)
        self.item, self.user = item, user


class AssignForm(ItemForm):
    person = forms.ModelChoiceField(
        label=_("Assign to"), queryset=None, required=False, empty_label=_("nobody")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = access.assignable_people(self.item.channel)
        self.fields["person"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class SentimentForm(ItemForm):
    sentiment = forms.ChoiceField(label=_("Sentiment"), choices=Sentiment.choices, widget=forms.RadioSelect)


class TemplateChoiceField(forms.ModelChoiceField):
    """Active templates grouped by topic, crisis templates first and marked."""

    def label_from_instance(self, template):
        if template.is_crisis:
            return _("CRISIS: %(title)s") % {"title": template.title}
        return template.title


def template_choices(templates):
    groups = {}
    for template in templates:
        if template.is_crisis:
            key = _("Crisis templates")
        else:
            key = template.topic.name if template.topic_id else _("Other templates")
        groups.setdefault(str(key), []).append(template)
    return groups


class ReplyForm(ItemForm):
    template = TemplateChoiceField(
        label=_("Template"),
        queryset=ReplyTemplate.objects.filter(active=True).select_related("topic"),
        required=False,
        empty_label=_("no template"),
        help_text=_("“Insert the template” puts its text in the reply, to adapt before sending."),
    )
    text = forms.CharField(
        label=_("Reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published under the author's comment or sent in their conversation, as you write it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        groups = template_choices(field.queryset)
        field.choices = [("", field.empty_label)] + [
            (group, [(template.pk, field.label_from_instance(template)) for template in templates])
            for group, templates in groups.items()
        ]
