from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from newsroom import caching

        from . import signals

        # An author page shows its author's profile: saving one changes this tag.
        caching.register("people")
        signals.connect()
