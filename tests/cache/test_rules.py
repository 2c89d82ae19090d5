"""Each invalidation rule, with every cache layer on (whole pages, parts of pages and this
process's copies): a change readers should see is on the very next request once it is
committed, on the page that shows it directly and on another page that shows it too (the
home page, the menu, another story's "latest" box). Every page is first served from the
cache, so that a page made afresh anyway proves nothing."""

import datetime
import html
import re

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Status
from newsroom.models import SiteSettings
from tests import factories

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]


def page(reader, path):
    response = reader.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def kept(reader, *paths):
    """Each page served from the cache, as on a busy site."""
    for path in paths:
        reader.get(path)
        assert reader.get(path)["X-Page-Cache"] == "hit", path


def latest_box(reader, path):
    """The titles in the "latest news" box of a story's page, as readers see them."""
    shown = page(reader, path)
    if 'aria-labelledby="latest-title"' not in shown:
        return []  # no other story to list
    box = shown.split('aria-labelledby="latest-title"', 1)[1].split("</section>")[0]
    return re.findall(r'class="card__title"><a [^>]*>([^<]*)</a>', box)


@pytest.fixture
def neighbour(section):
    """Another public story, older: its page's "latest" box lists the newer ones."""
    return story(
        title="Tin cũ hơn",
        section=section,
        at=timezone.now() - datetime.timedelta(days=1),
    )


# Stories ----------------------------------------------------------------------------------


def test_a_story_published(reader, section, neighbour, editor, commit):
    draft = story(state=Status.IN_REVIEW, title="Cầu Long Biên đóng cửa", section=section)
    kept(reader, "/", neighbour.get_absolute_url())
    assert reader.get(draft.get_absolute_url()).status_code == 404

    with commit():
        workflow.transition(draft, "publish", editor)

    assert "Cầu Long Biên đóng cửa" in page(reader, draft.get_absolute_url())
    assert "Cầu Long Biên đóng cửa" in page(reader, "/")
    assert "Cầu Long Biên đóng cửa" in latest_box(reader, neighbour.get_absolute_url())


def test_a_story_edited(reader, section, neighbour, commit):
    article = story(title="Giá xăng tăng nhẹ", section=section)
    old_address = article.get_absolute_url()
    kept(reader, old_address, "/", neighbour.get_absolute_url())

    with commit():
        article.title = "Giá xăng giảm mạnh"
        article.save()

    assert "Giá xăng giảm mạnh" in page(reader, article.get_absolute_url())
    moved = reader.get(old_address)
    assert moved.status_code == 301 and moved["Location"] == article.get_absolute_url()
    home = page(reader, "/")
    assert "Giá xăng giảm mạnh" in home and "Giá xăng tăng nhẹ" not in home
    assert "Giá xăng giảm mạnh" in latest_box(reader, neighbour.get_absolute_url())
    assert "Giá xăng tăng nhẹ" not in latest_box(reader, neighbour.get_absolute_url())


def test_a_story_withdrawn_to_a_draft(reader, section, neighbour, commit):
    article = story(title="Tin sai sự thật", section=section)
    kept(reader, article.get_absolute_url(), "/", neighbour.get_absolute_url())

    with commit():
        article.status = Status.DRAFT
        article.save()

    assert reader.get(article.get_absolute_url()).status_code == 404
    assert "Tin sai sự thật" not in page(reader, "/")
    assert "Tin sai sự thật" not in latest_box(reader, neighbour.get_absolute_url())


def test_a_story_deleted(reader, section, neighbour, commit):
    article = story(title="Tin sai sự thật", section=section)
    address = article.get_absolute_url()
    kept(reader, address, "/", neighbour.get_absolute_url())

    with commit():
        article.delete()

    assert reader.get(address).status_code == 404
    assert "Tin sai sự thật" not in page(reader, "/")
    assert "Tin sai sự thật" not in latest_box(reader, neighbour.get_absolute_url())


