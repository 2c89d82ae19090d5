"""The desk's list of stories: filters, accent-free search, "my stories" for reporters,
what is scheduled next, and a page cost that does not grow with the number of stories."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Status
from newsroom import admin_tools
from tests import factories
from tests.factories import changelist_url

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 9, 2, 9, 0, tzinfo=VIETNAM)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def make(author, title, status=Status.DRAFT, publication_at=None, **kwargs):
    kwargs = {"lead": "Tóm tắt.", "body": "<p>Nội dung.</p>", **kwargs}
    article = factories.story(author, title=title, **kwargs)
    Article.objects.filter(pk=article.pk).update(status=status, publication_at=publication_at)
    article.refresh_from_db()
    return article


def listed(response):
    assert response.status_code == 200
    return {a.title for a in response.context["cl"].result_list}


@pytest.fixture
def desk(reporter, other_reporter):
    politics = factories.SectionFactory(name="Chính trị")
    sport = factories.SectionFactory(name="Thể thao")
    stories = {
        "draft": make(reporter, "Hội nghị Trung ương khai mạc", section=politics),
        "review": make(
            other_reporter, "Đảng bộ tỉnh tổng kết năm", Status.IN_REVIEW, None, section=politics
        ),
        "live": make(
            reporter,
            "Đội tuyển thắng đậm",
            Status.PUBLISHED,
            NOW - datetime.timedelta(days=3),
            section=sport,
        ),
        "scheduled": make(
            other_reporter,
            "Lịch thi đấu vòng loại",
            Status.PUBLISHED,
            NOW + datetime.timedelta(hours=5),
            section=sport,
        ),
        "withdrawn": make(
            reporter,
            "Tin đã gỡ",
            Status.WITHDRAWN,
            NOW - datetime.timedelta(days=40),
            section=sport,
        ),
    }
    return {"politics": politics, "sport": sport, **stories}


def titles(desk, *keys):
    return {desk[k].title for k in keys}


def test_editor_sees_every_story(editor_client, desk):
    assert listed(editor_client.get(changelist_url())) == titles(
        desk, "draft", "review", "live", "scheduled", "withdrawn"
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status__exact=in_review", ["review"]),
        ("status__exact=published", ["live", "scheduled"]),
        ("status__exact=withdrawn", ["withdrawn"]),
        ("publication=scheduled", ["scheduled"]),
        ("publication=live", ["live"]),
    ],
)
def test_filter_by_state(editor_client, desk, query, expected):
    assert listed(editor_client.get(f"{changelist_url()}?{query}")) == titles(desk, *expected)


def test_filter_by_section(editor_client, desk):
    response = editor_client.get(f"{changelist_url()}?section__id__exact={desk['politics'].pk}")
    assert listed(response) == titles(desk, "draft", "review")


def test_filter_by_author(editor_client, desk, other_reporter):
    response = editor_client.get(f"{changelist_url()}?authors__id__exact={other_reporter.pk}")
    assert listed(response) == titles(desk, "review", "scheduled")


def test_filter_by_publication_date(editor_client, desk):
    page = editor_client.get(changelist_url())
    spec = next(
        f
        for f in page.context["cl"].filter_specs
        if getattr(f, "field_path", "") == "publication_at"
    )
    choices = {c["display"]: c["query_string"] for c in spec.choices(page.context["cl"])}
    past_week = choices[factories.in_vietnamese(_("Past 7 days"))]
    assert listed(editor_client.get(changelist_url() + past_week)) == titles(
        desk, "live", "scheduled"
    )


def test_the_filters_are_offered(editor_client, desk):
    response = editor_client.get(changelist_url())
    offered = {spec.title for spec in response.context["cl"].filter_specs}
    assert len(offered) >= 5
    html = response.content.decode()
    for query in ["status__exact=in_review", "publication=scheduled", "section__id__exact="]:
        assert query in html


@pytest.mark.parametrize(
    "term, expected",
    [
        ("hoi nghi", ["draft"]),
        ("Hội Nghị", ["draft"]),
        ("HOI NGHI trung uong", ["draft"]),
        ("dang", ["review"]),
        ("Đảng", ["review"]),
        ("DANG BO", ["review"]),
        ("doi tuyen", ["live"]),
        ("hoi nghi the thao", []),
        ("khong co", []),
    ],
)
def test_search_ignores_accents_and_case(editor_client, desk, term, expected):
    response = editor_client.get(changelist_url(), {"q": term})
    assert listed(response) == titles(desk, *expected)


def test_search_reads_the_lead_and_the_body(editor_client, desk):
    story = desk["draft"]
    story.lead = "Sáng nay tại Thủ đô Hà Nội."
    story.body = "<p>Ông <strong>Nguyễn Văn Đông</strong> phát biểu.</p>"
    story.save()
    assert listed(editor_client.get(changelist_url(), {"q": "thu do"})) == {story.title}
    assert listed(editor_client.get(changelist_url(), {"q": "van dong"})) == {story.title}
    # Markup is not text.
    assert listed(editor_client.get(changelist_url(), {"q": "strong"})) == set()


def test_reporter_sees_only_own_stories(reporter_client, desk):
    assert listed(reporter_client.get(changelist_url())) == titles(
        desk, "draft", "live", "withdrawn"
    )


def test_reporter_search_stays_within_own_stories(reporter_client, desk):
    assert listed(reporter_client.get(changelist_url(), {"q": "dang bo"})) == set()


def test_a_story_is_the_reporters_when_they_are_a_co_author(reporter_client, reporter, desk):
    desk["review"].authors.add(reporter)
    assert desk["review"].title in listed(reporter_client.get(changelist_url()))


def test_editor_sees_what_is_scheduled_next_in_order(editor_client, desk, other_reporter):
    later = make(
        other_reporter, "Bài hẹn giờ muộn hơn", Status.PUBLISHED, NOW + datetime.timedelta(days=2)
    )
    response = editor_client.get(changelist_url())
    upcoming = list(response.context["scheduled_next"])
    assert upcoming == [desk["scheduled"], later]
    html = response.content.decode()
    box = html[html.index('id="scheduled-next"') :]
    assert "02/09/2026 14:00 (GMT+7)" in box
    assert box.index(desk["scheduled"].title) < box.index(later.title)
    assert desk["live"].title not in box[: box.index("</div>")]


def test_the_list_shows_when_a_story_is_scheduled_for(editor_client, desk):
    html = editor_client.get(changelist_url()).content.decode()
    assert "02/09/2026 14:00" in html


def test_reporters_do_not_get_the_scheduled_box(reporter_client, desk):
    response = reporter_client.get(changelist_url())
    assert not response.context.get("scheduled_next")
    assert 'id="scheduled-next"' not in response.content.decode()


# Cost


def changelist_queries(user, client, reporter, other_reporter, count):
    sections = [factories.SectionFactory() for _ in range(3)]
    sources = [factories.SourceFactory() for _ in range(2)]
    image = factories.ImageFactory()
    for n in range(count):
        author = reporter if n % 2 else other_reporter
        status = [Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN][n % 4]
        article = factories.story(
            author,
            section=sections[n % 3],
            source=sources[n % 2],
            featured_image=image,
            byline="Nhóm PV" if n % 5 == 0 else "",
        )
        article.tags.add(f"chủ đề {n % 4}")
        when = NOW + datetime.timedelta(hours=n - count // 2)
        Article.objects.filter(pk=article.pk).update(status=status, publication_at=when)
    client.get(changelist_url())  # warm the per-process caches (content types, session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(changelist_url())
    assert response.status_code == 200
    visible = Article.objects.editable_by(user).count()
    assert len(response.context["cl"].result_list) == min(visible, 50) > 0
    return len(queries)


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_the_list_costs_the_same_with_5_or_40_stories(
    who, editor, reporter, other_reporter, client_for
):
    user = editor if who == "editor" else reporter
    few = changelist_queries(user, client_for(user), reporter, other_reporter, 5)
    Article.objects.all().delete()
    many = changelist_queries(user, client_for(user), reporter, other_reporter, 40)
    assert many == few
    assert few <= 20


def test_a_huge_table_is_not_counted_row_by_row(editor_client, desk, monkeypatch):
    """An unfiltered list of a table past ``EXACT_COUNT_LIMIT`` rows takes PostgreSQL's
    estimate instead of a ``COUNT(*)`` (SQLite has no estimate and counts)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(admin_tools, "EXACT_COUNT_LIMIT", 1)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(changelist_url())
    assert response.status_code == 200
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    # The header's count of stories waiting for review (desk.panels.counts) reads only the
    # few in review, through the status index: not the table.
    article_counts = [
        sql for sql in counts if "articles_article" in sql and "review_count" not in sql
    ]
    if connection.vendor == "postgresql":
        assert article_counts == []
        assert any("reltuples" in q["sql"] for q in queries)
    else:
        assert len(article_counts) == 1
