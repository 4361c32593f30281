from django.urls import path

from plugins.status.views import StatusView

urlpatterns = [path("", StatusView.as_view(), name="index")]
