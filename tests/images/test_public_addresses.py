"""No public address leads to an original upload: the feed's enclosure, Open Graph, the
JSON-LD and the editor's upload answer give a rendition; a body that shows a rendition's
address still gets the library's ``<picture>``, alt text and credit."""

import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from articles.seo import for_article
from images.admin import missing_alt_text_panel
from images.models import Image
from images.templatetags.images import responsive_body
from newsroom.models import SiteSettings
from tests import factories
from tests.images import pictures


def library_image(size=(1600, 900), **fields):
    image = Image(file=pictures.upload(pictures.phone_jpeg(picture=pictures.solid(size))), **fields)
    image.save()
    return image


@pytest.fixture
def published_with(db):
    def make(image):
        return factories.ArticleFactory(published=True, featured_image=image)

    return make


def test_the_feed_enclosure_is_the_shared_rendition(client, published_with):
    image = library_image()
    published_with(image)
    rss = client.get("/rss/").content.decode()
    [url] = re.findall(r'<enclosure [^>]*url="([^"]+)"', rss)
    assert "/media/renditions/" in url and url.endswith("-1200w.jpg")
    assert image.file.name not in rss


def test_open_graph_and_json_ld_show_a_rendition(published_with):
    image = library_image()
    story = published_with(image)
    meta = for_article(story, SiteSettings.load())
    urls = [value for name, value in meta.properties + meta.names if name.endswith(":image")]
    urls.append(meta.json_ld["image"][0]["url"])
    assert len(urls) == 3
    assert all("/media/renditions/" in url for url in urls)
    assert image.file.name not in json.dumps(meta.json_ld)


def test_an_image_without_renditions_is_not_shared_at_its_original(client, published_with):
    image = library_image()
    image.renditions.all().delete()
    image.crops.all().delete()
    Image.objects.filter(pk=image.pk).update(rendition_list=[], crop_list=[])
    story = published_with(Image.objects.get(pk=image.pk))
    meta = for_article(story, SiteSettings.load())
    assert not [name for name, _value in meta.properties if name.startswith("og:image")]
    assert "image" not in meta.json_ld
    assert "<enclosure" not in client.get("/rss/").content.decode()
    html = Template("{% load images %}{% og_image image as og %}{{ og.url }}").render(
        Context({"image": story.featured_image})
    )
    assert html == ""


def test_a_body_showing_a_rendition_gets_the_librarys_picture(reporter_client):
    response = reporter_client.post(
        reverse("images:editor-upload"),
        {"upload": pictures.upload(pictures.phone_jpeg(picture=pictures.solid((1600, 900))))},
    )
    url = response.json()["url"]
    assert "/media/renditions/" in url
    image = Image.objects.get()
    Image.objects.filter(pk=image.pk).update(alt_text="Đê vỡ", caption="Lũ")
    html = responsive_body(f'<p><img src="{url}" alt=""></p>')
    assert html.count("<picture>") == 1
    assert 'alt="Đê vỡ"' in html
    assert image.file.url not in html


def test_shown_at_finds_an_image_by_its_original_or_any_rendition(db):
    image, other = library_image(), library_image()
    names = [image.file.name, *(r.file.name for r in other.renditions.all())]
    assert set(Image.objects.shown_at(names)) == {image, other}
    rendition = image.renditions.first().file.name
    assert Image.objects.by_media_name([rendition, "images/x.jpg"]) == {rendition: image}


def test_the_alt_text_panel_recognises_a_body_image_by_its_rendition(db):
    image = library_image(alt_text="")
    url = image.renditions.get(format="jpeg", width=1600).file.url
    story = factories.ArticleFactory(body=f'<p><img src="{url}" alt=""></p>')
    with translation.override("en"):
        panel = str(missing_alt_text_panel(story))
    assert "Add alt text in the library" in panel
    assert "not in the library" not in panel
