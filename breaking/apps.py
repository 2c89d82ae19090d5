from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BreakingConfig(AppConfig):
    name = "breaking"
    verbose_name = _("Breaking news")
