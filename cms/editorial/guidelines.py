"""The press office's editorial guidelines and their check when a page is submitted or published.

Alternative text is not a guideline: the pages require it on every image at all
times (public bodies must publish accessible content), so it cannot be switched off.

Drafts may break the guidelines; submitting for approval, restarting the
approval or publishing directly may not. The checks return messages keyed by
field name; :class:`GuidelinesFormMixin` puts them on the admin form's fields.
"""

import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

#: POST keys of the page editor's buttons that send a page on its way.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow", "action-publish")


@register_setting(icon="clipboard-list")
class EditorialGuidelines(BaseGenericSetting):
    banned_phrases = models.TextField(
        _("banned phrases"),
        blank=True,
        help_text=_(
            "One phrase per line, e.g. “skandal” or “bezprecedensowy”. Whole words are matched, "
            "regardless of letter case, so list every inflected form to avoid."
        ),
    )
    require_contact_person = models.BooleanField(
        _("require a contact person on press releases"),
        default=True,
        help_text=_("A press release without a contact person cannot be submitted or published."),
    )

    class Meta:
        verbose_name = _("editorial guidelines")
        verbose_name_plural = _("editorial guidelines")

    def phrases(self):
        """The banned phrases, one per non-empty line."""
        return [line.strip() for line in self.banned_phrases.splitlines() if line.strip()]

    def phrase_errors(self, *texts):
        """One message per banned phrase that occurs as whole words in any of ``texts``."""
        return [
            gettext('Avoid the phrase "%(phrase)s" (editorial guidelines).') % {"phrase": phrase}
            for phrase in self.phrases()
            if any(phrase_pattern(phrase).search(text) for text in texts if text)
        ]


def phrase_pattern(phrase):
    """Case-insensitive whole-word match of ``phrase``, any whitespace between its words."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def release_errors(guidelines, release):
    """What in a press release breaks the guidelines, keyed by field name."""
    errors = {
        "title": guidelines.phrase_errors(release.title),
        "lead": guidelines.phrase_errors(release.lead),
        "body": _body_errors(guidelines, release.body),
    }
    if guidelines.require_contact_person and not release.contact_person_id:
        errors["contact_person"] = [
            gettext("Name a contact person: the editorial guidelines require one on every press release.")
        ]
    return {field: messages for field, messages in errors.items() if messages}


def _body_errors(guidelines, body):
    """Banned phrases in the body's text, as one StreamField error on the body."""
    phrases = guidelines.phrase_errors(*body.stream_block.get_searchable_content(body))
    return [StreamBlockValidationError(non_block_errors=phrases)] if phrases else []


def post_errors(guidelines, post):
    """What in a social post's own fields breaks the guidelines, keyed by field name."""
    errors = {"title": guidelines.phrase_errors(post.title), "text": guidelines.phrase_errors(post.text)}
    return {field: messages for field, messages in errors.items() if messages}


def post_variant_errors(guidelines, variant):
    messages = guidelines.phrase_errors(variant.text)
    return {"text": messages} if messages else {}


class GuidelinesFormMixin:
    """A page form that, on submission or publication, refuses what breaks the guidelines.

    ``guideline_checks`` maps ``None`` (the page) and inline formset names (each
    child) to a check ``(guidelines, instance) -> {field: messages}``. A field
    that already has an error is left alone: one problem at a time per field.
    """

    guideline_checks = {}

    def is_valid(self):
        valid = super().is_valid()
        if not any(self.data.get(action) for action in SUBMIT_ACTIONS):
            return valid
        guidelines = EditorialGuidelines.load()
        for name, check in self.guideline_checks.items():
            forms = [self] if name is None else _kept_forms(self.formsets[name])
            for form in forms:
                if _add_errors(form, check(guidelines, form.instance)):
                    valid = False
        return valid


def _kept_forms(formset):
    """The child forms that will be saved: neither deleted nor left empty."""
    for form in formset.forms:
        cleaned = getattr(form, "cleaned_data", {})
        if cleaned.get("DELETE") or (form.empty_permitted and not form.has_changed()):
            continue
        yield form


def _add_errors(form, errors):
    """Put ``errors`` on the form's fields that have none yet; whether any was added."""
    added = False
    for field, messages in errors.items():
        if field in form.errors:
            continue
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
            added = True
    return added
