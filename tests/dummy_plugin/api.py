from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView


class PingView(APIView):
    def get(self, request):
        return Response({"pong": request.user.username})


urlpatterns = [path("ping/", PingView.as_view(), name="ping")]
