"""``manage.py generate_bench_content``: the stories and everything around them arrive
whole, on PostgreSQL through the bulk loader (staging tables, indexes dropped and rebuilt,
several connections) with exactly the search vectors the trigger writes, and with every
index and no staging table left behind."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.management.commands import generate_bench_content as generator
from articles.models import Article, ArticleDailyViews, Status

pytestmark = pytest.mark.django_db(transaction=True)


def indexes():
    with connection.cursor() as cursor:
        return {
            (table, index["columns"] and tuple(index["columns"]), index["type"])
            for table in ("articles_article", "articles_article_authors", "taggit_taggeditem")
            for index in connection.introspection.get_constraints(cursor, table).values()
            if index["index"]
        }


def generate(count):
    output = io.StringIO()
    call_command("generate_bench_content", "--articles", str(count), "--batch", "25", stdout=output)
    return output.getvalue()


def test_stories_arrive_whole_with_their_links(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = indexes()

    output = generate(60)

    assert "Done: 60 stories" in output
    assert Article.objects.count() == 60
    stories = Article.objects.prefetch_related("authors", "tags")
    assert {s.status for s in stories} >= {Status.PUBLISHED}
    assert Article.objects.scheduled().count() <= generator.SCHEDULED
    for story in stories:
        assert story.section_id and story.featured_image_id and story.search_text
        assert story.slug and story.body.startswith("<")
        assert len(story.authors.all()) in (1, 2)
        assert len(story.tags.all()) >= 1
    assert Article.objects.filter(featured_on_home=True).count() == min(
        generator.FEATURED, Article.objects.public().count()
    )
    viewed = Article.objects.filter(daily_views__isnull=False).distinct()
    assert set(viewed) <= set(Article.objects.public(timezone.now()))
    assert ArticleDailyViews.objects.filter(count__lt=0).count() == 0
    assert indexes() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk loader is PostgreSQL's")
def test_the_search_vectors_are_what_the_trigger_writes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate(40)
    loaded = dict(Article.objects.values_list("pk", "search_vector"))

    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET title = title")  # the trigger, again
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'bench_load_%%'")
        staging = cursor.fetchall()

    assert dict(Article.objects.values_list("pk", "search_vector")) == loaded
    assert all(loaded.values())
    assert staging == []
    story = Article.objects.public().latest_first().first()
    assert story in Article.objects.public().search(story.title.split()[0])
