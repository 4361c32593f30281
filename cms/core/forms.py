"""Form fields the core and plugins share."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list.

    ``max_size`` (bytes, or a callable returning them, for limits set at run time)
    refuses a larger file with its name and the limit.
    """

    def __init__(self, *args, max_size=None, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        self.max_size = max_size
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files]
        limit = self.max_size() if callable(self.max_size) else self.max_size
        for upload in cleaned:
            if limit is not None and upload.size > limit:
                raise forms.ValidationError(
                    gettext_lazy("“%(name)s” is larger than %(limit)s.")
                    % {"name": upload.name, "limit": filesizeformat(limit)}
                )
        return cleaned
