"""``manage.py update_weather``: the weather box's reading from Open-Meteo (no key
needed), for a cron job every half hour or so. On any failure it says why and changes
nothing: the box then hides itself once the last reading is older than
``WEATHER_MAX_AGE``."""

import datetime
import json
import urllib.error
import urllib.parse
import urllib.request

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsroom.models import SiteSettings

API = "https://api.open-meteo.com/v1/forecast"
HANOI = (21.0285, 105.8542)
FIELDS = ["weather_city", "weather_temperature", "weather_humidity", "weather_updated_at"]


def reading_url(latitude, longitude):
    query = urllib.parse.urlencode(
        {
            "latitude": latitude,
            "longitude": longitude,
            "current": "temperature_2m,relative_humidity_2m",
            "timeformat": "unixtime",
        }
    )
    return f"{API}?{query}"


def parse(answer):
    """(temperature °C, humidity %, measured at) from Open-Meteo's JSON answer."""
    current = json.loads(answer)["current"]
    return (
        round(float(current["temperature_2m"])),
        round(float(current["relative_humidity_2m"])),
        datetime.datetime.fromtimestamp(int(current["time"]), datetime.UTC),
    )


class Command(BaseCommand):
    help = "Update the weather box from Open-Meteo (https://open-meteo.com, no key needed)."

    def add_arguments(self, parser):
        parser.add_argument("--city", default="Hà Nội", help="The name shown in the box.")
        parser.add_argument("--latitude", type=float, default=HANOI[0])
        parser.add_argument("--longitude", type=float, default=HANOI[1])
        parser.add_argument("--timeout", type=float, default=10, help="Seconds to wait.")

    def handle(self, *args, city, latitude, longitude, timeout, **options):
        url = reading_url(latitude, longitude)
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - https, fixed host
                temperature, humidity, measured_at = parse(response.read())
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise CommandError(
                f"Open-Meteo did not answer ({error}); the weather is unchanged."
            ) from error
        except (ValueError, KeyError, TypeError) as error:
            raise CommandError(
                f"Open-Meteo's answer is not a reading ({error!r}); the weather is unchanged."
            ) from error

        site = SiteSettings.objects.filter(pk=1).first() or SiteSettings()
        site.weather_city = city
        site.weather_temperature = temperature
        site.weather_humidity = humidity
        site.weather_updated_at = measured_at
        try:
            site.clean_fields(
                exclude=[f.name for f in SiteSettings._meta.fields if f.name not in FIELDS]
            )
        except ValidationError as error:
            raise CommandError(
                f"Open-Meteo's reading is out of range ({error}); the weather is unchanged."
            ) from error
        site.save()
        self.stdout.write(f"{city}: {temperature}°C / {humidity}% ({measured_at:%H:%M} UTC)")
