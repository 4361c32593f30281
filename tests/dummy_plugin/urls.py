from django.http import HttpResponse
from django.urls import path


def hello(request):
    from django.apps import apps

    return HttpResponse(apps.get_app_config("dummy").get_setting("GREETING"))


urlpatterns = [path("hello/", hello, name="hello")]
