from django.http import HttpResponse
from django.urls import path


def index(request):
    return HttpResponse("dummy admin")


urlpatterns = [path("", index, name="index")]
