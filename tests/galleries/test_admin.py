"""Galleries in the admin: reporters and editors make them (photos from the library, in
order, each with a caption for this gallery), copy the block for a story's body, and give a
story its main gallery from the story's own page; only editors delete a gallery; staff
without a role do nothing."""

import pytest
from django.urls import reverse

from galleries.models import Gallery, GalleryImage, StoryGallery
from tests import factories

from .conftest import make_gallery

pytestmark = pytest.mark.django_db

ADD = "admin:galleries_gallery_add"


def new_gallery(client, *images, title="Bão số 3 đổ bộ"):
    data = {
        "title": title,
        "items-TOTAL_FORMS": str(len(images)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for number, image in enumerate(images):
        data |= {
            f"items-{number}-image": str(image.pk),
            f"items-{number}-position": str(len(images) - number),
            f"items-{number}-caption": f"Chú thích {number}",
        }
    return client.post(reverse(ADD), data)


@pytest.mark.parametrize(
    ("user", "may_make", "may_delete"),
    [("reporter", True, False), ("editor", True, True), ("staff_user", False, False)],
)
def test_reporters_and_editors_make_galleries_and_only_editors_delete_them(
    request, client_for, media_root, user, may_make, may_delete
):
    person = request.getfixturevalue(user)
    client = client_for(person)
    photos = factories.ImageFactory.create_batch(2)

    made = new_gallery(client, *photos)

    assert (made.status_code == 302) is may_make
    gallery = Gallery.objects.filter(title="Bão số 3 đổ bộ").first()
    assert (gallery is not None) is may_make
    if gallery:
        assert gallery.created_by == person
        # Shown by position: the second photo was given the lower number.
        assert [item.image for item in gallery.items.all()] == photos[::-1]
        assert gallery.items.all()[0].caption == "Chú thích 1"
    target = gallery or make_gallery(1)
    client.post(reverse("admin:galleries_gallery_delete", args=[target.pk]), {"post": "yes"})
    assert Gallery.objects.filter(pk=target.pk).exists() is not may_delete


def test_the_gallerys_page_gives_the_block_to_paste_with_a_copy_button(editor_client, media_root):
    gallery = make_gallery(1)

    text = editor_client.get(
        reverse("admin:galleries_gallery_change", args=[gallery.pk])
    ).content.decode()

    assert f"&lt;figure class=&quot;gallery&quot; data-gallery=&quot;{gallery.pk}&quot;" in text
    assert 'data-copy="gallery-block"' in text and "galleries/admin.js" in text


def test_gallery_search_ignores_accents(editor_client, media_root):
    make_gallery(1, title="Thư viện ảnh Hội An")

    text = editor_client.get(
        reverse("admin:galleries_gallery_changelist") + "?q=hoi+an"
    ).content.decode()

    assert "Thư viện ảnh Hội An" in text


def test_a_reporter_gives_their_story_a_main_gallery_from_its_page(
    client_for, reporter, section, media_root
):
    gallery = make_gallery(2)
    story = factories.story(reporter, section=section)
    client = client_for(reporter)
    page = client.get(factories.change_url(story))
    text = page.content.decode()
    # CKEditor shows a gallery block in the body as a card.
    assert "galleries/admin.css" in text

    data = factories.form_data(
        page, **{"main_gallery-TOTAL_FORMS": "1", "main_gallery-0-gallery": str(gallery.pk)}
    )
    saved = client.post(factories.change_url(story), data)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert StoryGallery.objects.get(story=story).gallery == gallery


def test_a_photo_in_a_gallery_stays_in_the_library(media_root):
    from django.db.models import ProtectedError

    gallery = make_gallery(1)
    photo = GalleryImage.objects.get(gallery=gallery).image

    with pytest.raises(ProtectedError):
        photo.delete()
