"""With the page cache on, every change readers should see shows on the very next
request once it is committed (never before): publishing, editing, withdrawing, a
section, a tag, a photo, an author's name, the site settings and the masthead. Changes
readers cannot see leave the cache alone."""

import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from articles import workflow
from articles.models import Article, ArticleDailyViews, Status
from newsroom.caching import store, tags
from newsroom.models import SiteSettings
from tests import factories

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]


def text(response):
    return response.content.decode()


def versions():
    """The version of every cache tag: a new one outdates every entry made under it."""
    return tags.read()[0]


def test_a_second_reader_gets_the_stored_page_without_a_query(
    reader, section, django_assert_num_queries
):
    article = story(title="Mưa lớn ở Hà Nội", section=section)

    first = reader.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = reader.get(article.get_absolute_url())

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_publishing_shows_on_every_page_once_committed(reader, section, editor, commit):
    draft = story(state=Status.IN_REVIEW, title="Cầu Long Biên đóng cửa", section=section)
    for path in ["/", "/thoi-su/", "/rss/"]:
        assert "Cầu Long Biên" not in text(reader.get(path))

    with commit():
        workflow.transition(draft, "publish", editor)
        # Not yet committed: readers still get the stored pages.
        assert "Cầu Long Biên" not in text(reader.get("/"))

    for path in ["/", "/thoi-su/", "/rss/", draft.get_absolute_url()]:
        response = reader.get(path)
        assert response.status_code == 200, path
        assert "Cầu Long Biên" in text(response), path


def test_editing_a_public_story_refreshes_its_page_and_the_lists(reader, section, commit):
    article = story(title="Giá xăng tăng nhẹ", lead="Tin cũ.", section=section)
    old_address = article.get_absolute_url()
    assert "Tin cũ." in text(reader.get(old_address))
    assert "Giá xăng tăng nhẹ" in text(reader.get("/"))

    with commit():
        article.title = "Giá xăng giảm mạnh"
        article.lead = "Tin mới."
        article.save()

    assert "Tin mới." in text(reader.get(article.get_absolute_url()))
    home = text(reader.get("/"))
    assert "Giá xăng giảm mạnh" in home and "Giá xăng tăng nhẹ" not in home
    # The old address (its slug came from the old title) now redirects to the new one.
    moved = reader.get(old_address)
    assert moved.status_code == 301 and moved["Location"] == article.get_absolute_url()


def test_withdrawing_takes_the_story_off_every_page(reader, section, editor, commit):
    article = story(title="Tin sai sự thật", section=section)
    for path in ["/", "/thoi-su/", "/rss/", article.get_absolute_url()]:
        assert reader.get(path).status_code == 200

    with commit():
        workflow.transition(article, "withdraw", editor, comment="Thông tin chưa kiểm chứng.")

    assert reader.get(article.get_absolute_url()).status_code == 404
    for path in ["/", "/thoi-su/", "/rss/", "/sitemap-news.xml"]:
        assert "Tin sai sự thật" not in text(reader.get(path)), path


def test_renaming_a_section_changes_the_menu_on_every_page(reader, section, commit):
    article = story(section=section)
    for path in ["/", article.get_absolute_url()]:
        assert "Thời sự" in text(reader.get(path))

    with commit():
        section.name = "Chính trị"
        section.save()

    for path in ["/", article.get_absolute_url(), "/thoi-su/"]:
        assert "Chính trị" in text(reader.get(path)), path


def test_a_new_section_appears_in_the_menu(reader, section, commit):
    story(section=section)
    assert "Giải trí" not in text(reader.get("/"))

    with commit():
        factories.SectionFactory(name="Giải trí", slug="giai-tri")

    assert "Giải trí" in text(reader.get("/"))


def test_tagging_a_public_story_shows_it_on_the_tag_page(reader, section, commit):
    tagged = story(title="Bão số 3 vào bờ", section=section, tags=["Thời tiết"])
    other = story(title="Nắng nóng kéo dài", section=section)
    assert "Nắng nóng" not in text(reader.get("/tag/thoi-tiet/"))
    assert "Thời tiết" not in text(reader.get(other.get_absolute_url()))

    with commit():
        other.tags.add("Thời tiết")

    assert "Nắng nóng" in text(reader.get("/tag/thoi-tiet/"))
    assert "Thời tiết" in text(reader.get(other.get_absolute_url()))
    assert "Bão số 3" in text(reader.get("/tag/thoi-tiet/"))
    assert tagged.pk


