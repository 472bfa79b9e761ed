from django.contrib import admin
from django.urls import include, path

from chat.api import AskView
from config import health

urlpatterns = [
    path("healthz/live", health.live, name="health-live"),
    path("healthz/ready", health.ready, name="health-ready"),
    path("admin/", admin.site.urls),
    path("api/v1/ask", AskView.as_view(), name="api-ask"),
    path("api/", include("kb.api_urls")),
    path("", include("chat.urls")),
    path("", include("kb.urls")),
]
