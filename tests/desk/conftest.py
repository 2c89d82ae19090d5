"""The desk's fixtures: a frozen afternoon in Hà Nội, and stories taken through the
workflow as the admin takes them."""

import datetime
import re
from html import unescape as html_unescape

import pytest
import time_machine
from django.urls import reverse

from articles import workflow
from tests import factories

# 16:00 in Vietnam (GMT+7) on 10/03/2026.
NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
HOME = "admin:index"
INBOX = "admin:desk_notification_changelist"


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def at(hours=0, minutes=0):
    """A moment this many hours (and minutes) from now."""
    return NOW + datetime.timedelta(hours=hours, minutes=minutes)


def step(article, action, user, moment=None, **kwargs):
    """``user`` moves ``article`` by ``action`` (at ``moment``, now by default)."""
    with time_machine.travel(moment or NOW, tick=False):
        return workflow.transition(article, action, user, **kwargs)


def home(client):
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    return response


def panel_html(response, key):
    """The HTML of the desk page's panel ``key``; None when the page has no such panel."""
    found = re.search(
        rf'<section [^>]*data-panel="{key}".*?</section>', response.content.decode(), re.S
    )
    return found.group(0) if found else None


def panel(response, key):
    """The panel ``key`` of the desk page, as its stories' titles in order."""
    html = panel_html(response, key)
    if html is None:
        return None
    return [html_unescape(t) for t in re.findall(r'<a href="[^"]*/change/">([^<]*)</a>', html)]


@pytest.fixture
def make_story(section):
    def make(author, title, **kwargs):
        return factories.story(author, title=title, section=section, **kwargs)

    return make
