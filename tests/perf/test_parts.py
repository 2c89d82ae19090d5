"""The parts of the reader's pages (``{% part %}``, ``articles.parts``) change how fast
pages are made, never what they show: the same HTML with them kept or not, cold or warm; a
part is made once, then served from the store without a query; a change readers should see
is on the very next page once committed; a scheduled story joins the kept lists at its
minute; "most read" ranks the views once per ``PAGE_CACHE_TIMEOUT``, yet a story withdrawn
meanwhile leaves the box at once; a preview keeps nothing; without the cache the pages are
simply made afresh; a part's name misspelt in a template is an error, not a blank."""

import datetime
import pickle
from contextlib import contextmanager

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from articles.preview import signed_preview_url
from newsroom.caching import store, tags
from newsroom.caching.http import cached_page
from tests.site.conftest import story, views

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


@pytest.fixture
def newsroom(author, parent_section, child_section, other_section):
    """A dozen public stories across sections, with a tag, an author and views."""
    stories = [
        story(
            title=f"Tin số {n}",
            section=[parent_section, child_section, other_section][n % 3],
            tags=["Giao thông"],
            authors=[author],
            hours_ago=n + 1,
            featured_on_home=n < 2,
        )
        for n in range(12)
    ]
    for number, article in enumerate(stories):
        views(article, 100 - number)
    return stories


@pytest.fixture(params=["parts", "pages and parts"])
def layers(request, settings, fragment_cache):
    """The parts of pages kept; then also whole pages, as readers get them."""
    settings.PAGE_CACHE = request.param == "pages and parts"
    return request.param


def addresses(stories):
    return [
        "/",
        "/khoa-hoc/",
        "/khoa-hoc/cong-nghe/",
        "/the-thao/",
        "/tag/giao-thong/",
        "/tac-gia/thanhtung/",
        "/tim-kiem/?q=tin",
        stories[0].get_absolute_url(),
        stories[5].get_absolute_url(),
    ]


