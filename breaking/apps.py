from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BreakingConfig(AppConfig):
    name = "breaking"
    verbose_name = _("Breaking news")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsroom import caching

        from . import signals

        # Every reader page shows the live banners; each appears and leaves at its minute
        # with nobody saving anything.
        caching.register("banners", next_change=signals.next_banner_change)
        for signal in (post_save, post_delete):
            signal.connect(
                signals.banner_changed, sender="breaking.Banner", dispatch_uid=f"banner-{signal}"
            )

        from . import parts  # noqa: F401 - declares the banner part
