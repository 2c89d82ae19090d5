"""The live blog: what readers and the newsroom see."""

import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from live.models import Coverage, Update
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story(editor):
    story = ArticleFactory(published=True)
    coverage = Coverage.objects.create(story=story, created_by=editor)
    return story, coverage


def post(coverage, author, body, **kwargs):
    return Update.objects.create(coverage=coverage, author=author, body=body, **kwargs)


def test_update_body_is_sanitised(live_story, editor):
    _, coverage = live_story
    update = post(coverage, editor, '<p>Tin mới</p><script>alert(1)</script><a onclick="x">a</a>')
    assert "<script" not in update.body
    assert "onclick" not in update.body
    assert "Tin mới" in update.body


def test_pinned_first_then_newest_first_with_key_events(client, live_story, editor, reader_caches):
    story, coverage = live_story
    from django.utils import timezone

    now = timezone.now()
    post(coverage, editor, "<p>Cũ nhất</p>", at=now - timezone.timedelta(minutes=30), pinned=True)
    post(coverage, editor, "<p>Giữa</p>", at=now - timezone.timedelta(minutes=20), key_event=True)
    post(coverage, editor, "<p>Mới nhất</p>", at=now - timezone.timedelta(minutes=10))
    page = client.get(story.get_absolute_url()).content.decode()
    updates = page[page.index("data-live-updates") :]
    assert updates.index("Cũ nhất") < updates.index("Mới nhất") < updates.index("Giữa")
    assert 'aria-live="polite" data-live-updates' in page
    key_events = page[page.index("live__key-events") : page.index("data-live-updates")]
    middle = Update.objects.get(key_event=True)
    assert f'href="#cap-nhat-{middle.pk}">Giữa</a>' in key_events
    assert "Mới nhất" not in key_events


def test_update_reaches_readers_within_one_request(client, live_story, editor, settings, commit):
    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    story, coverage = live_story
    poll_url = reverse("live:poll", args=[story.pk])
    assert "Đội tuyển ghi bàn" not in client.get(story.get_absolute_url()).content.decode()
    client.get(poll_url)
    with commit():
        post(coverage, editor, "<p>Đội tuyển ghi bàn</p>")
    assert "Đội tuyển ghi bàn" in client.get(story.get_absolute_url()).content.decode()
    assert "Đội tuyển ghi bàn" in client.get(poll_url).json()["updates"][0]["html"]


def test_poll_is_short_lived_and_says_when_ended(client, live_story, editor, settings, commit):
    from django.utils import timezone

    story, coverage = live_story
    post(coverage, editor, "<p>Một</p>")
    response = client.get(reverse("live:poll", args=[story.pk]))
    data = response.json()
    assert data["ended"] is False
    assert "Một" in data["updates"][0]["html"]
    coverage.ended_at = timezone.now()
    coverage.save()
    data = client.get(reverse("live:poll", args=[story.pk])).json()
    assert data["ended"] is True
    page = client.get(story.get_absolute_url()).content.decode()
    assert "live/live.js" not in page


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_no_leak_from_unpublished_story(client, editor, state):
    from django.utils import timezone

    if state == "draft":
        story = ArticleFactory()
    else:
        story = ArticleFactory(
            published=True, publication_at=timezone.now() + timezone.timedelta(hours=1)
        )
    coverage = Coverage.objects.create(story=story)
    post(coverage, editor, "<p>Bí mật</p>")
    assert client.get(reverse("live:poll", args=[story.pk])).status_code == 404
    assert client.get(reverse("live:updates", args=[story.pk])).status_code == 404


def test_json_ld_is_live_blog_posting(client, live_story, editor):
    story, coverage = live_story
    post(coverage, editor, "<p>Cập nhật đầu tiên</p>")
    text = client.get(story.get_absolute_url()).content.decode()
    start = text.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(text[start : text.index("</script>", start)])
    assert data["@type"] == "LiveBlogPosting"
    assert "coverageStartTime" in data
    assert data["liveBlogUpdate"][0]["articleBody"] == "Cập nhật đầu tiên"


