from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("kb.api_urls")),
    path("", include("chat.urls")),
    path("", include("kb.urls")),
]
