from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from chat.api import AskView

urlpatterns = [
    path(settings.RECOURSE_ADMIN_PATH, admin.site.urls),
    path("api/v1/ask", AskView.as_view(), name="api-ask"),
    path("api/", include("kb.api_urls")),
    path("", include("chat.urls")),
    path("", include("kb.urls")),
]