def text(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def box(page):
    """The "most read" box of ``page`` (its HTML)."""
    return page.split('id="most-read-title"', 1)[1].split("</section>", 1)[0]


def most_read_box(client, address="/"):
    return box(text(client, address))


def test_pages_are_the_same_with_the_parts_kept_or_not_cold_and_warm(client, settings, newsroom):
    settings.FRAGMENT_CACHE = False
    off = {address: text(client, address) for address in addresses(newsroom)}
    settings.FRAGMENT_CACHE = True
    cold = {address: text(client, address) for address in addresses(newsroom)}
    warm = {address: text(client, address) for address in addresses(newsroom)}

    for address in off:
        assert cold[address] == off[address], address
        assert warm[address] == off[address], address


# A part is made once --------------------------------------------------------------------


def a_readers_page(source, **context):
    """A reader's page (``cached_page``) showing only ``source``, a template using
    ``{% part %}``."""
    template = Template("{% load parts %}" + source)

    @cached_page
    def page(request):
        return HttpResponse(template.render(RequestContext(request, context)))

    return lambda: page(RequestFactory().get("/"))


# Each part as a template shows it, and the part's own template.
PARTS = {
    "header": ('{% part "header" %}', "includes/header.html"),
    "footer": ('{% part "footer" %}', "includes/footer.html"),
    "card": (
        '{% part "card" story=article size="tile" show_meta=True show_lead=True %}',
        "includes/story_card.html",
    ),
    "story": ('{% part "story" article=article %}', "articles/includes/story.html"),
    "story_meta": ('{% part "story_meta" article=article %}', "includes/seo_meta.html"),
    "related": ('{% part "related" article=article %}', "articles/includes/related.html"),
    "latest": ('{% part "latest" but=article.pk %}', "articles/includes/latest.html"),
    "most_read": ('{% part "most_read" %}', "includes/most_read.html"),
    "most_read of a section": (
        '{% part "most_read" section=section.pk but=article.pk %}',
        "includes/most_read.html",
    ),
}


@contextmanager
def rendered():
    """The names of the templates rendered in the block, and the queries run."""
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        with CaptureQueriesContext(connection) as queries:
            yield names, queries
    finally:
        template_rendered.disconnect(record)


@pytest.mark.usefixtures("fragment_cache")
@pytest.mark.parametrize("name", list(PARTS))
def test_a_part_is_made_once_then_served_from_the_store(newsroom, parent_section, name):
    source, template = PARTS[name]
    article = Article.objects.with_cards().get(pk=newsroom[3].pk)
    page = a_readers_page(source, article=article, section=parent_section)

    with rendered() as (cold_templates, cold_queries):
        made = page()
    with rendered() as (warm_templates, warm_queries):
        served = page()

    assert made.status_code == 200
    assert template in cold_templates
    assert len(cold_queries) > 0  # made from the database
    assert served.content == made.content
    assert template not in warm_templates
    assert len(warm_queries) == 0, [query["sql"] for query in warm_queries]


def templates(response):
    return {template.name for template in response.templates}


@pytest.mark.usefixtures("fragment_cache")
def test_a_part_made_for_one_page_is_served_on_another(client, newsroom):
    home = client.get("/")
    search = client.get("/tim-kiem/?q=tin")
    story = client.get(newsroom[0].get_absolute_url())

    shared = {"includes/most_read.html", "includes/footer.html"}
    assert shared <= templates(home)
    assert not shared & templates(search)  # the site's "most read" box, and the footer
    assert "includes/most_read.html" in templates(story)  # its box leaves the story out
    assert "includes/footer.html" not in templates(story)
    assert box(home.content.decode()) == box(search.content.decode())


# A misspelt name ------------------------------------------------------------------------


@pytest.mark.parametrize("kept", [False, True], ids=["parts not kept", "parts kept"])
def test_a_misspelt_part_name_is_an_error_when_the_template_renders(settings, kept):
    settings.FRAGMENT_CACHE = kept
    template = Template('{% load parts %}{% part "no_such_part" %}')

    with pytest.raises(TemplateSyntaxError, match="no_such_part"):
        template.render(Context())
    with pytest.raises(TemplateSyntaxError, match="no_such_part"):
        a_readers_page('{% part "no_such_part" %}')()


@pytest.mark.parametrize(
    "source", ["{% part %}", '{% part "latest" 3 %}', '{% part "latest" but %}']
)
def test_a_part_without_a_name_or_with_an_argument_unnamed_does_not_compile(source):
    with pytest.raises(TemplateSyntaxError, match="part"):
        Template("{% load parts %}" + source)


# Changes ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("fragment_cache")
def test_a_withdrawn_story_leaves_every_kept_list_once_committed(client, newsroom, commit):
    most_read = newsroom[0]
    shown_on = ["/", "/khoa-hoc/", "/tag/giao-thong/", "/tac-gia/thanhtung/"]
    for address in [*shown_on, newsroom[5].get_absolute_url()]:
        assert most_read.title in text(client, address), address

    with commit():
        most_read.status = Status.WITHDRAWN
        most_read.save()

    for address in shown_on:
        assert most_read.title not in text(client, address), address
    assert most_read.title not in text(client, newsroom[5].get_absolute_url())


@pytest.mark.usefixtures("fragment_cache")
def test_a_story_published_meanwhile_shows_once_committed(client, newsroom, child_section, commit):
    text(client, "/")
    text(client, newsroom[3].get_absolute_url())
    draft = story("in_review", title="Cầu Long Biên đóng cửa", section=child_section)

    with commit():
        draft.status = Status.PUBLISHED
        draft.publication_at = timezone.now() - datetime.timedelta(minutes=1)
        draft.save()

    assert draft.title in text(client, "/")
    assert draft.title in text(client, "/khoa-hoc/")
    assert draft.title in text(client, newsroom[3].get_absolute_url())  # "latest"


@pytest.mark.usefixtures("fragment_cache")
def test_an_edited_title_shows_on_every_card_once_committed(client, newsroom, commit):
    article = newsroom[1]
    text(client, "/")
    text(client, newsroom[4].get_absolute_url())
    text(client, article.get_absolute_url())

    with commit():
        article.title = "Tiêu đề đã sửa"
        article.save()

    assert "Tiêu đề đã sửa" in text(client, "/")
    assert "Tiêu đề đã sửa" in text(client, newsroom[4].get_absolute_url())
    assert "Tiêu đề đã sửa" in text(client, article.get_absolute_url())


@pytest.mark.usefixtures("fragment_cache")
def test_a_scheduled_story_joins_the_kept_lists_at_its_minute(client, newsroom, child_section):
    live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=2)
    scheduled = story("scheduled", title="Tin hẹn giờ", section=child_section, at=live_at)
    pages = ["/", "/khoa-hoc/", "/khoa-hoc/cong-nghe/", newsroom[2].get_absolute_url()]

    with time_machine.travel(live_at - datetime.timedelta(seconds=1), tick=False):
        for address in pages:
            assert scheduled.title not in text(client, address), address
    with time_machine.travel(live_at, tick=False):
        for address in pages:
            assert scheduled.title in text(client, address), address


