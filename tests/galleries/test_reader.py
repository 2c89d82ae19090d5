"""What readers see of a gallery, with the caches off and with every cache layer on: its
photos in order with their captions and credits, as plain figures that need no
JavaScript; the story's main gallery at its top; nothing at all for a block that names no
gallery, a deleted or an empty one; the same few queries for 1 photo as for 10; a page
that changes when the gallery does; and the story's JSON-LD listing the photos."""

import html
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from galleries.models import GalleryImage
from tests import factories

from .conftest import block, make_gallery, story_with

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site", "reader_caches")]


@pytest.fixture
def reader():
    return Client()


def page(reader, story):
    response = reader.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def body_of(text):
    return text[text.index('<div class="story__body">') : text.index("story__footer")]


def json_ld(text):
    opening = '<script type="application/ld+json">'
    start = text.index(opening) + len(opening)
    return json.loads(text[start : text.index("</script>", start)])


def test_a_block_shows_the_gallerys_photos_in_order_with_their_captions_and_credits(reader):
    gallery = make_gallery(3)
    # The third photo moves first; the second gets a caption for this gallery only.
    GalleryImage.objects.filter(gallery=gallery, position=30).update(position=1)
    GalleryImage.objects.filter(gallery=gallery, position=20).update(caption="Chú thích riêng")
    story = story_with(block(gallery))

    body = html.unescape(body_of(page(reader, story)))

    assert body.index("Đoạn mở đầu.") < body.index("Lũ về miền Trung") < body.index("Đoạn kết.")
    order = [body.index(text) for text in ("Ảnh 3 trong", "Ảnh 1 trong", "Chú thích riêng")]
    assert order == sorted(order)
    assert "Ảnh 2 trong thư viện" not in body
    assert "Ảnh: Phóng viên 2" in body
    assert re.findall(r'gallery__count">(\d/\d)<', body) == ["1/3", "2/3", "3/3"]


def test_without_javascript_the_gallery_is_a_list_of_figures_in_a_labelled_region(reader):
    story = story_with(block(make_gallery(2)))

    body = body_of(page(reader, story))

    region = re.search(r'<section class="gallery" id="([^"]+)" aria-labelledby="([^"]+)"', body)
    assert region and f'id="{region.group(2)}"' in body
    assert body.count('<li class="gallery__item"') == 2
    assert body.count('<figure class="gallery__figure">') == 2
    assert body.count("<figcaption>") == 2
    # Responsive, lazy and sized: no layout shift while photos load.
    for img in re.findall(r"<img [^>]+>", body):
        assert 'loading="lazy"' in img and "srcset=" in img
        assert re.search(r'width="\d+" height="\d+"', img)
    # The carousel is a file of our own (CSP: no inline script), loaded with the gallery.
    assert re.findall(r"<script[^>]*>", body) == [
        '<script src="/static/galleries/gallery.js" defer>'
    ]


def test_a_page_without_a_gallery_loads_no_gallery_script(reader):
    text = page(reader, story_with())

    assert "gallery.js" not in text and "gallery.css" not in text


def test_the_main_gallery_comes_at_the_top_of_the_story_after_its_featured_photo(reader):
    photo = factories.ImageFactory(caption="Ảnh đại diện")
    story = story_with(main=make_gallery(2, title="Toàn cảnh"), featured_image=photo)

    text = html.unescape(page(reader, story))

    featured = text.index("Ảnh đại diện", text.index('class="story__figure"'))
    assert featured < text.index("Toàn cảnh") < text.index("Đoạn mở đầu.")
    assert "gallery gallery--main" in text


