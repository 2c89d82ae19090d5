"""What readers see, with the caches off and with every cache layer on (as in production):
update notes above the story, corrections at its end, each with its time; the story's
JSON-LD; and /dinh-chinh/, the newsroom's corrections, newest first."""

import datetime
import html
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from corrections.models import Kind
from newsroom.caching.store import near
from tests import factories

from .conftest import correct

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site", "reader_caches")]

INDEX = "/dinh-chinh/"


@pytest.fixture
def reader():
    return Client()


def page(reader, path):
    response = reader.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def json_ld(text):
    start = text.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(text[start : text.index("</script>", start)])


def warm(reader, *paths):
    for path in paths:
        reader.get(path)
        reader.get(path)


def test_update_notes_show_above_the_story_and_corrections_at_its_end(reader, public_story, commit):
    url = public_story.get_absolute_url()
    warm(reader, url)
    at = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 5), datetime.UTC)
    with commit():
        correct(public_story, text="Cập nhật số người sơ tán.", kind=Kind.UPDATE, at=at)
        correct(public_story, text="Đã sửa tên xã: Nghĩa Hành.", at=at)

    text = page(reader, url)
    body_at = text.index("Nội dung bài viết.")
    assert text.index("Cập nhật số người sơ tán.") < body_at
    # (its first copy is in the JSON-LD, in the head)
    assert text.rindex("Đã sửa tên xã: Nghĩa Hành.") > body_at
    assert text.count("02/03/2026 17:05") == 2
    assert "story-note--update" in text and "story-note--correction" in text


def test_json_ld_carries_the_correction_and_the_new_modified_time(reader, public_story, commit):
    url = public_story.get_absolute_url()
    warm(reader, url)
    before = json_ld(page(reader, url))
    assert "correction" not in before

    with commit():
        correction = correct(public_story, text='Sai số liệu </script> "200 mm"')

    after = json_ld(page(reader, url))
    assert after["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": 'Sai số liệu </script> "200 mm"',
            "datePublished": timezone.localtime(correction.at).isoformat(timespec="seconds"),
        }
    ]
    assert after["dateModified"] >= after["correction"][0]["datePublished"]
    assert after["dateModified"] > before["dateModified"]


def test_a_withdrawn_correction_leaves_the_story_and_the_list(reader, public_story, editor, commit):
    url = public_story.get_absolute_url()
    with commit():
        correction = correct(public_story, text="Nhầm ngày khởi công.")
    warm(reader, url, INDEX)
    assert "Nhầm ngày khởi công." in page(reader, url)

    with commit():
        correction.withdraw(editor, "Thông tin ban đầu là đúng")

    assert "Nhầm ngày khởi công." not in page(reader, url)
    assert "Nhầm ngày khởi công." not in page(reader, INDEX)
    assert "correction" not in json_ld(page(reader, url))
    assert correction.history.count() == 2


def test_the_list_shows_public_stories_corrections_newest_first(
    reader, public_story, section, commit
):
    other = factories.ArticleFactory(title="Cầu mới thông xe", section=section, published=True)
    now = timezone.now()
    warm(reader, INDEX)
    with commit():
        correct(public_story, text="Đính chính cũ.", at=now - datetime.timedelta(days=2))
        correct(other, text="Cập nhật mới.", kind=Kind.UPDATE, at=now)
        correct(public_story, text="Đính chính giữa.", at=now - datetime.timedelta(days=1))

    text = page(reader, INDEX)
    assert (
        text.index("Cập nhật mới.") < text.index("Đính chính giữa.") < text.index("Đính chính cũ.")
    )
    assert public_story.get_absolute_url() in text and other.get_absolute_url() in text
    assert "Cầu mới thông xe" in text


def test_a_story_taken_off_the_site_takes_its_corrections_off_the_list(
    reader, public_story, commit
):
    with commit():
        correct(public_story, text="Đính chính của bài đã gỡ.")
    warm(reader, INDEX)
    assert "Đính chính của bài đã gỡ." in page(reader, INDEX)

    with commit():
        public_story.status = "withdrawn"
        public_story.save()

    assert "Đính chính của bài đã gỡ." not in page(reader, INDEX)


def test_a_scheduled_story_and_its_time_are_not_leaked(reader, public_story, section, commit):
    with commit():
        correction = correct(public_story, text="Đính chính bài hẹn giờ.")
    scheduled = factories.ArticleFactory(
        title="Bài hẹn giờ bí mật",
        section=section,
        published=True,
        publication_at=timezone.now() + datetime.timedelta(hours=3),
    )
    # Moved there after it was corrected (a story rescheduled): still nothing shows.
    type(correction).objects.filter(pk=correction.pk).update(story=scheduled)

    text = page(reader, INDEX)
    assert "Đính chính bài hẹn giờ." not in text
    assert "Bài hẹn giờ bí mật" not in text


@pytest.mark.parametrize("number", ["0", "2", "abc", "-1", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_not_found(reader, number, public_story):
    correct(public_story)
    assert reader.get(INDEX, {"trang": number}).status_code == 404


def test_the_footer_links_to_the_corrections(reader):
    assert f'href="{INDEX}"' in page(reader, "/")


def queries(path):
    """Queries of a reader's first visit, nothing kept."""
    cache.clear()
    near.clear()
    reader = Client()
    with CaptureQueriesContext(connection) as captured:
        assert reader.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path_of", ["index", "story"])
def test_queries_do_not_grow_with_the_number_of_corrections(public_story, path_of, section):
    path = INDEX if path_of == "index" else public_story.get_absolute_url()
    others = [factories.ArticleFactory(section=section, published=True) for _ in range(12)]
    correct(public_story, kind=Kind.UPDATE)
    correct(public_story)
    correct(others[0])
    queries(path)  # the site settings made and kept, as on a live site
    few = queries(path)
    for number, story in enumerate(others):
        correct(story, text=f"Đính chính số {number}")
        correct(public_story, text=f"Cập nhật số {number}", kind=Kind.UPDATE)
        correct(public_story, text=f"Sửa lỗi số {number}")
    assert queries(path) == few
