"""The weather box: it says when it was updated, and leaves by itself when its reading is
older than WEATHER_MAX_AGE, with every cache layer on and nobody saving. The
``update_weather`` command fills it from Open-Meteo; here from a recorded answer, never
the network."""

import datetime
import io
import pathlib
import urllib.error

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from breaking.management.commands import update_weather
from newsroom.models import SiteSettings
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("caches_on")]

RECORDED = pathlib.Path(__file__).parent / "recorded" / "open_meteo_hanoi.json"
MEASURED = datetime.datetime(2025, 12, 4, 10, 0, tzinfo=datetime.UTC)  # 17:00 in Hà Nội
SECOND = datetime.timedelta(seconds=1)


def weather_box(path="/"):
    page = Client().get(path).content.decode()
    if 'class="weather"' not in page:
        return None
    return page.split('class="weather"', 1)[1].split("</p>", 1)[0]


@pytest.fixture
def updated(settings, commit):
    settings.WEATHER_MAX_AGE = 180
    with time_machine.travel(MEASURED, tick=False), commit():
        factories.newsroom_settings(weather_updated_at=MEASURED)


def test_the_box_says_when_it_was_updated_in_vietnam_time(updated):
    with time_machine.travel(MEASURED + datetime.timedelta(minutes=5), tick=False):
        box = weather_box()
    assert "22°C" in box
    assert "17:00" in box  # 10:00 UTC, GMT+7


def test_the_box_leaves_when_the_reading_gets_too_old_with_nobody_saving(updated):
    stale_at = MEASURED + datetime.timedelta(minutes=180)
    with time_machine.travel(MEASURED + SECOND, tick=False):
        assert weather_box() is not None
        assert Client().get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(stale_at - SECOND, tick=False):
        assert weather_box() is not None
    with time_machine.travel(stale_at, tick=False):
        assert weather_box() is None
        assert weather_box("/tim-kiem/?q=a") is None


def test_the_limit_is_a_setting(updated, settings):
    settings.WEATHER_MAX_AGE = 30
    with time_machine.travel(MEASURED + datetime.timedelta(minutes=31), tick=False):
        assert weather_box() is None


def test_a_new_reading_brings_the_box_back(updated, commit):
    later = MEASURED + datetime.timedelta(hours=5)
    with time_machine.travel(later, tick=False):
        assert weather_box() is None
        with commit():
            site = SiteSettings.objects.get()
            site.weather_updated_at = later
            site.save()
        assert weather_box() is not None


def test_weather_typed_in_by_hand_without_a_time_stays(commit):
    with commit():
        factories.newsroom_settings()
    box = weather_box()
    assert box is not None
    assert "weather__updated" not in box


# The command ------------------------------------------------------------------------------


class Answer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def answering(monkeypatch, answer=None, error=None):
    asked = []

    def urlopen(url, timeout):
        asked.append((url, timeout))
        if error:
            raise error
        return Answer(answer)

    monkeypatch.setattr(update_weather.urllib.request, "urlopen", urlopen)
    return asked


def test_the_command_fills_the_box_from_a_recorded_answer(monkeypatch, commit):
    factories.newsroom_settings(weather_temperature=30, weather_humidity=90)
    asked = answering(monkeypatch, RECORDED.read_bytes())
    with commit():
        call_command("update_weather", "--timeout", "4", stdout=io.StringIO())
    site = SiteSettings.objects.get()
    assert (site.weather_city, site.weather_temperature, site.weather_humidity) == (
        "Hà Nội",
        22,
        57,
    )
    assert site.weather_updated_at == MEASURED
    url, timeout = asked[0]
    assert url.startswith("https://api.open-meteo.com/v1/forecast?")
    assert "latitude=21.0285" in url and "current=temperature_2m" in url
    assert timeout == 4
    with time_machine.travel(MEASURED + datetime.timedelta(minutes=1), tick=False):
        assert "22°C" in weather_box()


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (None, urllib.error.URLError("timed out")),
        (None, TimeoutError("timed out")),
        (b"<html>502 Bad Gateway</html>", None),
        (b'{"error": true, "reason": "Latitude must be in range"}', None),
        (
            b'{"current": {"time": 1764842400, "temperature_2m": 999, "relative_humidity_2m": 57}}',
            None,
        ),
    ],
    ids=["no answer", "timeout", "not json", "an error", "out of range"],
)
def test_a_failing_answer_changes_nothing(monkeypatch, answer, error):
    factories.newsroom_settings(
        weather_temperature=30, weather_humidity=90, weather_updated_at=MEASURED
    )
    answering(monkeypatch, answer, error)
    with pytest.raises(CommandError, match="the weather is unchanged"):
        call_command("update_weather", stdout=io.StringIO())
    site = SiteSettings.objects.get()
    assert (site.weather_temperature, site.weather_humidity, site.weather_updated_at) == (
        30,
        90,
        MEASURED,
    )
