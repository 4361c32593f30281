from django.urls import path

from cms.content_calendar import views

app_name = "content_calendar"
urlpatterns = [
    path("", views.CalendarView.as_view(), name="index"),
    path("feed/", views.FeedView.as_view(), name="feed"),
]
