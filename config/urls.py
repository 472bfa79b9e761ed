from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from chat.api import AskView
from config import health

urlpatterns = [
    path("healthz/live", health.live, name="health-live"),
    path("healthz/ready", health.ready, name="health-ready"),
    path(settings.RECOURSE_ADMIN_PATH, admin.site.urls),
    path("api/v1/ask", AskView.as_view(), name="api-ask"),
    path("api/", include("kb.api_urls")),
    # The public pages, in English at / and in other languages at /es/, /fr/, /pt/ (settings.LANGUAGES).
    *i18n_patterns(
        path("", include("chat.urls")),
        path("", include("kb.urls")),
        path("", include("policy.urls")),
        prefix_default_language=False,
    ),
]

# Static error pages (JSON under /api/); a database outage is a 503 (config/errors.py).
handler400 = "config.errors.bad_request"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
