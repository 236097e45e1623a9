from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ConsoleConfig(AppConfig):
    name = "console"
    default = True


class PostcallAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site whose first page is what waits for a person."""

    default = False
    default_site = "console.site.PostcallAdminSite"
