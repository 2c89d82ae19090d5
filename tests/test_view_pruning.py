"""Pruning daily view counts (``manage.py prune_daily_views``): days older than
DAILY_VIEWS_KEEP_DAYS are rolled into each story's total and deleted, so the table stops
growing; "most read" and every story's total views are the same afterwards; a dry run
counts and changes nothing; running twice, or while readers' views are being counted,
loses nothing."""

import datetime
import io
import threading

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, ArticleViewTotal, Status
from tests import factories

VN = datetime.timezone(datetime.timedelta(hours=7))
TODAY = datetime.date(2025, 6, 30)
NOON = datetime.datetime(2025, 6, 30, 12, tzinfo=VN)


@pytest.fixture(autouse=True)
def _keep(settings):
    settings.MOST_READ_DAYS = 7
    settings.DAILY_VIEWS_KEEP_DAYS = 30


@pytest.fixture
def frozen():
    with time_machine.travel(NOON, tick=False):
        yield


def published(title):
    return factories.ArticleFactory(
        title=title,
        status=Status.PUBLISHED,
        publication_at=datetime.datetime(2025, 1, 1, tzinfo=VN),
    )


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def read_stories(db, frozen):
    """Two stories viewed every day for 120 days: 3 and 5 views a day."""
    old, new = published("Tin cũ"), published("Tin mới")
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=article, day=days_ago(n), count=per_day)
        for article, per_day in ((old, 3), (new, 5))
        for n in range(120)
    )
    return old, new


def prune(*args):
    out = io.StringIO()
    call_command("prune_daily_views", *args, stdout=out)
    return out.getvalue()


def totals():
    return dict(Article.objects.with_total_views().values_list("title", "total_views"))


def most_read():
    return list(Article.objects.most_read(10).values_list("title", "views"))


def test_days_past_the_kept_ones_become_one_total_per_story(read_stories):
    old, _new = read_stories

    output = prune()

    kept = sorted(ArticleDailyViews.objects.filter(article=old).values_list("day", flat=True))
    assert kept == [days_ago(n) for n in range(29, -1, -1)]  # 30 days, today included
    total = ArticleViewTotal.objects.get(article=old)
    assert (total.count, total.through) == (90 * 3, days_ago(30))
    assert "Rolled up 180 daily rows (720 views)" in output


def test_every_storys_total_and_most_read_are_the_same_after_pruning(read_stories):
    before = (totals(), most_read())

    prune()

    assert (totals(), most_read()) == before
    assert totals() == {"Tin cũ": 360, "Tin mới": 600}
    assert most_read() == [("Tin mới", 35), ("Tin cũ", 21)]


def test_a_dry_run_counts_and_changes_nothing(read_stories):
    rows = ArticleDailyViews.objects.count()

    output = prune("--dry-run")

    assert "Would roll up 180 daily rows (720 views of 2 stories)" in output
    assert ArticleDailyViews.objects.count() == rows
    assert not ArticleViewTotal.objects.exists()


def test_running_it_twice_changes_nothing_more(read_stories):
    prune()
    after_first = (list(ArticleViewTotal.objects.values_list("article", "count")), totals())

    output = prune()

    assert (list(ArticleViewTotal.objects.values_list("article", "count")), totals()) == (
        after_first
    )
    assert "Rolled up 0 daily rows (0 views)" in output


def test_a_view_counted_later_on_a_pruned_day_joins_the_total_next_time(read_stories):
    old, _new = read_stories
    prune()

    # A view recorded just before midnight, its row written after the prune took the day.
    ArticleDailyViews.record(old.pk, day=days_ago(30))
    prune()

    assert ArticleViewTotal.objects.get(article=old).count == 90 * 3 + 1
    assert totals()["Tin cũ"] == 360 + 1


def test_small_batches_roll_up_the_same(read_stories):
    prune("--batch-size", "7")

    assert totals() == {"Tin cũ": 360, "Tin mới": 600}
    assert ArticleDailyViews.objects.filter(day__lt=days_ago(29)).count() == 0


def test_keep_days_from_the_command_line(read_stories):
    prune("--keep-days", "10")

    assert ArticleDailyViews.objects.filter(day__lt=days_ago(9)).count() == 0
    assert ArticleDailyViews.objects.filter(day=days_ago(9)).count() == 2
    assert totals() == {"Tin cũ": 360, "Tin mới": 600}


def test_it_refuses_to_drop_days_that_most_read_ranks_by(read_stories):
    with pytest.raises(CommandError, match="MOST_READ_DAYS"):
        prune("--keep-days", "6")

    assert not ArticleViewTotal.objects.exists()


@pytest.mark.django_db
def test_a_story_never_viewed_has_no_views():
    published("Chưa ai đọc")

    assert totals() == {"Chưa ai đọc": 0}


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write: concurrency is only meaningful on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_views_counted_while_pruning_runs_are_all_kept():
    """Readers' views keep landing on a day being pruned (as at midnight) while pruning
    runs again and again: every view ends up counted exactly once."""
    story = published("Tin nóng")
    day = timezone.localdate() - datetime.timedelta(days=100)
    threads_count, per_thread, rounds = 6, 40, 15
    start = threading.Barrier(threads_count + 1)
    failures = []

    def reader():
        try:
            start.wait()
            for _ in range(per_thread):
                ArticleDailyViews.record(story.pk, day=day)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    def pruner():
        try:
            start.wait()
            for _ in range(rounds):
                ArticleDailyViews.roll_up(day + datetime.timedelta(days=1), batch_size=1)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(threads_count)]
    threads.append(threading.Thread(target=pruner))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ArticleDailyViews.roll_up(day + datetime.timedelta(days=1))

    assert failures == []
    assert ArticleViewTotal.objects.get(article=story).count == threads_count * per_thread
    assert Article.objects.with_total_views().get().total_views == threads_count * per_thread


@pytest.mark.django_db(transaction=True)
def test_a_view_of_a_story_deleted_meanwhile_is_dropped_not_retried_forever():
    # The beacon saw the story; an editor deleted it before the view was written: the
    # insert fails at every commit, and the request must still end.
    gone = factories.story(factories.UserFactory(username="phongvien"))
    gone_id = gone.pk
    gone.delete()
    finished = threading.Event()

    def count():
        try:
            ArticleDailyViews.record(gone_id)
        finally:
            connection.close()
            finished.set()

    threading.Thread(target=count, daemon=True).start()
    assert finished.wait(timeout=10), "record() never returned"
    assert not ArticleDailyViews.objects.filter(article_id=gone_id).exists()