# "Most read" --------------------------------------------------------------------------------


@pytest.mark.usefixtures("layers")
def test_most_read_is_ranked_once_per_page_cache_timeout_whatever_views_come_in(
    client, newsroom, settings
):
    rising = newsroom[11]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        before = most_read_box(client)
        assert rising.title not in before
    views(rising, 10_000)
    for seconds in (1, 60, settings.PAGE_CACHE_TIMEOUT - 1):
        with time_machine.travel(start + datetime.timedelta(seconds=seconds), tick=False):
            assert most_read_box(client) == before, seconds

    with time_machine.travel(start + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT + 1)):
        shown = most_read_box(client)
    assert shown.index(rising.title) < shown.index(newsroom[0].title)


@pytest.mark.usefixtures("layers")
def test_a_story_withdrawn_meanwhile_leaves_most_read_at_once(client, newsroom, settings, commit):
    rising, withdrawn = newsroom[11], newsroom[1]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        before = most_read_box(client)
    views(rising, 10_000)

    with time_machine.travel(start + datetime.timedelta(seconds=100), tick=False):
        with commit():
            withdrawn.status = Status.WITHDRAWN
            withdrawn.save()
        after = most_read_box(client)

    assert withdrawn.title in before
    assert withdrawn.title not in after
    # The ranking is the one kept: the views since count at its end, not now.
    assert rising.title not in after
    assert after.count('class="most-read__item"') == 8


@pytest.mark.usefixtures("layers")
def test_most_read_follows_the_views_within_the_page_cache_timeout_whatever_changed(
    client, newsroom, settings, commit
):
    # A change meanwhile makes the box again, from the ranking kept: the box must not
    # outlive the ranking it shows.
    rising = newsroom[11]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        most_read_box(client)
    views(rising, 10_000)
    with time_machine.travel(start + datetime.timedelta(seconds=200), tick=False):
        with commit():
            newsroom[4].title = "Tiêu đề đã sửa"
            newsroom[4].save()
        assert rising.title not in most_read_box(client)

    due = start + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT + 1)
    with time_machine.travel(due, tick=False):
        shown = most_read_box(client)
    assert rising.title in shown
    assert shown.index(rising.title) < shown.index(newsroom[0].title)


@pytest.mark.usefixtures("layers")
def test_while_one_request_ranks_most_read_afresh_the_others_show_the_last_ranking(
    client, newsroom, settings
):
    rising = newsroom[11]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        before = most_read_box(client)
    views(rising, 10_000)
    due = start + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT + 1)
    with time_machine.travel(due, tick=False):
        day = f"{timezone.localdate():%Y%m%d}"
        making = f"{store.key(f'most-read:site:{day}')}:making"
        # Another server is ranking them right now.
        assert cache.add(making, 1, 60)
        assert most_read_box(client) == before
        cache.delete(making)

        after = most_read_box(client)
    assert after.index(rising.title) < after.index(newsroom[0].title)


