"""The content calendar in the admin (month and week) and the page of the user's calendar feed."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from cms.content_calendar.entries import Status, entries
from cms.content_calendar.feed import DAYS_AHEAD, DAYS_BACK
from cms.content_calendar.forms import CalendarQueryForm
from cms.content_calendar.models import CalendarFeedToken
from cms.content_calendar.periods import MONTH, WEEK, Period


@dataclass
class Day:
    date: date
    in_period: bool
    is_today: bool
    entries: list


class CalendarView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Content calendar")
    header_icon = "calendar"
    template_name = "content_calendar/calendar.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        return [HeaderButton(_("Calendar feed"), reverse("content_calendar:feed"), icon_name="link")]

    def get_context_data(self, **kwargs):
        form = CalendarQueryForm(self.request.GET)
        form.is_valid()
        self.report_errors(form)
        today = timezone.localdate()
        period = Period(form.value("view") or MONTH, form.value("date") or today)
        filters = form.filters()
        found = entries(period.start, period.end, filters)
        by_day = defaultdict(list)
        for entry in found:
            by_day[timezone.localdate(entry.at)].append(entry)
        weeks = [
            [
                Day(day, period.view == WEEK or day.month == period.day.month, day == today, by_day[day])
                for day in week
            ]
            for week in period.weeks
        ]

        def url(**changes):
            return "?" + urlencode(form.query(**changes))

        return super().get_context_data(
            form=form,
            # The fields as understood: a value that was not valid is reported above and left out here.
            filter_form=CalendarQueryForm(initial=form.query()),
            period=period,
            weeks=weeks,
            entries=found,
            statuses=list(Status),
            filtered=filters.active,
            month_url=url(view=MONTH),
            week_url=url(view=WEEK),
            previous_url=url(view=period.view, date=period.previous),
            next_url=url(view=period.view, date=period.next),
            today_url=url(view=period.view, date=None),
            unfiltered_url=url(view=period.view, channel=None, unit=None, author=None),
            **kwargs,
        )

    def report_errors(self, form):
        for name in form.errors:
            value = Truncator(form.data.get(name, "")).chars(40)
            if name == "date":
                message = _(
                    "The date “%(value)s” is not valid (use YYYY-MM-DD), "
                    "so the calendar shows the current period."
                ) % {"value": value}
            else:
                message = _("“%(value)s” is not a valid choice for “%(field)s”, so that filter is off.") % {
                    "value": value,
                    "field": form.fields[name].label,
                }
            messages.warning(self.request, message)


class FeedView(WagtailAdminTemplateMixin, TemplateView):
    """The user's feed address: create it, replace it with a new one, or revoke it."""

    page_title = _("Calendar feed")
    header_icon = "link"
    template_name = "content_calendar/feed.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("content_calendar:index"), "label": _("Content calendar")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        token = CalendarFeedToken.objects.filter(user=self.request.user).first()
        feed_url = token and self.request.build_absolute_uri(
            reverse("content_calendar_ics", args=[token.token])
        )
        return super().get_context_data(
            token=token, feed_url=feed_url, days_back=DAYS_BACK, days_ahead=DAYS_AHEAD, **kwargs
        )

    def post(self, request):
        existing = CalendarFeedToken.objects.filter(user=request.user)
        action = request.POST.get("action")
        if action == "revoke":
            if existing.delete()[0]:
                messages.success(
                    request, _("The feed address is revoked: calendar apps using it get nothing.")
                )
        elif action == "issue":
            replaced = existing.exists()
            CalendarFeedToken.issue(request.user)
            if replaced:
                messages.success(request, _("The feed has a new address; the previous one no longer works."))
            else:
                messages.success(request, _("Your feed address is ready. Add it to your calendar app."))
        return redirect("content_calendar:feed")
