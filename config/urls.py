from django.contrib import admin
from django.urls import include, path

from chat.api import AskView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/ask", AskView.as_view(), name="api-ask"),
    path("api/", include("kb.api_urls")),
    path("", include("chat.urls")),
    path("", include("kb.urls")),
]

# Static error pages (JSON under /api/); a database outage is a 503 (config/errors.py).
handler400 = "config.errors.bad_request"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
