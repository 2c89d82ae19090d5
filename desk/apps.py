from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editor's desk")

    def ready(self):
        from django.contrib import admin

        from . import signals

        signals.connect()
        # The admin's home page is the desk: each role's panels above the list of apps.
        admin.site.index_template = "desk/index.html"
