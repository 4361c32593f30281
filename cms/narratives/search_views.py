"""The admin search screen for narratives: the form, results with highlights and warnings, facets.

The request is checked by ``cms.narratives.query.parse`` and answered by
``cms.narratives.searching.search``, exactly as the search API does; this
module only lays the answer out for a press officer.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.models import Topic
from cms.narratives import searching
from cms.narratives.models import Narrative
from cms.narratives.query import MIN_QUERY_LENGTH, parse
from cms.narratives.status import ACTIVE, EXPIRED, LABELS, NEEDS_REVIEW, SEARCHABLE, filter_status
from cms.organisation.models import Unit
from search.narratives import NarrativeDocument

#: parse() refuses pages past this many results (Elasticsearch's result window).
RESULT_WINDOW = NarrativeDocument.Index.settings["max_result_window"]


def status_label(status):
    return capfirst(LABELS[status]) if status in LABELS else _("All published")


class NarrativeSearchForm(forms.Form):
    """Only renders the request's values: checking them is parse()'s job, so no field refuses input."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "placeholder": _("e.g. school network, tram line")}),
    )
    status = forms.CharField(label=_("Status"), required=False, widget=forms.Select)
    topic = forms.CharField(label=_("Topic"), required=False, widget=forms.Select)
    unit = forms.CharField(label=_("Unit"), required=False, widget=forms.Select)
    tag = forms.CharField(label=_("Tag"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.choices = [(status, status_label(status)) for status in SEARCHABLE]
        self.fields["topic"].widget.choices = [
            ("", _("All topics")),
            *Topic.objects.order_by("name").values_list("slug", "name"),
        ]
        self.fields["unit"].widget.choices = [
            ("", _("All units")),
            *(
                (code, f"{code} – {name}")
                for code, name in Unit.objects.order_by("code").values_list("code", "name")
            ),
        ]

    def report(self, error):
        """Show parse()'s messages at their fields; a bad page number above the form."""
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


class NarrativeSearchView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Search narratives")
    header_icon = "search"
    template_name = "narratives/admin/search.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("narratives.view_narrative"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_narratives_narrative:list"), "label": _("Narratives")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = NarrativeSearchForm(self.request.GET)
        form.is_valid()  # fills cleaned_data so parse()'s errors can be attached
        context["form"] = form
        if not self.request.GET.get("q", "").strip():
            return {**context, **self.empty_state()}
        try:
            query = parse(self.request.GET)
        except ValidationError as error:
            form.report(error)
            return context
        return {**context, **self.results(query)}

    def empty_state(self):
        narratives = Narrative.objects.all()
        listing = reverse("wagtailsnippets_narratives_narrative:list")
        return {
            "min_length": MIN_QUERY_LENGTH,
            "counts": [
                {
                    "status": status,
                    "label": LABELS[status],
                    "count": filter_status(narratives, status).count(),
                    "url": f"{listing}?status={status}",
                }
                for status in (ACTIVE, NEEDS_REVIEW, EXPIRED)
            ],
        }

    def results(self, query):
        answer = searching.search(query)
        paginator = Paginator(range(min(answer["count"], RESULT_WINDOW)), query.page_size)
        page = paginator.get_page(query.page)
        topic_names = dict(Topic.objects.values_list("slug", "name"))
        return {
            "searched": True,
            "count": answer["count"],
            "notice": answer.get("notice", ""),
            "results": [self.result(result, topic_names) for result in answer["results"]],
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "facets": self.facets(query, answer["facets"], topic_names),
        }

    def result(self, result, topic_names):
        return {
            **result,
            "label": LABELS[result["status"]],
            "expires_on": _date(result["expires_at"]),
            "review_on": _date(result["next_review_at"]),
            "topic_links": [
                {"label": topic_names.get(slug, slug), "url": self.url(topic=slug)}
                for slug in result["topics"]
            ],
            "tag_links": [{"label": tag, "url": self.url(tag=tag)} for tag in result["tags"]],
        }

    def facets(self, query, facets, topic_names):
        unit = Unit.objects.filter(code=query.unit).first() if query.unit else None
        return {
            "status": [
                {
                    "label": status_label(status),
                    "url": self.url(status=status),
                    "current": status == query.status,
                }
                for status in SEARCHABLE
            ],
            "topics": self.toggles("topic", query.topic, facets["topics"], topic_names),
            "tags": self.toggles("tag", query.tag, facets["tags"]),
            "unit": unit and {"label": f"{unit.code} – {unit.name}", "remove_url": self.url(unit=None)},
        }

    def toggles(self, param, current, counts, names=None):
        """Links that filter by a facet value, or drop the filter when it is the current one."""
        if current and current not in counts:
            counts = {current: 0, **counts}
        return [
            {
                "label": (names or {}).get(value, value),
                "count": count,
                "current": value == current,
                "url": self.url(**{param: None if value == current else value}),
            }
            for value, count in counts.items()
        ]

    def url(self, **changes):
        """The current search with ``changes`` (None drops a parameter), from its first page."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = value
        return f"?{params.urlencode()}"


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None