def test_anonymous_and_reader_cannot_post(client, live_story, django_user_model):
    story, _ = live_story
    url = reverse("live:post", args=[story.pk])
    response = client.post(url, {"body": "x"})
    assert response.status_code in (302, 403)
    reader = django_user_model.objects.create_user("docgia", password="x")
    client.force_login(reader)
    assert client.post(url, {"body": "x"}).status_code in (302, 403)
    assert not Update.objects.exists()


def test_editor_posts_and_bad_input_is_refused(live_story, editor):
    story, _ = live_story
    url = reverse("live:post", args=[story.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url, {"body": "<p>x</p>"}).status_code == 403
    client.get(reverse("admin:articles_article_change", args=[story.pk]))
    token = client.cookies["csrftoken"].value
    bad = client.post(url, {"body": "   "}, HTTP_X_CSRFTOKEN=token)
    assert bad.status_code == 400 and "error" in bad.json()
    assert not Update.objects.exists()
    good = client.post(url, {"body": "<p>Bắt đầu</p>", "key_event": "on"}, HTTP_X_CSRFTOKEN=token)
    assert good.status_code == 201
    assert Update.objects.get().key_event


def test_story_page_queries_do_not_grow_with_updates(client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(count):
        story = ArticleFactory(published=True)
        coverage = Coverage.objects.create(story=story)
        Update.objects.bulk_create(
            Update(coverage=coverage, author=editor, body=f"<p>Tin {n}</p>") for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        return len(queries), response.content.decode()

    queries_with(1)  # the site-wide lists kept once, so both pages below start alike
    few, few_page = queries_with(5)
    many, many_page = queries_with(200)
    assert few == many
    assert "?trang=2" in many_page and "?trang=2" not in few_page
    assert many_page.count('<article class="live-update') == 50


def test_poll_is_kept_only_a_few_seconds(client, live_story, settings):
    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    story, _ = live_story
    response = client.get(reverse("live:poll", args=[story.pk]))
    control = response["Cache-Control"]
    assert "public" in control
    max_age = int(control.split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 5


def test_ended_coverage_says_so_and_stops_polling(client, live_story, editor):
    from django.utils import timezone

    story, coverage = live_story
    assert "live/live.js" in client.get(story.get_absolute_url()).content.decode()
    coverage.ended_at = timezone.now()
    coverage.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Live coverage has ended" in page or "Đã kết thúc tường thuật" in page
    assert "live/live.js" not in page
    assert "data-ended" in page


def test_story_without_coverage_shows_no_live_blog(client):
    story = ArticleFactory(published=True)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "data-live-updates" not in page
    assert client.get(reverse("live:poll", args=[story.pk])).status_code == 404


def test_withdrawn_update_leaves_the_page(client, live_story, editor):
    story, coverage = live_story
    update = post(coverage, editor, "<p>Nhầm số liệu</p>")
    update.withdrawn = True
    update.save()
    assert "Nhầm số liệu" not in client.get(story.get_absolute_url()).content.decode()
    assert client.get(reverse("live:poll", args=[story.pk])).json()["updates"] == []


def test_older_updates_page(client, live_story, editor):
    story, coverage = live_story
    Update.objects.bulk_create(
        Update(coverage=coverage, author=editor, body=f"<p>Tin số {n}</p>") for n in range(60)
    )
    page = client.get(reverse("live:updates", args=[story.pk]) + "?trang=2").content.decode()
    assert page.count('<article class="live-update') == 10
    assert client.get(reverse("live:updates", args=[story.pk]) + "?trang=9").status_code == 404


def test_reporter_posts_to_own_story_only(live_story, reporter, client_for):
    story, _ = live_story
    client = client_for(reporter)
    url = reverse("live:post", args=[story.pk])
    assert client.post(url, {"body": "<p>Không phải bài của tôi</p>"}).status_code == 403
    story.authors.add(reporter)
    assert client.post(url, {"body": "<p>Bài của tôi</p>"}).status_code == 201


def test_only_editors_start_and_end_coverage(reporter, editor, client_for):
    story = ArticleFactory(published=True)
    story.authors.add(reporter)
    url = reverse("live:coverage", args=[story.pk])
    assert client_for(reporter).post(url, {"action": "start"}).status_code == 403
    assert not Coverage.objects.exists()
    editor_client = client_for(editor)
    as_json = {"HTTP_ACCEPT": "application/json"}
    assert editor_client.post(url, {"action": "start"}, **as_json).json() == {"live": True}
    assert editor_client.post(url, {"action": "end"}, **as_json).json() == {"live": False}
    back = editor_client.post(url, {"action": "start"})
    assert back.url == reverse("admin:articles_article_change", args=[story.pk])
    assert Coverage.objects.get().ended_at is None
    editor_client.post(url, {"action": "end"})
    assert Coverage.objects.get().ended_at is not None


def test_admin_page_shows_the_posting_form_for_a_live_story(live_story, client_for, editor):
    story, _ = live_story
    page = client_for(editor).get(reverse("admin:articles_article_change", args=[story.pk]))
    text = page.content.decode()
    assert reverse("live:post", args=[story.pk]) in text
    panel = text[
        text.index('id="live-panel"') : text.index("</fieldset>", text.index('id="live-panel"'))
    ]
    assert "data-live-post" in panel
    # Inside the story's form: a form of its own would end the story's form early.
    assert "<form" not in panel and "</form>" not in panel
    assert 'name="body"' not in panel


def test_escaping_in_embed_and_author(client, live_story, django_user_model):
    story, coverage = live_story
    author = django_user_model.objects.create_user("x", first_name='<script>"</script>')
    post(coverage, author, "<p>Tin</p>", embed_url='https://example.com/"><script>')
    page = client.get(story.get_absolute_url()).content.decode()
    section = page[page.index("data-live-updates") :]
    assert '<script>"</script>' not in section
    assert '"><script>' not in section


def test_editor_withdraws_an_update_in_the_admin(live_story, editor, client_for):
    _, coverage = live_story
    update = post(coverage, editor, "<p>Sai tên địa danh</p>")
    client = client_for(editor)
    url = reverse("admin:live_update_changelist")
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:live_update_change", args=[update.pk])).status_code == 200


def test_bench_live_story_is_made_once(editor):
    from django.core.management import call_command

    ArticleFactory(published=True)
    call_command("generate_live_bench", updates=60, stdout=io.StringIO())
    call_command("generate_live_bench", updates=60, stdout=io.StringIO())
    assert Coverage.objects.count() == 1
    assert Update.objects.count() == 60


def test_coverage_ending_ahead_ends_on_time_with_caches_on(client, live_story, settings, commit):
    import datetime

    import time_machine
    from django.utils import timezone

    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    story, coverage = live_story
    start = timezone.now()
    with commit():
        coverage.ended_at = start + datetime.timedelta(minutes=1)
        coverage.save()
    with time_machine.travel(start, tick=False):
        assert "live/live.js" in client.get(story.get_absolute_url()).content.decode()
        assert client.get(reverse("live:poll", args=[story.pk])).json()["ended"] is False
    with time_machine.travel(start + datetime.timedelta(minutes=1, seconds=1), tick=False):
        assert "live/live.js" not in client.get(story.get_absolute_url()).content.decode()
        assert client.get(reverse("live:poll", args=[story.pk])).json()["ended"] is True


def test_editor_starts_coverage_from_a_story_admin_page(client_for, editor, reporter):
    story = ArticleFactory(published=True)
    story.authors.add(reporter)
    page = client_for(editor).get(reverse("admin:articles_article_change", args=[story.pk]))
    assert 'name="action" value="start"' in page.content.decode()
    page = client_for(reporter).get(reverse("admin:articles_article_change", args=[story.pk]))
    assert 'name="action"' not in page.content.decode()


def test_a_live_story_says_so_above_its_title_until_the_coverage_ends(
    client, live_story, settings, commit
):
    import datetime

    import time_machine
    from django.utils import timezone

    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    story, coverage = live_story
    start = timezone.now()
    with commit():
        coverage.ended_at = start + datetime.timedelta(minutes=1)
        coverage.save()
    flag = 'class="live-flag"><a href="#live-title"><span class="live__badge">Trực tiếp</span>'
    with time_machine.travel(start, tick=False):
        page = client.get(story.get_absolute_url()).content.decode()
        assert flag in page
        assert page.index(flag) < page.index("<h1")
    with time_machine.travel(start + datetime.timedelta(minutes=1, seconds=1), tick=False):
        assert flag not in client.get(story.get_absolute_url()).content.decode()


def test_a_story_not_live_has_no_flag(client):
    story = ArticleFactory(published=True)
    assert "live-flag" not in client.get(story.get_absolute_url()).content.decode()


class FormOwners(HTMLParser):
    """Which form each control of a page belongs to, as a browser decides it: the form named
    by its ``form`` attribute, else the form around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.around = None
        self.forms = {}
        self.controls = []  # (owner form id, tag, attrs)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.around = attrs.get("id")
            self.forms[self.around] = attrs
        elif tag in ("input", "button", "textarea", "select"):
            self.controls.append((attrs.get("form", self.around), tag, attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self.around = None

    def owned_by(self, form_id):
        return [(tag, attrs) for owner, tag, attrs in self.controls if owner == form_id]


def form_owners(response):
    owners = FormOwners()
    owners.feed(response.content.decode())
    owners.close()
    return owners


@pytest.mark.parametrize("is_live", [False, True])
def test_coverage_buttons_send_none_of_the_story_s_fields(is_live, client_for, editor):
    """Starting or ending coverage must not submit (or throw away) the story's unsaved
    edits: its buttons belong to a small form of their own, outside the story's form."""
    story = ArticleFactory(published=True)
    if is_live:
        Coverage.objects.create(story=story, created_by=editor)
    response = client_for(editor).get(reverse("admin:articles_article_change", args=[story.pk]))
    owners = form_owners(response)
    text = response.content.decode()

    coverage_form = owners.forms["live-coverage-form"]
    assert coverage_form["action"] == reverse("live:coverage", args=[story.pk])
    assert coverage_form["method"] == "post"
    # After the story's form has closed, not nested in it.
    assert text.index('id="live-coverage-form"') > text.index("</form>", text.index("article_form"))
    buttons = [attrs for tag, attrs in owners.owned_by("live-coverage-form") if tag == "button"]
    assert [(b["name"], b["value"]) for b in buttons] == [("action", "end" if is_live else "start")]
    fields = {
        attrs.get("name") for tag, attrs in owners.owned_by("live-coverage-form") if tag != "button"
    }
    assert fields == {"csrfmiddlewaretoken"}
    # None of the story's own controls posts to the live view any more.
    assert not [
        attrs
        for tag, attrs in owners.owned_by("article_form")
        if "formaction" in attrs or attrs.get("name") == "action"
    ]
    assert "title" in {attrs.get("name") for _, attrs in owners.owned_by("article_form")}


def test_coverage_form_posts_with_the_csrf_token_and_the_same_checks(client_for, editor, reporter):
    story = ArticleFactory(published=True)
    story.authors.add(reporter)
    change = reverse("admin:articles_article_change", args=[story.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    owners = form_owners(client.get(change))
    token = next(
        attrs["value"]
        for tag, attrs in owners.owned_by("live-coverage-form")
        if attrs.get("name") == "csrfmiddlewaretoken"
    )
    url = reverse("live:coverage", args=[story.pk])
    assert client.post(url, {"action": "start"}).status_code == 403  # no token
    assert not Coverage.objects.exists()
    back = client.post(url, {"csrfmiddlewaretoken": token, "action": "start"})
    assert back.status_code == 302 and back.url == change
    assert Coverage.objects.get().ended_at is None
    # A reporter sees no coverage form, and is refused if they post anyway.
    reporter_page = client_for(reporter).get(change)
    assert "live-coverage-form" not in reporter_page.content.decode()
    assert client_for(reporter).post(url, {"action": "end"}).status_code == 403


def test_starting_coverage_shows_the_posting_fields_ready_for_the_script(client_for, editor):
    """Before coverage starts, its posting fields are on the page, hidden, so the page need
    not be reloaded (and the story's edits lost) to post the first update."""
    story = ArticleFactory(published=True)
    text = client_for(editor).get(reverse("admin:articles_article_change", args=[story.pk]))
    text = text.content.decode()
    assert "data-live-post" in text and "live/live.js" in text
    posting = text[
        text.index("<div data-live-post") : text.index(">", text.index("data-live-post"))
    ]
    assert posting.endswith(" hidden")
    assert "data-live-coverage" in text


def bad_post(client, story, data, url_name="live:post"):
    response = client.post(reverse(url_name, args=[story.pk]), data)
    assert response.status_code == 400
    return response.json()["error"]


def test_refusals_are_explained_in_vietnamese(client_for, editor):
    from django.utils import translation
    from django.utils.translation import gettext

    from live.models import MAX_UPDATE_LENGTH

    story = ArticleFactory(published=True)
    client = client_for(editor)
    with translation.override("vi"):
        not_live = gettext("This story is not live.")
        too_long = gettext("An update is at most %(limit)s characters.") % {
            "limit": MAX_UPDATE_LENGTH
        }
        unknown = gettext("Unknown action.")
        empty = gettext("Write something for readers.")
    assert bad_post(client, story, {"body": "<p>Tin</p>"}) == not_live
    Coverage.objects.create(story=story, created_by=editor)
    assert bad_post(client, story, {"body": "x" * (MAX_UPDATE_LENGTH + 1)}) == too_long
    assert bad_post(client, story, {"body": "  "}) == empty
    assert bad_post(client, story, {"action": "pause"}, "live:coverage") == unknown
    # Translated where the catalogue has them already (the lead fills the rest).
    assert too_long.startswith("Mỗi cập nhật") and empty == "Hãy viết nội dung cho bạn đọc."
    assert not Update.objects.exists()


@pytest.mark.parametrize("given", ["2", "0", "-5", "douze", "12.5", ""])
def test_live_poll_seconds_is_checked_at_startup(given, monkeypatch):
    import runpy

    from django.core.exceptions import ImproperlyConfigured

    base = Path(__file__).parents[2] / "newsroom" / "settings" / "base.py"
    monkeypatch.setenv("LIVE_POLL_SECONDS", given)
    with pytest.raises(ImproperlyConfigured, match="LIVE_POLL_SECONDS"):
        runpy.run_path(str(base))


def test_live_poll_seconds_comes_from_the_environment(monkeypatch, settings, client):
    import runpy

    base = Path(__file__).parents[2] / "newsroom" / "settings" / "base.py"
    monkeypatch.delenv("LIVE_POLL_SECONDS", raising=False)
    assert runpy.run_path(str(base))["LIVE_POLL_SECONDS"] == 12
    monkeypatch.setenv("LIVE_POLL_SECONDS", " 30 ")
    assert runpy.run_path(str(base))["LIVE_POLL_SECONDS"] == 30

    from live.parts import poll_seconds

    settings.LIVE_POLL_SECONDS = 7
    assert poll_seconds() == 7
