"""The desk page (the admin's home): each role's panels, each a few stories with a link to
the whole list, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ArticleDailyViews, Status
from desk.panels import ROWS
from tests import factories
from tests.desk.conftest import at, home, panel, panel_html, step

REASON = "Thiếu nguồn cho số liệu ở đoạn hai."


# The reporter's desk


def test_a_reporter_sees_their_drafts_newest_first_and_no_colleagues(
    reporter_client, reporter, other_reporter, make_story
):
    step_back = [at(hours=-3), at(hours=-1)]
    for title, moment in zip(["Bản nháp cũ", "Bản nháp mới"], step_back, strict=True):
        story = make_story(reporter, title)
        Article.objects.filter(pk=story.pk).update(updated_at=moment)
    make_story(other_reporter, "Bản nháp của đồng nghiệp")

    page = home(reporter_client)

    assert panel(page, "drafts") == ["Bản nháp mới", "Bản nháp cũ"]


def test_a_reporter_sees_what_was_returned_with_the_reason_and_who_returned_it(
    reporter_client, reporter, editor, make_story
):
    editor.first_name, editor.last_name = "Lê Quang", "Huy"
    editor.save()
    story = make_story(reporter, "Bài bị trả lại")
    step(story, "submit", reporter, at(hours=-2))
    step(story, "return", editor, at(hours=-1), comment=REASON)

    page = home(reporter_client)

    assert panel(page, "returned") == ["Bài bị trả lại"]
    returned = panel_html(page, "returned")
    assert REASON in returned
    assert "Lê Quang Huy" in returned
    assert "10/03/2026 15:00 (GMT+7)" in returned
    assert panel(page, "drafts") == []


def test_a_reporter_sees_their_stories_scheduled_and_published_today(
    reporter_client, reporter, other_reporter, editor, make_story
):
    mine_later = make_story(reporter, "Hẹn giờ tối nay")
    mine_tomorrow = make_story(reporter, "Hẹn giờ ngày mai")
    mine_live = make_story(reporter, "Đã lên trang chiều nay")
    theirs = make_story(other_reporter, "Bài của đồng nghiệp")
    step(mine_later, "publish", editor, at(hours=-1), publication_at=at(hours=5))
    step(mine_tomorrow, "publish", editor, at(hours=-1), publication_at=at(hours=9))
    step(mine_live, "publish", editor, at(hours=-2))
    step(theirs, "publish", editor, at(hours=-2))

    page = home(reporter_client)

    assert panel(page, "scheduled") == ["Hẹn giờ tối nay"]
    assert "10/03/2026 21:00 (GMT+7)" in panel_html(page, "scheduled")
    assert panel(page, "published") == ["Đã lên trang chiều nay"]


def test_a_reporter_has_no_review_queue_nor_newsroom_wide_panels(reporter_client):
    page = home(reporter_client)

    assert panel(page, "review") is None
    assert panel(page, "most_read") is None
    assert panel(page, "drafts") == []


# The editor's desk


def test_an_editor_has_the_newsrooms_panels_and_their_own_drafts(editor_client):
    page = home(editor_client)

    keys = ["drafts", "review", "scheduled", "published", "most_read"]
    assert [panel(page, key) for key in keys] == [[]] * len(keys)
    assert panel(page, "returned") is None


def test_an_editor_sees_stories_waiting_for_review_the_longest_waiting_first(
    editor_client, reporter, other_reporter, make_story
):
    other_reporter.first_name, other_reporter.last_name = "Trần Thị", "Mai"
    other_reporter.save()
    recent = make_story(reporter, "Nộp lúc 15 giờ")
    early = make_story(other_reporter, "Nộp lúc 9 giờ")
    step(recent, "submit", reporter, at(hours=-1))
    step(early, "submit", other_reporter, at(hours=-7))
    make_story(reporter, "Còn là bản nháp")

    page = home(editor_client)

    assert panel(page, "review") == ["Nộp lúc 9 giờ", "Nộp lúc 15 giờ"]
    waiting = panel_html(page, "review")
    assert "Trần Thị Mai" in waiting
    assert "10/03/2026 09:00 (GMT+7)" in waiting


def test_an_editor_sees_what_goes_live_later_today_with_its_time(
    editor_client, editor, reporter, make_story
):
    tonight = make_story(reporter, "Lúc 23 giờ 30")
    evening = make_story(reporter, "Lúc 18 giờ")
    tomorrow = make_story(reporter, "Sau nửa đêm")
    step(tonight, "publish", editor, publication_at=at(hours=7, minutes=30))
    step(evening, "publish", editor, publication_at=at(hours=2))
    step(tomorrow, "publish", editor, publication_at=at(hours=9))

    page = home(editor_client)

    assert panel(page, "scheduled") == ["Lúc 18 giờ", "Lúc 23 giờ 30"]
    scheduled = panel_html(page, "scheduled")
    assert "10/03/2026 18:00 (GMT+7)" in scheduled
    assert "10/03/2026 23:30 (GMT+7)" in scheduled


def test_an_editor_sees_what_went_live_today_newest_first(
    editor_client, editor, reporter, make_story
):
    for title, hours in [
        ("Tin đăng sáng nay", -7),
        ("Tin đăng chiều nay", -1),
        ("Tin đăng tối qua", -17),
    ]:
        step(make_story(reporter, title), "publish", editor, at(hours=hours))

    page = home(editor_client)

    assert panel(page, "published") == ["Tin đăng chiều nay", "Tin đăng sáng nay"]
    see_all = panel_html(page, "published").split('class="desk-see-all"><a href="')[1]
    listed = editor_client.get(see_all.split('"')[0].replace("&amp;", "&"))
    assert {a.title for a in listed.context["cl"].result_list} == {
        "Tin đăng chiều nay",
        "Tin đăng sáng nay",
    }


def test_an_editor_sees_todays_most_read_stories(editor_client, editor, reporter, make_story):
    today = datetime.date(2026, 3, 10)
    views = {"Ít người đọc": 3, "Nhiều người đọc": 40, "Hôm qua đọc nhiều": 0}
    for title, count in views.items():
        story = make_story(reporter, title)
        step(story, "publish", editor, at(hours=-30))
        if count:
            ArticleDailyViews.objects.create(article=story, day=today, count=count)
        else:
            ArticleDailyViews.objects.create(article=story, day=today.replace(day=9), count=500)

    page = home(editor_client)

    assert panel(page, "most_read") == ["Nhiều người đọc", "Ít người đọc"]
    assert "40" in panel_html(page, "most_read")


def test_the_desk_keeps_the_list_of_apps_below_the_panels(editor_client):
    page = home(editor_client).content.decode()

    assert page.index('data-panel="review"') < page.index('id="content-main"')
    assert reverse("admin:articles_article_changelist") in page


# Bounded, with a way to the rest


def test_a_panel_shows_a_few_stories_and_links_to_the_whole_filtered_list(
    editor_client, reporter, make_story
):
    for n in range(ROWS + 3):
        step(make_story(reporter, f"Bài chờ duyệt {n}"), "submit", reporter, at(minutes=-n))

    page = home(editor_client)

    assert len(panel(page, "review")) == ROWS
    see_all = reverse("admin:articles_article_changelist") + "?status__exact=in_review"
    assert f'href="{see_all}"' in panel_html(page, "review")
    listed = editor_client.get(see_all)
    assert listed.status_code == 200
    assert len(listed.context["cl"].result_list) == ROWS + 3


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("editor", "drafts"),
        ("editor", "review"),
        ("editor", "scheduled"),
        ("editor", "published"),
        ("reporter", "drafts"),
        ("reporter", "returned"),
        ("reporter", "scheduled"),
        ("reporter", "published"),
    ],
)
def test_every_see_all_link_opens_the_story_list(client_for, editor, reporter, who, key):
    client = client_for(editor if who == "editor" else reporter)
    link = panel_html(home(client), key)
    address = link.split('class="desk-see-all"><a href="')[1].split('"')[0].replace("&amp;", "&")

    response = client.get(address)

    assert response.status_code == 200
    assert "e=1" not in response.get("Location", "")


def test_titles_and_reasons_are_escaped(reporter_client, reporter, editor, make_story):
    story = make_story(reporter, '<script>alert("tiêu đề")</script>')
    step(story, "submit", reporter, at(hours=-2))
    step(story, "return", editor, at(hours=-1), comment="</p><img src=x onerror=alert(1)>")

    returned = panel_html(home(reporter_client), "returned")

    assert "<script>" not in returned and "&lt;script&gt;" in returned
    assert "<img" not in returned


# Cost


def desk_queries(client):
    client.get(reverse("admin:index"))  # warm the per-process caches (content types, session)
    with CaptureQueriesContext(connection) as queries:
        home(client)
    return len(queries)


def fill_the_desk(reporter, editor, count):
    """``count`` stories in every panel of both roles."""
    today = datetime.date(2026, 3, 10)
    for n in range(count):
        factories.story(reporter, title=f"Bản nháp số {n}")
        returned = factories.story(reporter, title=f"Bài trả lại số {n}")
        step(returned, "submit", reporter, at(hours=-3))
        step(returned, "return", editor, at(hours=-2), comment=REASON)
        step(
            factories.story(reporter, title=f"Bài chờ duyệt {n}"), "submit", reporter, at(hours=-1)
        )
        step(factories.story(reporter), "publish", editor, publication_at=at(hours=3))
        live = factories.story(reporter, title=f"Bài đã đăng số {n}")
        step(live, "publish", editor, at(hours=-1))
        ArticleDailyViews.objects.create(article=live, day=today, count=n + 1)


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_the_desk_costs_the_same_queries_for_one_story_or_twenty(client_for, reporter, editor, who):
    client = client_for(editor if who == "editor" else reporter)
    fill_the_desk(reporter, editor, 1)
    few = desk_queries(client)
    fill_the_desk(reporter, editor, 19)
    many = desk_queries(client)

    assert Article.objects.filter(status=Status.RETURNED).count() == 20
    assert many == few
