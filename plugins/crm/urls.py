"""The CRM's public pages, under /crm/: the unsubscribe link of the mailings."""

from django.urls import path

from plugins.crm.views.mailing import unsubscribe

urlpatterns = [
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
