import datetime

from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Site settings")

    def ready(self):
        from . import caching, signin  # noqa: F401 - signin connects the security log

        # The site settings and the masthead (in the header and footer of every page).
        # A masthead may take effect at midnight, and the header shows the date.
        # The weather box hides itself when its reading gets too old.
        caching.register("settings", next_change=next_settings_change)


def next_midnight(now):
    """The start of the next day in the site's time zone (a timestamp)."""
    moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
    tomorrow = timezone.localdate(moment) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min)).timestamp()


def next_settings_change(now):
    """Midnight, or the moment the weather box goes stale if sooner (a timestamp)."""
    from .models import SiteSettings

    stale_at = SiteSettings.weather_goes_stale(datetime.datetime.fromtimestamp(now, datetime.UTC))
    midnight = next_midnight(now)
    return min(midnight, stale_at.timestamp()) if stale_at else midnight
