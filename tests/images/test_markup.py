"""The markup readers get: ``{% picture %}`` with WebP and JPEG/PNG srcsets and explicit
width and height, the body filter that gives body images the same markup, and Open Graph
image data. Everything escaped; no query per picture once renditions are prefetched."""

import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from articles.models import Article
from images.models import Image
from images.templatetags.images import responsive_body
from tests import factories
from tests.images import pictures

NASTY = 'Cầu "Long Biên" <script>alert(1)</script> & </picture>'


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def library_image(size=(2000, 1333), **fields):
    image = Image(file=pictures.upload(pictures.photo(size=size)), **fields)
    image.save()
    return Image.objects.with_renditions().get(pk=image.pk)


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def first(self, name):
        return next(attrs for tag, attrs in self.tags if tag == name)

    def all(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def srcset_widths(srcset):
    return [int(w) for w in re.findall(r" (\d+)w", srcset)]


def test_picture_offers_webp_and_jpeg_in_every_width_with_width_and_height(db):
    image = library_image(alt_text="Cầu Long Biên lúc bình minh")
    html = render(
        '{% picture image sizes="(max-width: 700px) 100vw, 700px" css_class="lead" %}',
        image=image,
    )
    tags = Tags(html)
    assert [t for t, _a in tags.tags] == ["picture", "source", "img"]
    source, img = tags.first("source"), tags.first("img")
    assert source["type"] == "image/webp"
    assert srcset_widths(source["srcset"]) == [320, 640, 1024, 1600]
    assert all(".webp " in c for c in source["srcset"].split(", "))
    assert srcset_widths(img["srcset"]) == [320, 640, 1024, 1600]
    assert all(".jpg " in c for c in img["srcset"].split(", "))
    assert img["src"].endswith("-1024w.jpg")
    assert (img["width"], img["height"]) == ("1024", "682")
    assert (source["width"], source["height"]) == ("1024", "682")
    assert img["sizes"] == source["sizes"] == "(max-width: 700px) 100vw, 700px"
    assert img["alt"] == "Cầu Long Biên lúc bình minh"
    assert img["class"] == "lead"
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert "fetchpriority" not in img


def test_every_candidate_exists_in_storage(db, client, settings):
    image = library_image(size=(900, 600))
    tags = Tags(render("{% picture image %}", image=image))
    urls = [c.split(" ")[0] for c in tags.first("source")["srcset"].split(", ")]
    urls += [c.split(" ")[0] for c in tags.first("img")["srcset"].split(", ")]
    from django.core.files.storage import default_storage

    for url in urls:
        assert default_storage.exists(url.removeprefix(settings.MEDIA_URL))


def test_a_small_image_is_never_offered_wider_than_it_is(db):
    image = library_image(size=(500, 300))
    tags = Tags(render("{% picture image %}", image=image))
    assert srcset_widths(tags.first("source")["srcset"]) == [320, 500]
    img = tags.first("img")
    assert (img["width"], img["height"], img["src"][-9:]) == ("500", "300", "-500w.jpg")


def test_a_transparent_image_falls_back_to_png(db):
    data = pictures.photo("PNG", size=(800, 400), color=(0, 0, 255, 100), mode="RGBA")
    image = Image(file=pictures.upload(data, "a.png"))
    image.save()
    tags = Tags(render("{% picture image %}", image=Image.objects.with_renditions().get()))
    assert all(".png " in c for c in tags.first("img")["srcset"].split(", "))
    assert tags.first("img")["src"].endswith("-800w.png")


@pytest.mark.parametrize("where", ["alt_text", "alt argument"])
def test_alt_text_is_escaped(db, where):
    image = library_image(alt_text=NASTY if where == "alt_text" else "")
    source = "{% picture image alt=alt %}" if where == "alt argument" else "{% picture image %}"
    html = render(source, image=image, alt=NASTY)
    assert "<script>" not in html
    assert html.count("</picture>") == 1
    assert "&lt;script&gt;" in html and "&quot;Long Biên&quot;" in html
    assert Tags(html).first("img")["alt"] == NASTY


def test_an_empty_alt_marks_a_decorative_picture(db):
    image = library_image(alt_text="Mô tả")
    html = render('{% picture image alt="" %}', image=image)
    assert 'alt=""' in html


def test_options_are_limited_to_known_values(db):
    image = library_image()
    html = render(
        '{% picture image loading="eager" fetchpriority="high" %}'
        '{% picture image loading="x onerror=alert(1)" fetchpriority="nope" %}',
        image=image,
    )
    first, second = Tags(html).all("img")
    assert (first["loading"], first["fetchpriority"]) == ("eager", "high")
    assert second["loading"] == "lazy" and "fetchpriority" not in second
    assert "onerror" not in html


def test_a_picture_shown_again_follows_every_change_to_its_image(db, settings):
    image = library_image(alt_text="Cầu Long Biên")
    source = "{% picture image %}"
    first = render(source, image=image)
    assert render(source, image=image) == first

    image.alt_text = "Cầu Thăng Long"
    assert Tags(render(source, image=image)).first("img")["alt"] == "Cầu Thăng Long"
    plain = Image.objects.get(pk=image.pk)  # renditions read from the row itself
    plain.rendition_list = [row for row in plain.rendition_list if row[0] < 700]
    assert srcset_widths(Tags(render(source, image=plain)).first("img")["srcset"]) == [320, 640]
    image.renditions.filter(width__gt=700).delete()
    fewer = Image.objects.with_renditions().get(pk=image.pk)
    assert srcset_widths(Tags(render(source, image=fewer)).first("img")["srcset"]) == [320, 640]
    settings.MEDIA_URL = "https://anh.example.vn/"
    assert (
        Tags(render(source, image=image)).first("img")["src"].startswith("https://anh.example.vn/")
    )


def test_no_image_renders_nothing(db):
    assert render("{% picture image %}", image=None) == ""


def test_an_image_without_renditions_shows_its_original_with_its_size(db):
    image = library_image(size=(800, 600))
    image.renditions.all().delete()
    html = render("{% picture image %}", image=Image.objects.with_renditions().get())
    img = Tags(html).first("img")
    assert img["src"] == image.file.url
    assert (img["width"], img["height"]) == ("800", "600")
    assert not Tags(html).all("source")


def test_prefetched_pictures_cost_no_query(db, django_assert_num_queries):
    images = [library_image(size=(700 + n, 400)) for n in range(6)]
    listed = list(Image.objects.with_renditions().filter(pk__in=[i.pk for i in images]))
    with django_assert_num_queries(0):
        html = render("{% for image in images %}{% picture image %}{% endfor %}", images=listed)
    assert html.count("<picture>") == 6


@pytest.mark.parametrize("stories", [1, 8])
def test_a_list_of_story_cards_costs_the_same_queries_however_long(
    db, django_assert_num_queries, stories
):
    for _n in range(stories):
        factories.ArticleFactory(published=True, featured_image=library_image(size=(700, 400)))
    # What the lead adds to Article.objects.with_cards():
    listed = Article.objects.public().with_cards().prefetch_related("featured_image__renditions")
    with django_assert_num_queries(2):
        html = render(
            "{% for story in stories %}{% picture story.featured_image %}{% endfor %}",
            stories=listed,
        )
    assert html.count("<picture>") == stories


def test_og_image_is_the_1200_wide_1_91_crop_with_an_absolute_url(db, settings):
    settings.ALLOWED_HOSTS = ["toasoan.vn"]
    image = library_image(size=(2000, 1000), alt_text="Toàn cảnh")
    request = RequestFactory().get("/", HTTP_HOST="toasoan.vn")
    html = Template(
        "{% load images %}{% og_image image as og %}"
        "{{ og.url }}|{{ og.width }}|{{ og.height }}|{{ og.type }}|{{ og.alt }}"
    ).render(Context({"image": image, "request": request}))
    url, width, height, kind, alt = html.split("|")
    assert url.startswith("http://toasoan.vn/media/renditions/") and url.endswith("-1200w.jpg")
    # Cut to 1.91:1 around the focal point (tests/images/test_focal.py), as networks show it.
    assert (width, height, kind, alt) == ("1200", "628", "image/jpeg", "Toàn cảnh")


def test_og_image_of_nothing_is_nothing(db):
    html = render("{% og_image image as og %}{% if og %}yes{% else %}no{% endif %}", image=None)
    assert html == "no"


# The body filter


def body_with(*images, extra=""):
    figures = "".join(
        f'<figure class="image"><img src="{img.file.url}" alt="{alt}">'
        f"<figcaption>Chú thích {n}</figcaption></figure>"
        for n, (img, alt) in enumerate(images, start=1)
    )
    return f"<h2>Tiêu đề</h2><p>Mở đầu &amp; “trích dẫn”.</p>{figures}{extra}<p>Kết.</p>"


def test_the_body_filter_turns_library_images_into_pictures(db, django_assert_num_queries):
    first, second = library_image(size=(1800, 1200)), library_image(size=(600, 400))
    article = factories.ArticleFactory(body=body_with((first, "Ảnh một"), (second, "")))
    second.alt_text = "Ảnh hai trong thư viện"
    second.save()
    with django_assert_num_queries(1):
        html = str(responsive_body(article.body))
    tags = Tags(html)
    assert [t for t, _a in tags.tags].count("picture") == 2
    one, two = tags.all("img")
    assert srcset_widths(one["srcset"]) == [320, 640, 1024, 1600]
    assert (one["width"], one["height"], one["alt"]) == ("1024", "683", "Ảnh một")
    assert srcset_widths(two["srcset"]) == [320, 600]
    assert (two["width"], two["height"]) == ("600", "400")
    assert two["alt"] == "Ảnh hai trong thư viện"  # the library's, when the body has none
    assert one["sizes"] == "(max-width: 700px) 100vw, 700px"


def test_the_body_filter_keeps_everything_else_exactly(db):
    image = library_image(size=(800, 600))
    external = '<figure class="image"><img src="https://example.com/a.jpg" alt="Ngoài"></figure>'
    article = factories.ArticleFactory(body=body_with((image, "Ảnh"), extra=external))
    html = str(responsive_body(article.body))
    start = article.body.index("<img")
    end = article.body.index(">", start) + 1
    picture = html[start : html.index("</picture>") + len("</picture>")]
    assert html == article.body[:start] + picture + article.body[end:]
    assert external in html


def test_a_body_without_library_images_is_unchanged_and_costs_no_query(
    db, django_assert_num_queries
):
    article = factories.ArticleFactory(
        body="<p>Chỉ có chữ, <a href='https://vnexpress.net'>một liên kết</a>.</p>"
        "<table><tbody><tr><td>Ô</td></tr></tbody></table>"
    )
    with django_assert_num_queries(0):
        assert str(responsive_body(article.body)) == article.body


def test_the_body_filter_escapes_alt_text_from_the_body(db):
    image = library_image(size=(800, 600))
    article = factories.ArticleFactory(
        body=f'<p><img src="{image.file.url}" alt="{NASTY.replace(chr(34), "&quot;")}"></p>'
    )
    html = str(responsive_body(article.body))
    assert "<script>" not in html
    assert Tags(html).first("img")["alt"] == NASTY


def test_the_body_filter_is_safe_even_on_raw_input(db):
    html = str(responsive_body('<p onclick="x()">Hi</p><script>alert(1)</script>'))
    assert "<script>" not in html and "onclick" not in html


def test_the_body_filter_in_a_template(db):
    image = library_image(size=(800, 600))
    article = factories.ArticleFactory(body=body_with((image, "Ảnh")))
    html = render('{{ body|responsive_body:"100vw" }}', body=article.body)
    assert Tags(html).first("img")["sizes"] == "100vw"
    assert "&lt;" not in html  # marked safe: not escaped a second time
