"""Every public page runs a fixed, small number of SQL queries: the same with 5 stories as
with 200, with pictures, authors, tags and views on all of them."""

import datetime
import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleDailyViews, Status
from newsroom.text import vietnamese_slugify
from tests import factories

# Section tree 1, then per page: home = its lists (one UNION) + most read; lists = count +
# page + most read (+ the tag or the author); story = story + authors + tags + related +
# latest + most read. The site settings are kept, as on a live site.
CEILINGS = {
    # The curated board's slots (frontpage): one query however many slots; their stories
    # are read in the home page's one query of stories.
    "home": 4,
    # A top-level section asks whether its board has a live edition (kept under "boards"
    # with caches on: no query after a story change).
    "section": 5,
    "child section": 4,
    "tag": 5,
    "author": 5,
    # And one each for what the newsroom's day adds under a story: its live coverage (none:
    # one query says so), its corrections and update notes, its topics; and its galleries
    # (one query, two with any: galleries.reader). Readers' comments: whether they are
    # open on it, and its comments with their replies (comments.parts).
    "story": 13,
    # No other story shares its tag: "related" is topped up from its section.
    "story with a tag of its own": 13,
}

pytestmark = pytest.mark.django_db


class Newsroom:
    """Stories in bulk across a parent section, its child and two others, each with a
    picture, an author, a tag and some views."""

    def __init__(self, site_settings, author, parent, child):
        self.author = author
        self.sections = [parent, child, *factories.SectionFactory.create_batch(2)]
        self.images = factories.ImageFactory.create_batch(3)
        self.tag = Tag.objects.create(name="Giao thông", slug="giao-thong")
        self.numbers = itertools.count()
        self.first = None

    def add(self, count):
        now = timezone.now()
        stories = Article.objects.bulk_create(
            Article(
                title=f"Tin số {n}",
                slug=vietnamese_slugify(f"Tin số {n}"),
                lead=f"Tóm tắt của tin số {n}.",
                body=f"<p>Nội dung tin số {n}.</p>",
                section=self.sections[n % len(self.sections)],
                featured_image=self.images[n % len(self.images)],
                status=Status.PUBLISHED,
                publication_at=now - datetime.timedelta(minutes=n + 1),
                featured_on_home=n % 10 == 0,
                home_order=n,
            )
            for n in itertools.islice(self.numbers, count)
        )
        content_type = ContentType.objects.get_for_model(Article)
        Article.tags.through.objects.bulk_create(
            Article.tags.through(tag=self.tag, content_type=content_type, object_id=s.pk)
            for s in stories
        )
        Article.authors.through.objects.bulk_create(
            Article.authors.through(article_id=s.pk, user_id=self.author.pk) for s in stories
        )
        ArticleDailyViews.objects.bulk_create(
            ArticleDailyViews(article=s, day=timezone.localdate(), count=s.pk) for s in stories
        )
        self.first = self.first or stories[0]

    def story_with_a_tag_of_its_own(self):
        story = factories.ArticleFactory(
            status=Status.PUBLISHED,
            section=self.sections[0],
            featured_image=self.images[0],
            publication_at=timezone.now() - datetime.timedelta(minutes=1),
        )
        story.tags.add("Tin riêng")
        story.authors.add(self.author)
        return story

    def url(self, page):
        if page == "story with a tag of its own":
            return self.story_with_a_tag_of_its_own().get_absolute_url()
        return {
            "home": "/",
            "section": "/khoa-hoc/",
            "child section": "/khoa-hoc/cong-nghe/",
            "tag": "/tag/giao-thong/",
            "author": "/tac-gia/thanhtung/",
            "story": self.first.get_absolute_url(),
        }[page]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", list(CEILINGS))
def test_page_runs_the_same_few_queries_with_5_and_with_200_stories(
    client,
    site_settings,
    author,
    parent_section,
    child_section,
    page,
    django_assert_max_num_queries,
):
    newsroom = Newsroom(site_settings, author, parent_section, child_section)
    newsroom.add(5)
    url = newsroom.url(page)
    client.get(url)  # settings and content types cached, as on a live site

    few = queries(client, url)
    newsroom.add(195)
    with django_assert_max_num_queries(CEILINGS[page]):
        client.get(url)
    many = queries(client, url)

    assert few == many
    assert Article.objects.public().count() >= 200