def test_a_scheduled_story_goes_live_at_its_minute(reader, section):
    # Ahead of the real time: a clock only ever moves forward.
    goes_live = (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    second = datetime.timedelta(seconds=1)
    with time_machine.travel(goes_live - datetime.timedelta(hours=2), tick=False) as clock:
        neighbour = story(title="Tin cũ hơn", section=section)
        scheduled = story(title="Kết quả bầu cử", section=section, at=goes_live)

        clock.move_to(goes_live - second)
        kept(reader, "/", neighbour.get_absolute_url())
        assert reader.get(scheduled.get_absolute_url()).status_code == 404
        assert "Kết quả bầu cử" not in page(reader, "/")
        assert "Kết quả bầu cử" not in latest_box(reader, neighbour.get_absolute_url())

        clock.move_to(goes_live)  # nobody saves anything
        assert "Kết quả bầu cử" in page(reader, scheduled.get_absolute_url())
        assert "Kết quả bầu cử" in page(reader, "/")
        assert "Kết quả bầu cử" in latest_box(reader, neighbour.get_absolute_url())


# What stories show ------------------------------------------------------------------------


def test_a_storys_tags_added(reader, section, commit):
    tagged = story(title="Bão số 3 vào bờ", section=section, tags=["Thời tiết"])
    article = story(title="Nắng nóng kéo dài", section=section)
    kept(reader, article.get_absolute_url(), "/tag/thoi-tiet/", tagged.get_absolute_url())
    assert "Thời tiết" not in page(reader, article.get_absolute_url())

    with commit():
        article.tags.add("Thời tiết")

    assert 'rel="tag">Thời tiết<' in page(reader, article.get_absolute_url())
    assert "Nắng nóng kéo dài" in page(reader, "/tag/thoi-tiet/")
    # The story it now shares a tag with lists it among its related stories.
    related = page(reader, tagged.get_absolute_url()).split('id="related-title"', 1)[1]
    assert "Nắng nóng kéo dài" in related.split("</section>")[0]


def test_a_tag_renamed(reader, section, commit):
    article = story(section=section, tags=["Giao thong"])
    other = story(section=section, tags=["Giao thong"])
    tag_page = "/tag/giao-thong/"
    kept(reader, article.get_absolute_url(), other.get_absolute_url(), tag_page)

    with commit():
        tag = article.tags.get()
        tag.name = "Giao thông"
        tag.save()

    for path in (article.get_absolute_url(), other.get_absolute_url(), tag_page):
        shown = page(reader, path)
        assert "Giao thông" in shown and "Giao thong" not in shown, path


def test_a_source_renamed(reader, section, commit):
    source = factories.SourceFactory(name="kienthuc.net.vn")
    article = story(section=section, source=source)
    other = story(section=section, source=source)
    kept(reader, article.get_absolute_url(), other.get_absolute_url())
    assert "kienthuc.net.vn" in page(reader, article.get_absolute_url())

    with commit():
        source.name = "Báo Kiến Thức"
        source.save()

    for path in (article.get_absolute_url(), other.get_absolute_url()):
        shown = page(reader, path)
        assert "Nguồn: Báo Kiến Thức" in shown and "kienthuc.net.vn" not in shown, path


def test_a_featured_images_caption_changed(reader, section, commit, media_root):
    photo = factories.ImageFactory(caption="Cầu Thê Húc buổi sáng")
    article = story(section=section, featured_image=photo)
    other = story(section=section, featured_image=photo)
    kept(reader, article.get_absolute_url(), other.get_absolute_url())
    assert "Cầu Thê Húc buổi sáng" in page(reader, article.get_absolute_url())

    with commit():
        photo.caption = "Cầu Thê Húc lúc hoàng hôn"
        photo.save()

    for path in (article.get_absolute_url(), other.get_absolute_url()):
        shown = page(reader, path)
        assert "Cầu Thê Húc lúc hoàng hôn" in shown and "buổi sáng" not in shown, path


def test_an_authors_name_changed(reader, section, author, commit):
    article = story(section=section, authors=[author])
    other = story(section=section, authors=[author])
    author_page = "/tac-gia/thanhtung/"
    kept(reader, article.get_absolute_url(), other.get_absolute_url(), author_page)
    assert 'rel="author">Thanh Tùng<' in page(reader, article.get_absolute_url())

    with commit():
        author.last_name = "Tâm"
        author.save()

    for path in (article.get_absolute_url(), other.get_absolute_url(), author_page):
        shown = page(reader, path)
        assert "Thanh Tâm" in shown and "Thanh Tùng" not in shown, path


# Every page's header and footer -----------------------------------------------------------


def test_a_section_renamed(reader, section, neighbour, commit):
    article = story(title="Họp báo Chính phủ", section=section)
    paths = ["/", article.get_absolute_url(), neighbour.get_absolute_url(), "/thoi-su/"]
    kept(reader, *paths)

    with commit():
        section.name = "Chính trị"
        section.save()

    for path in paths:
        shown = page(reader, path)
        # In the menu, and wherever a story's section is named (its cards, its page).
        assert '<a href="/thoi-su/">Chính trị</a>' in shown, path
        assert "Thời sự" not in shown, path


def test_the_hotline_changed(reader, section, neighbour, commit):
    paths = ["/", neighbour.get_absolute_url(), "/thoi-su/"]
    kept(reader, *paths)

    with commit():
        row = SiteSettings.load()
        row.hotline = "024.3333.4444"
        row.save()

    for path in paths:
        shown = page(reader, path)
        header = shown.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert "024.3333.4444" in header and "0904.164.838" not in shown, path


def test_a_masthead_added(reader, section, neighbour, commit):
    paths = ["/", neighbour.get_absolute_url(), "/thoi-su/"]
    kept(reader, *paths)

    with commit():
        factories.masthead(
            governing_body="Bộ Khoa học và Công nghệ",
            licence_number="456/GP-BTTTT",
            licence_date=datetime.date(2024, 1, 2),
            editor_in_chief="Lê Văn An",
            effective_from=timezone.localdate(),
        )

    for path in paths:
        footer = page(reader, path).split('<footer class="site-footer">', 1)[1]
        assert "Bộ Khoa học và Công nghệ" in footer and "Lê Văn An" in footer, path
        assert "Trần Văn Bình" not in footer, path
