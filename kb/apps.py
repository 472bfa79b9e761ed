from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class KbConfig(AppConfig):
    default = True
    name = "kb"
    verbose_name = "Knowledge base"


class RecourseAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Recourse's two-factor site as the default `admin.site`."""

    default = False
    default_site = "kb.adminsite.RecourseAdminSite"