@pytest.mark.parametrize(
    "hostile",
    [
        '<figure class="gallery" data-gallery="abc"></figure>',
        '<figure class="gallery" data-gallery=""></figure>',
        '<figure class="gallery"></figure>',
        '<figure class="gallery" data-gallery="1 OR 1=1"></figure>',
        '<figure class="gallery" data-gallery="-1"></figure>',
        '<figure class="gallery" data-gallery="١٢"></figure>',
        '<figure class="gallery" data-gallery="99999999999999999999"></figure>',
        '<figure class="gallery" data-gallery="&quot;&gt;&lt;script&gt;"></figure>',
        '<figure data-gallery="999999"><p>giữ chỗ</p></figure>',
    ],
)
def test_a_block_that_names_no_gallery_shows_nothing(reader, hostile):
    make_gallery(1)
    story = story_with(hostile)

    body = body_of(page(reader, story))

    assert "<figure" not in body and "giữ chỗ" not in body and "<script" not in body
    assert "Đoạn mở đầu." in body and "Đoạn kết." in body


def test_a_deleted_or_empty_gallery_shows_nothing(reader, commit):
    deleted, empty = make_gallery(2), make_gallery(0, title="Trống")
    story = story_with(block(deleted), block(empty), main=make_gallery(1, title="Chính"))
    page(reader, story)

    with commit():
        deleted.delete()
        GalleryImage.objects.filter(gallery__title="Chính").delete()

    body = body_of(page(reader, story))
    assert "gallery" not in body and "<figure" not in body


def test_the_story_page_reads_its_galleries_in_the_same_queries_for_1_photo_as_for_10(reader):
    page(reader, story_with())  # what every page shares is read, as on a live site

    def queries(count):
        story = story_with(block(make_gallery(count)), main=make_gallery(count, title="Chính"))
        with CaptureQueriesContext(connection) as captured:
            text = page(reader, story)
        return len(captured), html.unescape(body_of(text)).count("trong thư viện")

    one, ten = queries(1), queries(10)

    assert one[0] == ten[0]
    assert (one[1], ten[1]) == (2, 20)


def test_a_changed_caption_order_or_library_photo_shows_on_the_kept_page(reader, commit):
    gallery = make_gallery(2)
    story = story_with(block(gallery))
    page(reader, story)
    page(reader, story)
    first, second = gallery.items.all()

    with commit():
        first.caption = "Chú thích mới"
        first.save()
    assert "Chú thích mới" in html.unescape(page(reader, story))

    with commit():
        second.position = 0
        second.save()
    text = html.unescape(page(reader, story))
    assert text.index("Ảnh 2 trong thư viện") < text.index("Chú thích mới")

    with commit():
        second.image.credit = "Ảnh: TTXVN"
        second.image.save()
    assert "Ảnh: TTXVN" in html.unescape(page(reader, story))


def test_the_gallery_title_and_captions_are_escaped(reader):
    gallery = make_gallery(1, title='<script>alert("x")</script>', caption="</figure><b>đậm</b>")
    story = story_with(block(gallery))

    body = body_of(page(reader, story))

    assert "<script>alert" not in body and "<b>đậm" not in body
    assert "&lt;script&gt;alert" in body and "&lt;b&gt;đậm" in body


def test_the_json_ld_lists_the_gallerys_photos_after_the_featured_photo(reader):
    photo = factories.ImageFactory(caption="Ảnh đại diện")
    gallery = make_gallery(2)
    story = story_with(block(gallery), featured_image=photo, main=make_gallery(1, title="Chính"))

    images = json_ld(page(reader, story))["image"]

    assert len(images) == 4
    assert [image.get("caption") for image in images[1:]] == [
        "Ảnh 1 trong thư viện",  # the main gallery's, first
        "Ảnh 1 trong thư viện",
        "Ảnh 2 trong thư viện",
    ]
    assert images[1]["@type"] == "ImageObject" and images[1]["url"].startswith("http")
    assert images[2]["creditText"] == "Ảnh: Phóng viên 1"


def test_a_draft_storys_gallery_is_not_shown_to_readers(reader, editor_client):
    story = story_with(block(make_gallery(1, title="Chưa công bố")), published=False)

    assert reader.get(story.get_absolute_url()).status_code == 404
    # The newsroom sees it in the preview, and the preview leaves nothing for readers.
    from django.urls import reverse

    preview = editor_client.get(reverse("articles:preview", args=[story.pk]))
    assert "Chưa công bố" in preview.content.decode()
    assert reader.get(story.get_absolute_url()).status_code == 404
