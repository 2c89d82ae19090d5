"""Fixtures for galleries: a small public site, library photos, and a gallery maker."""

import datetime

import pytest
from django.utils import timezone

from galleries.models import Gallery, GalleryImage, StoryGallery
from tests import factories


@pytest.fixture
def site(db, media_root):
    settings = factories.newsroom_settings()
    factories.masthead()
    return settings


def make_gallery(count=3, title="Lũ về miền Trung", **image_fields):
    """A gallery of ``count`` library photos, "Ảnh 1" to "Ảnh <count>", in that order."""
    gallery = Gallery.objects.create(title=title)
    for number in range(1, count + 1):
        image = factories.ImageFactory(
            caption=f"Ảnh {number} trong thư viện", credit=f"Ảnh: Phóng viên {number}"
        )
        GalleryImage.objects.create(
            gallery=gallery, image=image, position=number * 10, **image_fields
        )
    return gallery


def block(gallery_or_id):
    pk = getattr(gallery_or_id, "pk", gallery_or_id)
    return f'<figure class="gallery" data-gallery="{pk}"></figure>'


def story_with(*blocks, main=None, **kwargs):
    """A public story whose body holds ``blocks`` between two paragraphs."""
    kwargs.setdefault("published", True)
    kwargs.setdefault("publication_at", timezone.now() - datetime.timedelta(hours=2))
    story = factories.ArticleFactory(
        title="Mưa lũ ở Quảng Nam",
        body="<p>Đoạn mở đầu.</p>" + "".join(blocks) + "<p>Đoạn kết.</p>",
        **kwargs,
    )
    if main is not None:
        StoryGallery.objects.create(story=story, gallery=main)
    return story