@pytest.mark.usefixtures("layers")
def test_the_kept_most_read_box_closes_up_behind_a_withdrawn_story(client, newsroom, commit):
    before = most_read_box(client)
    assert before.count('class="most-read__item"') == 8
    with commit():
        newsroom[1].status = Status.WITHDRAWN
        newsroom[1].save()

    after = most_read_box(client)
    assert newsroom[1].title not in after
    assert after.count('class="most-read__item"') == 8
    assert newsroom[8].title in after and newsroom[8].title not in before


# Previews ---------------------------------------------------------------------------------


def everything_kept():
    """Every entry in the cache and in this process's copies, as bytes."""
    kept = [pickle.loads(value) for value in cache._cache.values()]  # noqa: S301 - ours
    kept += [entry for entry, _size in store.near.entries.values()]
    return b"".join(pickle.dumps(value) for value in kept)


@pytest.mark.usefixtures("layers")
@pytest.mark.parametrize("how", ["editor", "signed link"])
@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled"])
def test_a_preview_renders_its_parts_fresh_and_keeps_nothing(
    client, client_for, editor, newsroom, child_section, state, how
):
    for address in addresses(newsroom):  # every reader's part kept
        text(client, address)
    assert newsroom[0].title.encode() in everything_kept()  # what is kept can be seen
    unpublished = story(
        state,
        title="Bản thảo tuyệt mật",
        lead="Tóm tắt chưa đăng.",
        body="<p>Nội dung chưa đăng.</p>",
        section=child_section,
        tags=["Giao thông"],
    )
    if how == "editor":
        preview = client_for(editor).get(reverse("articles:preview", args=[unpublished.pk]))
    else:
        preview = client_for(None).get(signed_preview_url(unpublished))

    assert preview.status_code == 200
    shown = preview.content.decode()
    assert "Bản thảo tuyệt mật" in shown and "Nội dung chưa đăng." in shown
    for secret in ("Bản thảo tuyệt mật", "Tóm tắt chưa đăng.", "Nội dung chưa đăng."):
        assert secret.encode() not in everything_kept(), secret
    assert client.get(unpublished.get_absolute_url()).status_code == 404
    for address in addresses(newsroom):
        assert "Bản thảo tuyệt mật" not in text(client, address), address
    if state == "scheduled":  # at its time, readers get the story as readers see it
        with time_machine.travel(unpublished.publication_at, tick=False):
            shown = text(client, unpublished.get_absolute_url())
        assert "Nội dung chưa đăng." in shown
        assert "preview-banner" not in shown and "data-view-beacon" in shown


@pytest.mark.usefixtures("fragment_cache")
def test_a_preview_never_shows_a_kept_part(client, client_for, editor, newsroom):
    article = newsroom[2]
    text(client, article.get_absolute_url())  # the story kept as readers see it
    # A change the cache was not told of (an update that skipped the signals).
    Article.objects.filter(pk=article.pk).update(lead="Tóm tắt mới chưa công bố")

    preview = client_for(editor).get(reverse("articles:preview", args=[article.pk]))

    assert "Tóm tắt mới chưa công bố" in preview.content.decode()


# Without the cache ------------------------------------------------------------------------


@pytest.mark.usefixtures("layers")
def test_without_the_cache_pages_are_made_afresh(client, settings, newsroom, monkeypatch):
    pages_kept = settings.PAGE_CACHE
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = False
    expected = {address: text(client, address) for address in addresses(newsroom)}
    settings.PAGE_CACHE, settings.FRAGMENT_CACHE = pages_kept, True
    for address in addresses(newsroom):  # kept while the cache was there
        text(client, address)
    monkeypatch.setattr(tags, "read", lambda extra=(): (None, {}))

    for address in addresses(newsroom):
        assert text(client, address) == expected[address], address
        assert text(client, address) == expected[address], address  # nothing kept meanwhile

    newsroom[1].title = "Tiêu đề mới"
    newsroom[1].save()  # never committed: no new version, yet seen at once
    assert "Tiêu đề mới" in text(client, "/")
    assert "Tiêu đề mới" in text(client, "/tag/giao-thong/")
    assert "Tiêu đề mới" in text(client, newsroom[1].get_absolute_url())
