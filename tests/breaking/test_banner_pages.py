"""The banner on every reader page, with every cache layer on as in production: it is on
the next request after an editor saves it, and it leaves at its end time by the clock,
with nobody saving anything."""

import datetime
import html

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles.models import Status
from breaking.models import Level
from tests import factories

from .conftest import banner

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("caches_on", "site")]

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def pages(public_story, section):
    return ["/", f"/{section.slug}/", public_story.get_absolute_url(), "/tim-kiem/?q=bao"]


def shown(reader, path):
    response = reader.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def kept(reader, *paths):
    for path in paths:
        reader.get(path)
        assert reader.get(path)["X-Page-Cache"] == "hit", path


def region(page):
    """The banner region of a page, or None."""
    if 'class="breaking"' not in page:
        return None
    return page.split('class="breaking"', 1)[1].split("</div>", 1)[0]


def test_a_saved_banner_is_on_every_page_at_once(reader, pages, commit):
    kept(reader, *pages)
    assert all(region(shown(reader, path)) is None for path in pages)

    with commit():
        banner(text="Động đất mạnh ở Sơn La")

    for path in pages:
        shown_region = region(shown(reader, path))
        assert shown_region is not None, path
        assert "Động đất mạnh ở Sơn La" in html.unescape(shown_region)
        assert 'role="region"' in shown_region


def test_a_banner_leaves_at_its_end_with_nobody_saving(reader, pages, commit):
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        with commit():
            banner(text="Cháy lớn", starts=0, ends=30)
        kept(reader, *pages)
        assert all("Cháy lớn" in shown(reader, path) for path in pages)
    with time_machine.travel(now + 30 * MINUTE - datetime.timedelta(seconds=1), tick=False):
        assert all("Cháy lớn" in shown(reader, path) for path in pages)
    with time_machine.travel(now + 30 * MINUTE, tick=False):
        assert not any("Cháy lớn" in shown(reader, path) for path in pages)


def test_a_scheduled_banner_appears_at_its_start_with_nobody_saving(reader, pages, commit):
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        with commit():
            banner(text="Sắp công bố kết quả", starts=10, ends=60)
        kept(reader, *pages)
        assert not any("Sắp công bố" in shown(reader, path) for path in pages)
    with time_machine.travel(now + 10 * MINUTE, tick=False):
        assert all("Sắp công bố" in shown(reader, path) for path in pages)


def test_the_banner_links_to_its_public_story(reader, public_story, commit):
    with commit():
        banner(text="Bão số 9", article=public_story)
    assert f'href="{public_story.get_absolute_url()}"' in region(shown(reader, "/"))


def test_a_withdrawn_story_loses_its_link_but_the_text_stays(reader, public_story, commit):
    with commit():
        banner(text="Bão số 9", article=public_story)
    kept(reader, "/")
    with commit():
        public_story.status = Status.WITHDRAWN
        public_story.save()
    shown_region = region(shown(reader, "/"))
    assert "Bão số 9" in shown_region
    assert "href=" not in shown_region


def test_a_story_not_yet_public_is_not_linked(reader, section, commit):
    scheduled = factories.ArticleFactory(
        section=section,
        status=Status.PUBLISHED,
        publication_at=timezone.now() + datetime.timedelta(hours=1),
    )
    draft = factories.ArticleFactory(section=section)
    with commit():
        banner(text="Lịch", article=scheduled)
        banner(text="Nháp", article=draft, level=Level.DEVELOPING)
    shown_region = region(shown(reader, "/"))
    assert "Lịch" in shown_region and "Nháp" in shown_region
    assert "href=" not in shown_region


def test_the_text_is_escaped(reader, commit):
    with commit():
        banner(text='<script>alert("x")</script> & "trích" </div>')
    page = shown(reader, "/")
    assert "<script>alert" not in page
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;trích&quot; &lt;/div&gt;"
        in page
    )


def test_the_region_is_labelled_tin_nong_in_vietnamese(reader, commit):
    with commit():
        banner()
    page = shown(reader, "/")
    label = region(page).split('aria-label="', 1)[1].split('"', 1)[0]
    # "Tin nóng" once the translator has run (English msgid "Breaking news").
    with translation.override("vi"):
        assert html.unescape(label) == translation.gettext("Breaking news")


def test_at_most_two_banners_breaking_first_newest_first(reader, commit):
    with commit():
        banner(text="Thứ ba", starts=-30)
        banner(text="Đang diễn biến", level=Level.DEVELOPING, starts=-1)
        banner(text="Mới nhất", starts=-5)
    shown_region = region(shown(reader, "/"))
    assert "Mới nhất" in shown_region and "Thứ ba" in shown_region
    assert "Đang diễn biến" not in shown_region
    assert shown_region.index("Mới nhất") < shown_region.index("Thứ ba")


def test_the_colour_follows_the_level(reader, commit):
    with commit():
        banner(text="A", level=Level.DEVELOPING)
    assert "breaking__item--developing" in region(shown(reader, "/"))


def test_a_page_reads_the_same_queries_with_1_and_with_20_banners(reader, public_story, commit):
    def made_afresh():
        with commit():
            banner(text="Thêm", article=public_story)
        with CaptureQueriesContext(connection) as made:
            assert reader.get("/")["X-Page-Cache"] != "hit"
        with CaptureQueriesContext(connection) as warm:
            assert reader.get("/")["X-Page-Cache"] == "hit"
        assert len(warm) == 0
        return len(made)

    made_afresh()  # the page's other parts kept: what remains is the banner's own cost
    with_one = made_afresh()
    with commit():
        for n in range(19):
            banner(text=f"Tin {n}", article=public_story)
    assert made_afresh() == with_one


@pytest.mark.usefixtures("reader_caches")
def test_the_banner_with_caches_off_and_on(reader, pages, commit):
    with commit():
        banner(text="Mưa lớn ở Huế", level=Level.DEVELOPING)
    for path in pages:
        assert "Mưa lớn ở Huế" in shown(reader, path), path
