"""The public address of the calendar feed; the token in it is the only key."""

from django.urls import path

from cms.content_calendar import feed

urlpatterns = [path("<slug:token>.ics", feed.ics, name="content_calendar_ics")]
