from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontpageConfig(AppConfig):
    name = "frontpage"
    verbose_name = _("Front pages")

    def ready(self):
        from articles import lists as article_lists
        from newsroom import caching

        from . import lists, signals

        # What the curated pages show; a scheduled edition goes live at its minute with
        # nobody saving anything.
        caching.register("boards", next_change=signals.next_edition)
        signals.connect()
        article_lists.front_pages["home"] = (lists.for_home, ["boards"])
        article_lists.front_pages["section"] = (lists.for_section, ["boards"])

        from . import parts  # noqa: F401 - declares the home page's topic box
