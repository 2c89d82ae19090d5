"""``manage.py prune_daily_views``: keep views day by day for ``DAILY_VIEWS_KEEP_DAYS``
(90 days, never fewer than ``MOST_READ_DAYS``), and roll older days into each story's
total (``ArticleViewTotal``), so the table of daily views stops growing. Every view stays
counted (``Article.objects.with_total_views()``).

Run it daily (deploy/systemd/toasoan-prune-views.timer). Safe to run twice, or while
readers' views are being counted: see ``ArticleDailyViews.roll_up``."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import ArticleDailyViews


class Command(BaseCommand):
    help = (
        "Roll daily view counts older than DAILY_VIEWS_KEEP_DAYS into per-story totals "
        "and delete them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.DAILY_VIEWS_KEEP_DAYS,
            help="Days kept day by day, today included (default: DAILY_VIEWS_KEEP_DAYS, "
            "%(default)s); never fewer than MOST_READ_DAYS.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be rolled up; change nothing."
        )
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Rows per transaction (%(default)s)."
        )

    def handle(self, *args, keep_days, dry_run, batch_size, **options):
        if keep_days < settings.MOST_READ_DAYS:
            raise CommandError(
                f'--keep-days {keep_days} would drop days that "most read" ranks by '
                f"(MOST_READ_DAYS = {settings.MOST_READ_DAYS})."
            )
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        before = timezone.localdate() - datetime.timedelta(days=keep_days - 1)
        if dry_run:
            found = ArticleDailyViews.older_than(before)
            self.stdout.write(
                f"Would roll up {found['rows']} daily rows ({found['views']} views of "
                f"{found['stories']} stories) from before {before:%d/%m/%Y}."
            )
            return
        rows, views = ArticleDailyViews.roll_up(before, batch_size=batch_size)
        self.stdout.write(
            f"Rolled up {rows} daily rows ({views} views) from before {before:%d/%m/%Y} "
            "into per-story totals."
        )
