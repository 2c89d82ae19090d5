from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from newsroom import caching

        from . import signals, tags

        # What readers see of stories: every list, every story's page. A scheduled story
        # changes them at its time, with nobody saving anything.
        caching.register("stories", next_change=signals.next_publication)
        signals.connect()
        tags.connect()

        from . import parts  # noqa: F401 - declares the parts of the reader's pages
