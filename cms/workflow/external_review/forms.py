"""The editor's form that makes a link, and the person's decision form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.workflow.external_review.models import DEFAULT_DAYS, MAX_DAYS, ExternalReview


class ReviewLinkForm(forms.ModelForm):
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
    )

    class Meta:
        model = ExternalReview
        fields = ["reviewer_name", "reviewer_organisation", "reviewer_email"]
        help_texts = {
            "reviewer_organisation": _("Shown with the name in the page's history."),
            "reviewer_email": _("The link is sent to this address."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].help_text = _(
            "The link stops working after this many days (at most %(max)s)."
        ) % {"max": MAX_DAYS}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=ExternalReview.Decision.choices)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == ExternalReview.Decision.CHANGES_REQUESTED and not cleaned.get(
            "comment"
        ):
            self.add_error("comment", _("Say what should change."))
        return cleaned
