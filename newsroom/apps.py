from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Site settings")

    def ready(self):
        from . import signin  # noqa: F401 - connects the security log's login receivers
