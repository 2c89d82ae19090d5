"""Photos in a story's body are library photos: a photo the reporter drops, pastes or
uploads into the editor becomes a library record (who uploaded it, when), the body names
it by id (``data-image``), and readers see it as they see the featured image: responsive
renditions under its caption and credit."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article
from images.models import Image
from tests import factories
from tests.conftest import switch_caches_on
from tests.images import pictures

NASTY = 'Cầu "Long Biên" <script>alert(1)</script> & </figure>'


def library_photo(size=(1200, 800), **fields):
    image = Image(file=pictures.upload(pictures.photo(size=size)), **fields)
    image.save()
    return image


def figure(image, alt="", caption=None, credit=None, data_image=False):
    """A body photo as CKEditor writes it."""
    src = image if isinstance(image, str) else image.file.url
    named = f' data-image="{data_image}"' if data_image else ""
    shown = ""
    if caption is not None or credit is not None:
        shown = caption or ""
        if credit is not None:
            shown += f' <span class="credit">{credit}</span>'
        shown = f"<figcaption>{shown}</figcaption>"
    return f'<figure class="image"><img src="{src}" alt="{alt}"{named}>{shown}</figure>'


def story(body, **fields):
    return factories.ArticleFactory(body=body, published=True, **fields)


def story_page(article, reader=None):
    response = (reader or Client()).get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def body_of(page):
    start = page.index('<div class="story__body">')
    return page[start : page.index("</div>", start)]


# Into the library


def test_a_photo_uploaded_in_the_editor_becomes_a_library_record(reporter_client, reporter):
    response = reporter_client.post(
        reverse("images:editor-upload"), {"upload": pictures.upload(pictures.photo())}
    )

    image = Image.objects.get(pk=response.json()["id"])
    assert image.uploaded_by == reporter
    assert image.uploaded_at is not None
    assert image.rendition_list  # readers get renditions, as for any library photo


def test_saving_the_story_names_each_library_photo_by_its_id(reporter_client, reporter):
    answer = reporter_client.post(
        reverse("images:editor-upload"), {"upload": pictures.upload(pictures.photo())}
    ).json()
    article = factories.ArticleFactory(body=figure(answer["url"], alt="Hội trường"))

    assert f'data-image="{answer["id"]}"' in article.body
    assert f'src="{answer["url"]}"' in article.body
    assert list(article.body_images.all()) == [Image.objects.get(pk=answer["id"])]


def test_an_older_body_showing_an_original_is_linked_too(db):
    image = library_photo()
    article = factories.ArticleFactory(body=f'<p><img src="{image.file.url}" alt="Ảnh"></p>')
    assert f'data-image="{image.pk}"' in article.body


@pytest.mark.parametrize(
    "src, claimed",
    [
        ("https://example.com/anh.jpg", "1"),  # a photo from elsewhere claiming a record
        ("/media/images/2026/01/khong-co.jpg", "1"),  # a file the library does not have
        ("{url}", "999999"),  # a library photo whose id was typed wrong
        ("{url}", "12abc"),
    ],
)
def test_data_image_always_follows_the_photo_shown(db, src, claimed):
    image = library_photo()
    src = src.format(url=image.file.url)
    article = factories.ArticleFactory(body=figure(src, data_image=claimed))

    wanted = image.pk if src == image.file.url else None
    found = re.findall(r'data-image="([^"]*)"', article.body)
    assert found == ([str(wanted)] if wanted else [])


def test_linking_twice_changes_nothing(db):
    image = library_photo()
    article = factories.ArticleFactory(body=figure(image, alt="Ảnh"))
    first = article.body
    article.save()
    assert article.body == first


def test_the_library_learns_alt_caption_and_credit_typed_in_the_body(db):
    image = library_photo()
    factories.ArticleFactory(
        body=figure(image, alt="Đại biểu\nbiểu quyết", caption="Phiên họp", credit="Ảnh: Minh Anh")
    )
    image.refresh_from_db()
    assert (image.alt_text, image.caption, image.credit) == (
        "Đại biểu biểu quyết",
        "Phiên họp",
        "Ảnh: Minh Anh",
    )
    assert Image.objects.search("minh anh").get() == image


def test_what_the_library_already_says_is_never_overwritten_by_a_body(db):
    image = library_photo(alt_text="Thư viện", caption="Chú thích gốc", credit="TTXVN")
    factories.ArticleFactory(body=figure(image, alt="Khác", caption="Cho bài này", credit="X"))
    image.refresh_from_db()
    assert (image.alt_text, image.caption, image.credit) == ("Thư viện", "Chú thích gốc", "TTXVN")


# What readers see


@pytest.mark.usefixtures("reader_caches")
def test_readers_see_a_body_photo_like_the_featured_image(db):
    image = library_photo(alt_text="Toàn cảnh", caption="Phiên khai mạc", credit="Ảnh: Hà Nội")
    article = story(f"<p>Mở đầu.</p>{figure(image, data_image=image.pk)}<p>Kết.</p>")

    body = body_of(story_page(article))
    assert "<picture>" in body and 'type="image/webp"' in body
    assert re.search(r'srcset="[^"]+320w, [^"]+640w, [^"]+1024w', body)
    assert 'sizes="(max-width: 700px) 100vw, 700px"' in body
    assert 'alt="Toàn cảnh"' in body
    assert (
        '<figcaption>Phiên khai mạc <span class="credit-sep" aria-hidden="true">—</span> '
        '<span class="credit">Ảnh: Hà Nội</span></figcaption></figure>'
    ) in body


@pytest.mark.usefixtures("reader_caches")
def test_the_caption_the_reporter_wrote_for_this_story_wins_and_the_credit_stays(db):
    image = library_photo(caption="Chú thích thư viện", credit="Ảnh: TTXVN")
    article = story(figure(image, alt="Ảnh", caption="Chú thích cho bài này"))

    body = body_of(story_page(article))
    assert "Chú thích thư viện" not in body
    assert '<figcaption>Chú thích cho bài này <span class="credit-sep"' in body
    assert '<span class="credit">Ảnh: TTXVN</span></figcaption>' in body


@pytest.mark.usefixtures("reader_caches")
def test_a_credit_edited_for_this_story_is_shown_as_edited(db):
    image = library_photo(caption="Cầu", credit="Ảnh: TTXVN")
    article = story(figure(image, alt="Cầu", caption="Cầu mới", credit="Ảnh: TTXVN/Đức Anh"))

    body = body_of(story_page(article))
    assert body.count('class="credit"') == 1
    assert '<span class="credit">Ảnh: TTXVN/Đức Anh</span>' in body


@pytest.mark.usefixtures("reader_caches")
def test_caption_and_credit_are_escaped(db):
    image = library_photo(alt_text="Cầu", caption=NASTY, credit=NASTY)
    article = story(figure(image, data_image=image.pk))

    body = body_of(story_page(article))
    assert "<script>alert(1)</script>" not in body
    assert f'<figcaption>{escape(NASTY)} <span class="credit-sep"' in body
    assert f'<span class="credit">{escape(NASTY)}</span>' in body
    assert body.count("</figure>") == 1


@pytest.mark.usefixtures("reader_caches")
def test_photos_from_elsewhere_and_older_bodies_keep_rendering(db):
    image = library_photo(caption="Ảnh cũ")
    Image.objects.filter(pk=image.pk).update(credit="Ảnh: Lưu trữ")
    outside = '<figure class="image"><img src="https://example.com/a.jpg" alt="Ngoài"></figure>'
    article = story(outside)
    # A body stored before photos were linked: no data-image, the original's address.
    Article.objects.filter(pk=article.pk).update(
        body=f'{outside}<figure class="image"><img src="{image.file.url}" alt="Cũ"></figure>'
    )

    body = body_of(story_page(Article.objects.get(pk=article.pk)))
    assert outside in body
    assert 'alt="Cũ"' in body and "<picture>" in body
    assert '<span class="credit">Ảnh: Lưu trữ</span>' in body


def test_a_changed_credit_reaches_the_cached_story_page(db, settings, commit):
    switch_caches_on(settings)
    image = library_photo(caption="Cầu", credit="Ảnh: A")
    article = story(figure(image, alt="Cầu"))
    reader = Client()
    assert "Ảnh: A" in story_page(article, reader)

    with commit():
        image.credit = "Ảnh: B"
        image.save()
    assert "Ảnh: B" in story_page(article, reader)


def test_the_story_page_asks_the_same_queries_for_one_photo_or_many(db):
    factories.newsroom_settings()
    one, many = library_photo(), [library_photo() for _ in range(6)]
    few = story(figure(one, alt="Một"))
    lots = story("".join(figure(image, alt=f"Ảnh {n}") for n, image in enumerate(many)))

    counts = []
    for article in (few, lots):
        story_page(article)  # what every page reads once (site settings…)
        with CaptureQueriesContext(connection) as queries:
            page = story_page(article)
        counts.append(len(queries))
    assert page.count("<picture>") == 6
    assert counts[0] == counts[1]
