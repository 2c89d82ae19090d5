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

        from images import body as library_photos

        from . import body, parts  # noqa: F401 - parts declares the reader pages' parts

        # Library photos in the body (issue 14): each names its record (data-image).
        body.prepares_body(library_photos.link)
