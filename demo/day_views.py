"""Readers' views for the demo's public stories, so that "Đọc nhiều" (most read) is filled
on a fresh install: the last three days, a different count for each story, fixed so that
every run ranks them the same way. Only missing days are added."""

import datetime
import zlib

from django.utils import timezone

from articles.models import Article, ArticleDailyViews

DAYS = 3


def views_of(title, day_number):
    # The same story always gets the same count: a stable checksum, not hash().
    return 40 + zlib.crc32(f"{title}:{day_number}".encode()) % 900


def seed(now, users):
    today = timezone.localdate(now)
    days = [today - datetime.timedelta(days=n) for n in range(DAYS)]
    stories = Article.objects.public(now).values_list("pk", "title")
    have = set(ArticleDailyViews.objects.filter(day__in=days).values_list("article_id", "day"))
    rows = [
        ArticleDailyViews(article_id=pk, day=day, count=views_of(title, n))
        for pk, title in stories
        for n, day in enumerate(days)
        if (pk, day) not in have
    ]
    ArticleDailyViews.objects.bulk_create(rows)
    return {"days of readers' views": len(rows)}
