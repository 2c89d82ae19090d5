"""What every page shows around the stories (contacts, weather, masthead, menu), and the
story page itself: its time format, byline, sapo, figure, source line, tags, sharing, and
escaping of whatever a title contains."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Source
from newsroom.models import SiteSettings
from newsroom.templatetags.newsroom import vn_datetime
from tests import factories

from .conftest import VN, box_titles, story, views

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_page(site_settings, author, parent_section, child_section):
    article = story(
        title="Tin bài mẫu", section=child_section, tags=["Giao thông"], authors=[author]
    )
    story(title="Tin bài khác", section=child_section, tags=["Giao thông"], authors=[author])
    return [
        "/",
        "/khoa-hoc/",
        "/khoa-hoc/cong-nghe/",
        f"/tag/{article.tags.get().slug}/",
        "/tac-gia/thanhtung/",
        article.get_absolute_url(),
        "/trang-khong-co/",
    ]


def test_every_page_has_the_contacts_bar_with_phone_links(client, every_page):
    for url in every_page:
        content = client.get(url).content.decode()
        assert '<a href="tel:0904164838">0904.164.838</a>' in content, url
        assert '<a href="tel:02437281575">024.3728.1575</a> (Ms Tú)' in content, url
        assert '<a href="tel:02432045452">024.3204.5452</a>' in content, url


def test_every_page_shows_the_weather(client, every_page):
    for url in every_page:
        response = client.get(url)
        content = response.content.decode()
        assert re.search(r"Hà Nội</span>\s*<span[^>]*>22°C</span><span[^>]*> / 57%", content), url


def test_weather_box_disappears_when_there_is_no_data(client, every_page, site_settings):
    site_settings.weather_temperature = None
    site_settings.save()

    for url in every_page:
        content = client.get(url).content.decode()
        assert 'class="weather"' not in content, url
        assert "°C" not in content, url


def test_weather_without_humidity_shows_the_temperature_alone(client, site_settings):
    site_settings.weather_humidity = None
    site_settings.save()

    response = client.get("/")

    assertContains(response, "22°C</span>")
    assertNotContains(response, "57%")


def test_header_bar_is_left_out_when_the_site_has_no_contacts_or_weather(client, db):
    SiteSettings(site_name="Trang trống").save()

    assertNotContains(client.get("/"), 'class="topbar"')


def test_every_page_has_the_masthead_the_law_asks_for(client, every_page):
    for url in every_page:
        response = client.get(url)
        content = response.content.decode()
        header, footer = content.split("<main", 1)[0], content.rsplit("</main>", 1)[1]
        assert "Báo Khoa học Đời sống" in header, url
        assert "Liên hiệp các Hội Khoa học Việt Nam" in header, url
        for fact in [
            "Liên hiệp các Hội Khoa học Việt Nam",
            "123/GP-BTTTT",
            "04/03/2021",
            "Bộ Thông tin và Truyền thông",
            "Trần Văn Bình",
            "Số 1 phố Quang Trung, Hà Nội",
            'href="tel:0904164838"',
            'href="tel:02432045452"',
            '<a href="mailto:toasoan@baokhoahoc.vn">toasoan@baokhoahoc.vn</a>',
        ]:
            assert fact in footer, (url, fact)


def test_every_page_is_vietnamese_with_landmarks_and_a_skip_link(client, every_page):
    for url in every_page:
        content = client.get(url).content.decode()
        assert '<html lang="vi">' in content
        assert '<a class="skip-link" href="#main">' in content
        assert '<main id="main"' in content
        for landmark in ["<header", "<nav", "<footer"]:
            assert landmark in content, (url, landmark)


def test_every_picture_has_its_size_so_nothing_shifts(client, every_page, child_section):
    image = factories.ImageFactory()
    story(title="Tin có ảnh", section=child_section, featured_image=image, featured_on_home=True)
    for url in every_page:
        content = client.get(url).content.decode()
        for tag in re.findall(r"<img\b[^>]*>", content):
            assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag), tag


def test_menu_shows_menu_sections_with_their_children(client, site_settings, child_section):
    factories.SectionFactory(name="Mục ẩn khỏi menu", show_in_menu=False)
    factories.SectionFactory(name="Mục ngừng hoạt động", is_active=False)

    response = client.get("/")

    assertContains(response, '<a href="/khoa-hoc/">Khoa học</a>')
    assertContains(response, '<a href="/khoa-hoc/cong-nghe/">Công nghệ</a>')
    assertNotContains(response, "Mục ẩn khỏi menu")
    assertNotContains(response, "Mục ngừng hoạt động")


def test_menu_marks_the_section_being_read(client, child_section):
    article = story(section=child_section)

    for url in ["/khoa-hoc/", "/khoa-hoc/cong-nghe/", article.get_absolute_url()]:
        assertContains(client.get(url), 'href="/khoa-hoc/" aria-current="page"')


@pytest.mark.parametrize(
    ("utc", "shown"),
    [
        (datetime.datetime(2021, 11, 15, 10, 44, tzinfo=datetime.UTC), "15/11/2021 17:44 (GMT+7)"),
        (datetime.datetime(2021, 12, 31, 17, 5, tzinfo=datetime.UTC), "01/01/2022 00:05 (GMT+7)"),
        (datetime.datetime(2022, 1, 1, 16, 59, tzinfo=datetime.UTC), "01/01/2022 23:59 (GMT+7)"),
    ],
)
def test_publication_time_is_shown_in_vietnam_time(client, utc, shown):
    article = story(at=utc)

    assert vn_datetime(utc) == shown
    assertContains(client.get(article.get_absolute_url()), f">{shown}</time>")


def test_story_shows_when_it_was_updated_after_publication(client):
    published = timezone.now() - datetime.timedelta(days=1)
    article = story(at=published)
    fresh = story(title="Tin chưa sửa")
    Article.objects.filter(pk=fresh.pk).update(updated_at=fresh.publication_at)
    updated = published + datetime.timedelta(hours=3)
    Article.objects.filter(pk=article.pk).update(updated_at=updated)

    response = client.get(article.get_absolute_url())

    assertContains(response, f'<time datetime="{updated.astimezone(VN).isoformat()}">')
    assertContains(response, vn_datetime(updated))
    assertNotContains(client.get(fresh.get_absolute_url()), 'class="story__updated"')


def test_story_page_reads_like_the_reference_page(client, author, parent_section, child_section):
    image = factories.ImageFactory(
        caption="Quang cảnh hội nghị", alt_text="Đại biểu trong hội trường", credit="Ảnh: Minh Anh"
    )
    article = story(
        title="Hội nghị giao ban năm 2021",
        lead="Sáng nay, hội nghị giao ban đã khai mạc.",
        body="<h2>Kết quả hoạt động</h2><p>Nội dung <strong>chính</strong>.</p>",
        section=child_section,
        featured_image=image,
        authors=[author],
        byline="Nhóm PV",
        tags=["Hội nghị", "Khoa học"],
        source=Source.objects.create(name="kienthuc.net.vn"),
        source_url="https://kienthuc.net.vn/bai-goc.html",
    )

    response = client.get(article.get_absolute_url())
    content = response.content.decode()

    assert re.search(
        r'<a href="/khoa-hoc/">Khoa học</a></li>\s*<li><a href="/khoa-hoc/cong-nghe/">', content
    )
    assertContains(response, '<h1 class="story__title">Hội nghị giao ban năm 2021</h1>')
    assertContains(response, '<a href="/tac-gia/thanhtung/" rel="author">Thanh Tùng</a> - Nhóm PV')
    assertContains(response, '<p class="story__lead">Sáng nay, hội nghị giao ban đã khai mạc.</p>')
    # The featured picture is served from its renditions, sized, with the library's alt text.
    figure = re.search(r'<figure class="story__figure">\s*<picture>(.*?)</picture>', content, re.S)
    assert figure, "no featured picture"
    assert 'type="image/webp"' in figure.group(1)
    assert 'width="64" height="48" alt="Đại biểu trong hội trường"' in figure.group(1)
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert re.search(rf'<img src="/media/renditions/[0-9/]+{stem}-64w\.jpg"', figure.group(1))
    assertContains(
        response,
        'Quang cảnh hội nghị <span class="credit-sep" aria-hidden="true">—</span> '
        '<span class="credit">Ảnh: Minh Anh</span></figcaption>',
    )
    assertContains(response, "<h2>Kết quả hoạt động</h2><p>Nội dung <strong>chính</strong>.</p>")
    assert re.search(
        r'\(\w+: <a href="https://kienthuc.net.vn/bai-goc.html"[^>]*>kienthuc.net.vn</a>\)', content
    )
    for tag in article.tags.all():
        tag_url = reverse("articles:tag", args=[tag.slug])
        assertContains(response, f'<a href="{tag_url}" rel="tag">{tag.name}</a>')
    assert (
        content.index("story__title") < content.index("story__lead") < content.index("story__body")
    )


def test_source_without_a_link_is_plain_text(client):
    article = story(source=Source.objects.create(name="TTXVN"))

    content = client.get(article.get_absolute_url()).content.decode()

    assert re.search(r'<p class="story__source">\(\w+: TTXVN\)</p>', content)


def test_story_page_offers_copy_link_and_share_links_to_its_canonical_address(client):
    article = story(title="Chia sẻ tin này")
    url = f"http://testserver{article.get_absolute_url()}"
    encoded = url.replace(":", "%3A").replace("/", "%2F")

    response = client.get(article.get_absolute_url())

    assertContains(response, f'data-copy-link="{url}"')
    assertContains(response, f'<input id="share-url" type="text" value="{url}" readonly>')
    assertContains(response, 'role="status" aria-live="polite" data-copy-status')
    assertContains(response, f"https://www.facebook.com/sharer/sharer.php?u={encoded}")
    assertContains(response, f"https://zalo.me/share?url={encoded}")
    assertContains(response, f"https://twitter.com/intent/tweet?url={encoded}&amp;text=Chia%20s")
    assertContains(
        response, f"mailto:?subject=Chia%20s%E1%BA%BB%20tin%20n%C3%A0y&amp;body={encoded}"
    )
    assertNotContains(response, '<script src="http')


def test_related_stories_share_a_tag_then_the_section_and_never_the_story_itself(
    client, parent_section, other_section
):
    article = story(title="Bài đang đọc", section=parent_section, tags=["Lúa gạo"])
    story(title="Cùng thẻ, khác mục", section=other_section, tags=["Lúa gạo"], hours_ago=30)
    story(title="Cùng mục", section=parent_section, hours_ago=20)
    story(title="Không liên quan", section=other_section, hours_ago=10)

    related = box_titles(client.get(article.get_absolute_url()), "related-title")

    assert related == ["Cùng thẻ, khác mục", "Cùng mục"]


def test_latest_and_most_read_boxes_on_the_story_page(client, parent_section):
    article = story(title="Bài đang đọc", section=parent_section, hours_ago=3)
    newer = story(title="Tin mới nhất", section=parent_section, hours_ago=1)
    views(newer, 10)
    views(article, 99)

    response = client.get(article.get_absolute_url())
    content = response.content.decode()

    assert box_titles(response, "latest-title") == ["Tin mới nhất"]
    assert box_titles(response, "most-read-title") == ["Tin mới nhất"]
    assert 'id="most-read-title"' in content
    assert 'class="card__lead">' in content.split('id="most-read-title"', 1)[1]


HOSTILE = """<script>alert("x")</script> & 'nháy' "kép" </title>"""


def test_a_hostile_title_is_escaped_on_every_page(client, site_settings, author, child_section):
    hostile = story(
        title=HOSTILE,
        lead=HOSTILE,
        section=child_section,
        tags=["Giao thông"],
        authors=[author],
        featured_on_home=True,
    )
    views(hostile, 5)
    other = story(title="Tin bình thường", section=child_section, tags=["Giao thông"])
    site_settings.ads_contact = "<b>Ms Tú</b>"
    site_settings.save()
    urls = [
        "/",
        "/khoa-hoc/",
        "/khoa-hoc/cong-nghe/",
        f"/tag/{other.tags.get().slug}/",
        "/tac-gia/thanhtung/",
        hostile.get_absolute_url(),
        other.get_absolute_url(),
    ]

    for url in urls:
        content = client.get(url).content.decode()
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;nháy&#x27;" in content
        ), url
        assert '<script>alert("x")' not in content, url
        assert "<b>Ms Tú</b>" not in content, url
        assert content.count("</title>") == 1, url


def test_story_is_not_marked_updated_for_changes_readers_cannot_see(client):
    published = timezone.now() - datetime.timedelta(days=1)
    article = story(at=published)
    Article.objects.filter(pk=article.pk).update(updated_at=published)
    article.refresh_from_db()

    article.home_order = 3
    article.featured_on_home = True
    article.save()
    assertNotContains(client.get(article.get_absolute_url()), 'class="story__updated"')

    article.lead = "Sapo đã được biên tập viên sửa lại."
    article.save()
    assertContains(client.get(article.get_absolute_url()), 'class="story__updated"')
