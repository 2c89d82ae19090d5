"""Banners in the admin: editors set them, from a story's page in two clicks or by
themselves; reporters cannot, whatever they post."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from breaking.models import Banner, Level
from tests import factories

from .conftest import banner

pytestmark = pytest.mark.django_db

ADD = reverse("admin:breaking_banner_add")
LIST = reverse("admin:breaking_banner_changelist")


def button(response):
    """The "make it breaking news" link on a story's admin page, or None."""
    found = re.search(r'href="([^"]*banner/add/\?article=\d+)"', response.content.decode())
    return found and found.group(1).replace("&amp;", "&")


def test_an_editor_sets_a_banner_from_a_story_in_two_clicks(editor_client, editor, public_story):
    page = editor_client.get(factories.change_url(public_story))
    link = button(page)
    assert link  # click one: "Đặt làm tin nóng"

    form = editor_client.get(link)
    assert form.status_code == 200
    data = factories.form_data(form)
    assert data["text"] == public_story.title
    assert data["article"] == str(public_story.pk)

    before = timezone.now() - datetime.timedelta(minutes=1)
    saved = editor_client.post(link, data)  # click two: save
    assert saved.status_code == 302, saved.content.decode()[:2000]

    made = Banner.objects.get()
    assert made.text == public_story.title
    assert made.article == public_story
    assert made.created_by == editor
    assert before <= made.starts_at <= timezone.now()
    assert made.ends_at - made.starts_at == datetime.timedelta(hours=2)
    assert made in Banner.objects.live()


def test_no_button_on_a_story_that_is_not_public(editor_client, editor, section):
    draft = factories.story(editor, section=section)
    assert button(editor_client.get(factories.change_url(draft))) is None


def test_no_button_for_a_reporter(client_for, reporter, section):
    own = factories.story(reporter, section=section, published=True)
    page = client_for(reporter).get(factories.change_url(own))
    assert page.status_code == 200
    assert button(page) is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_reporter_cannot_add_a_banner(client_for, reporter, method):
    reporter_client = client_for(reporter)
    now = timezone.localtime()
    data = {
        "text": "Tin giả",
        "level": Level.BREAKING,
        "starts_at_0": now.strftime("%d/%m/%Y"),
        "starts_at_1": now.strftime("%H:%M:%S"),
        "ends_at_0": now.strftime("%d/%m/%Y"),
        "ends_at_1": "23:59:59",
    }
    response = (
        getattr(reporter_client, method)(ADD, data)
        if method == "post"
        else reporter_client.get(ADD)
    )
    assert response.status_code == 403
    assert not Banner.objects.exists()


def test_a_reporter_cannot_change_or_delete_a_banner(client_for, reporter):
    shown = banner()
    reporter_client = client_for(reporter)
    change = reverse("admin:breaking_banner_change", args=[shown.pk])
    delete = reverse("admin:breaking_banner_delete", args=[shown.pk])
    assert reporter_client.get(change).status_code == 403
    assert reporter_client.post(delete, {"post": "yes"}).status_code == 403
    assert Banner.objects.filter(pk=shown.pk).exists()


def test_the_end_before_the_start_is_refused_in_the_form(editor_client):
    data = factories.form_data(
        editor_client.get(ADD),
        text="Sai giờ",
        starts_at_0="01/03/2026",
        starts_at_1="10:00:00",
        ends_at_0="01/03/2026",
        ends_at_1="09:00:00",
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    assert "ends_at" in response.context["adminform"].form.errors
    assert not Banner.objects.exists()


def test_the_list_tells_live_upcoming_and_ended(editor_client):
    banner(text="Đang chạy")
    banner(text="Sắp tới", starts=60, ends=120)
    banner(text="Đã hết", starts=-120, ends=-60)
    response = editor_client.get(LIST)
    states = {row.text: row for row in response.context["cl"].result_list}
    assert {text: row.state() for text, row in states.items()} == {
        "Đang chạy": "live",
        "Sắp tới": "upcoming",
        "Đã hết": "ended",
    }
    shown = response.content.decode()
    for label in ["Đang hiển thị", "Sắp hiển thị", "Đã kết thúc"]:
        assert label in shown


def test_the_form_is_not_filled_from_a_story_that_is_not_public(editor_client, editor, section):
    draft = factories.story(editor, section=section, title="Bản nháp bí mật")
    form = editor_client.get(f"{ADD}?article={draft.pk}")
    assert form.status_code == 200
    assert "Bản nháp bí mật" not in form.content.decode()