def test_renaming_a_tag_refreshes_the_stories_showing_it(reader, section, commit):
    article = story(section=section, tags=["Giao thong"])
    assert "Giao thong" in text(reader.get(article.get_absolute_url()))

    with commit():
        tag = article.tags.get()
        tag.name = "Giao thông"
        tag.save()

    assert "Giao thông" in text(reader.get(article.get_absolute_url()))


def test_a_photos_caption_in_a_public_story_refreshes_the_story(
    reader, section, commit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    photo = factories.ImageFactory(caption="Cầu Thê Húc buổi sáng")
    article = story(section=section, featured_image=photo)
    assert "Cầu Thê Húc buổi sáng" in text(reader.get(article.get_absolute_url()))

    with commit():
        photo.caption = "Cầu Thê Húc lúc hoàng hôn"
        photo.save()

    assert "lúc hoàng hôn" in text(reader.get(article.get_absolute_url()))


def test_an_authors_new_name_shows_in_the_byline(reader, section, author, commit):
    article = story(section=section, authors=[author])
    assert "Thanh Tùng" in text(reader.get(article.get_absolute_url()))

    with commit():
        author.last_name = "Tâm"
        author.save()

    assert "Thanh Tâm" in text(reader.get(article.get_absolute_url()))


def test_site_settings_and_a_new_masthead_show_at_once(reader, section, commit):
    story(section=section)
    home = text(reader.get("/"))
    assert "0904.164.838" in home and "Liên hiệp các Hội" in home

    with commit():
        settings_row = SiteSettings.load()
        settings_row.hotline = "024.3333.4444"
        settings_row.save()
        factories.masthead(
            governing_body="Bộ Khoa học và Công nghệ",
            licence_number="456/GP-BTTTT",
            licence_date=datetime.date(2024, 1, 2),
            editor_in_chief="Lê Văn An",
            effective_from=datetime.date(2024, 1, 2),
        )

    home = text(reader.get("/"))
    assert "024.3333.4444" in home and "Bộ Khoa học và Công nghệ" in home


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda draft: draft.save(), id="editing a draft"),
        pytest.param(lambda draft: draft.tags.add("Nháp"), id="tagging a draft"),
        pytest.param(lambda draft: ArticleDailyViews.record(draft.pk), id="a reader's view"),
        pytest.param(lambda draft: factories.SourceFactory(), id="a new source"),
    ],
)
def test_changes_readers_cannot_see_keep_the_stored_pages(reader, section, commit, change):
    draft = story(state=Status.DRAFT, section=section)
    story(section=section)
    reader.get("/")
    before = versions()

    with commit():
        change(draft)

    assert versions() == before
    assert reader.get("/")["X-Page-Cache"] == "hit"


def test_a_change_rolled_back_leaves_the_stored_pages(reader, section, editor, commit):
    draft = story(state=Status.IN_REVIEW, title="Tin chưa chắc", section=section)
    reader.get("/")
    before = versions()

    with commit() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        workflow.transition(draft, "publish", editor)
        raise RuntimeError("the editor's save failed half-way")

    assert callbacks == []
    assert versions() == before
    assert Article.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    home = reader.get("/")
    assert home["X-Page-Cache"] == "hit"
    assert "Tin chưa chắc" not in text(home)


def test_refresh_pages_makes_every_page_fresh(reader, section):
    article = story(section=section, title="Tin cũ")
    reader.get("/")
    Article.objects.filter(pk=article.pk).update(title="Tin nhập từ hệ thống cũ")
    assert "Tin nhập" not in text(reader.get("/"))

    call_command("refresh_pages", stdout=io.StringIO())

    assert "Tin nhập" in text(reader.get("/"))


def test_no_page_after_the_commit_shows_settings_kept_before_it(
    reader, section, django_capture_on_commit_callbacks
):
    story(section=section)
    old = SiteSettings.load()
    with django_capture_on_commit_callbacks() as callbacks:
        row = SiteSettings.objects.get()
        row.hotline = "024.3333.4444"
        row.save()
    # A reader's request between the save and the commit kept the row as it was, under
    # the versions of before the commit.
    now = time.time()
    entry = store.Entry(old, now + 300, store.under(["settings"], versions()))
    store.keep(store.key("site-settings"), entry, now)

    before = versions()
    for callback in callbacks:
        callback()
        if versions() != before:
            assert "024.3333.4444" in text(reader.get("/"))
    assert versions()["settings"] != before["settings"]
    assert "024.3333.4444" in text(reader.get("/"))
