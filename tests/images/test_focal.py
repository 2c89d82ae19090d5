"""The focal point: the editor clicks the point of a photo that matters (or draws a crop
box) and every ratio the site shows, 16:9 cards, 1:1 thumbnails and 1.91:1 for sharing,
keeps that point in frame; moving it cuts the crops again and the pages showing the photo
are made afresh."""

import datetime
import io
import itertools
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from articles.seo import for_article
from images.framing import CARD, RATIOS, SOCIAL, THUMBNAIL, Framing, crop_rect, output_sizes
from images.models import Crop, Image
from newsroom.models import SiteSettings
from tests import factories
from tests.images import pictures
from tests.images.test_storage_failures import MESSAGE_EN, MESSAGE_VI

RED, BLUE = (255, 0, 0), (0, 0, 255)


def upload(size=(1600, 900), picture=None, **fields):
    picture = picture or pictures.solid(size)
    image = Image(file=pictures.upload(pictures.encode(picture, "JPEG", quality=95)), **fields)
    image.save()
    return image


def pixels(crop):
    with default_storage.open(crop.file.name) as handle:
        return pictures.open_bytes(handle.read()).convert("RGB")


def crop_of(image, ratio, fmt="jpeg"):
    """The widest crop of ``ratio`` in ``fmt``, as the image row lists it."""
    rows = [r for r in image.crop_rows(ratio) if r.format == fmt]
    return max(rows, key=lambda r: r.width)


def close_to(actual, expected, tolerance=40):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def shape(rect):
    left, top, right, bottom = rect
    return right - left, bottom - top


# The rectangle each ratio shows


def test_without_a_focal_point_each_ratio_is_cut_from_the_middle():
    assert crop_rect(1600, 900, THUMBNAIL) == (350, 0, 1250, 900)
    assert crop_rect(1600, 900, CARD) == (0, 0, 1600, 900)
    assert crop_rect(900, 1600, CARD) == (0, 547, 900, 1053)


def test_a_focal_point_near_an_edge_moves_the_frame_no_further_than_the_edge():
    near_left = Framing(focal_x=0.02, focal_y=0.5)
    assert crop_rect(1600, 900, THUMBNAIL, near_left) == (0, 0, 900, 900)
    near_right = Framing(focal_x=0.99, focal_y=0.5)
    assert crop_rect(1600, 900, THUMBNAIL, near_right) == (700, 0, 1600, 900)
    near_bottom = Framing(focal_x=0.5, focal_y=0.97)
    assert crop_rect(900, 1600, CARD, near_bottom) == (0, 1094, 900, 1600)
    near_top = Framing(focal_x=0.5, focal_y=0.0)
    assert crop_rect(900, 1600, SOCIAL, near_top) == (0, 0, 900, 471)


def test_away_from_the_edges_the_frame_is_centred_on_the_focal_point():
    left, top, right, bottom = crop_rect(3000, 2000, THUMBNAIL, Framing(0.4, 0.5))
    assert (left + right) / 2 == 1200 and (top + bottom) / 2 == 1000


@pytest.mark.parametrize("ratio", list(RATIOS))
@pytest.mark.parametrize("size", [(1600, 900), (900, 1600), (1000, 1000), (4000, 500), (37, 23)])
def test_every_ratio_keeps_every_focal_point_in_frame(ratio, size):
    width, height = size
    rw, rh = RATIOS[ratio]
    for fx, fy in itertools.product([0, 0.01, 0.25, 0.5, 0.8, 0.99, 1], repeat=2):
        left, top, right, bottom = crop_rect(width, height, ratio, Framing(fx, fy))
        assert 0 <= left < right <= width and 0 <= top < bottom <= height
        assert left <= fx * width <= right and top <= fy * height <= bottom
        # The ratio's shape, to the pixel (rounding aside), as large as the picture allows.
        assert abs((right - left) * rh - (bottom - top) * rw) <= max(rw, rh)
        assert right - left == width or bottom - top == height


@pytest.mark.parametrize("ratio", list(RATIOS))
def test_with_a_crop_box_the_frame_stays_inside_it(ratio):
    box = Framing(focal_x=0.8, focal_y=0.7, crop=(0.5, 0.4, 0.5, 0.5))
    left, top, right, bottom = crop_rect(2000, 1000, ratio, box)
    assert 1000 <= left < right <= 2000 and 400 <= top < bottom <= 900
    assert left <= 1600 <= right and top <= 700 <= bottom
    assert right - left == 1000 or bottom - top == 500


def test_small_pictures_are_never_blown_up(db):
    for ratio in RATIOS:
        assert all(width <= 50 for width, _height in output_sizes(ratio, 50))
    image = upload(size=(64, 48))
    for crop in image.crops.all():
        assert crop.width <= 64 and crop.height <= 48


# The crops that are made


def test_each_ratio_is_made_at_its_own_shape_and_widths(db):
    image = upload(size=(2000, 1200))
    made = {(c.ratio, c.format, c.width, c.height) for c in image.crops.all()}
    assert made == {
        *(
            (CARD, f, w, round(w * 9 / 16))
            for f in ("webp", "jpeg")
            for w in (320, 640, 1024, 1600)
        ),
        *((THUMBNAIL, f, w, w) for f in ("webp", "jpeg") for w in (160, 320, 640)),
        (SOCIAL, "jpeg", 1200, 628),
    }
    for crop in image.crops.all():
        assert pixels(crop).size == (crop.width, crop.height)
    # Kept on the image row too, as the renditions are.
    assert sorted(tuple(row[:4]) for row in image.crop_list) == sorted(
        (c.ratio, c.width, c.height, c.format) for c in image.crops.all()
    )


def test_the_crop_shows_the_part_of_the_photo_around_the_focal_point(db):
    # Red on the left, blue on the right: a square thumbnail shows one colour or the other.
    photo = pictures.halves(size=(2000, 600), left=RED, right=BLUE)
    on_the_left = upload(picture=photo, focal_x=0.1, focal_y=0.5)
    on_the_right = upload(picture=photo, focal_x=0.9, focal_y=0.5)
    for image, colour in [(on_the_left, RED), (on_the_right, BLUE)]:
        thumbnail = pixels(crop_of(image, THUMBNAIL))
        for x in (2, thumbnail.width // 2, thumbnail.width - 3):
            assert close_to(thumbnail.getpixel((x, thumbnail.height // 2)), colour)


def test_a_crop_box_cuts_away_what_is_outside_it(db):
    photo = pictures.halves(size=(1600, 900), left=RED, right=BLUE)
    image = upload(picture=photo, focal_x=0.75, crop_x=0.5, crop_y=0, crop_w=0.5, crop_h=1)
    card = pixels(crop_of(image, CARD))
    assert close_to(card.getpixel((2, card.height // 2)), BLUE)


# What readers get


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def test_the_picture_tag_serves_the_ratio_with_its_width_and_height(db):
    image = upload(size=(2000, 1200))
    html = render('{% picture image ratio="16:9" sizes="100vw" %}', image=image)
    assert 'width="1024" height="576"' in html
    srcsets = re.findall(r'srcset="([^"]+)"', html)
    assert len(srcsets) == 2
    for srcset in srcsets:
        assert all("-16x9-" in item for item in srcset.split(", "))
    assert "1600w" in srcsets[0] and ".webp" in srcsets[0]

    thumbnail = render('{% picture image ratio="1:1" sizes="120px" %}', image=image)
    assert 'width="640" height="640"' in thumbnail and "-1x1-" in thumbnail


def test_without_its_crops_a_picture_shows_the_whole_photo_at_its_own_size(db):
    image = upload(size=(2000, 1200))
    Image.objects.filter(pk=image.pk).update(crop_list=[])
    image.refresh_from_db()
    html = render('{% picture image ratio="16:9" %}', image=image)
    assert 'width="1024" height="614"' in html and "-16x9-" not in html
    unknown = render('{% picture image ratio="4:3" %}', image=upload(size=(2000, 1200)))
    assert 'width="1024" height="614"' in unknown


def test_cards_show_the_16_9_crop_and_rows_the_1_1(db, client):
    factories.newsroom_settings()
    image = upload(size=(2000, 1200))
    story = factories.ArticleFactory(
        status=Status.PUBLISHED,
        publication_at=timezone.now() - datetime.timedelta(hours=1),
        featured_image=image,
    )
    html = client.get(story.section.get_absolute_url()).content.decode()
    cards = re.findall(r'<article class="card card--(\w+)">(.*?)</article>', html, re.S)
    assert cards
    for size, card in cards:
        if "<picture>" in card:
            wanted = "-1x1-" if size == "row" else "-16x9-"
            assert wanted in card, size


def test_og_image_is_the_1_91_crop(db):
    image = upload(size=(2000, 1000))
    story = factories.ArticleFactory(
        status=Status.PUBLISHED,
        publication_at=timezone.now() - datetime.timedelta(hours=1),
        featured_image=image,
    )
    properties = dict(for_article(story, SiteSettings.load()).properties)
    assert (properties["og:image:width"], properties["og:image:height"]) == ("1200", "628")
    assert "-1.91x1-" in properties["og:image"] and properties["og:image"].endswith(".jpg")


# Changing it


def test_moving_the_focal_point_cuts_the_crops_again_and_refreshes_the_pages(
    db, client, reader_caches, django_capture_on_commit_callbacks
):
    factories.newsroom_settings()
    image = upload(picture=pictures.halves(size=(2000, 600), left=RED, right=BLUE))
    story = factories.ArticleFactory(
        status=Status.PUBLISHED,
        publication_at=timezone.now() - datetime.timedelta(hours=1),
        featured_image=image,
    )
    url = story.section.get_absolute_url()
    before = {row[4] for row in image.crop_list}
    assert shown(client.get(url).content.decode()) & before
    renditions = list(image.rendition_list)

    image = Image.objects.get(pk=image.pk)
    image.focal_x = 0.95
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    after = {row[4] for row in image.crop_list}
    assert not after & before
    assert close_to(pixels(crop_of(image, THUMBNAIL)).getpixel((2, 2)), BLUE)
    page = shown(client.get(url).content.decode())
    assert page & after and not page & before
    # The old crops are gone; the photo's own renditions were not touched.
    assert not any(default_storage.exists(name) for name in before)
    assert Image.objects.get(pk=image.pk).rendition_list == renditions


def test_saving_without_moving_the_focal_point_keeps_the_crops(db, stored_files):
    image = upload()
    files = stored_files()
    image.caption = "Chú thích mới"
    image.save()
    assert stored_files() == files


def shown(html):
    """The media files a page's pictures point at."""
    return set(re.findall(r"/media/(renditions/[^\s\"]+)", html))


def change_form(image, **changes):
    data = {
        "caption": image.caption,
        "alt_text": image.alt_text,
        "credit": image.credit,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
        "crop_x": "",
        "crop_y": "",
        "crop_w": "",
        "crop_h": "",
    }
    data.update(changes)
    return data


def test_the_editor_sets_the_focal_point_and_crop_box_in_the_admin(editor_client, editor):
    image = upload(uploaded_by=editor)
    url = reverse("admin:images_image_change", args=[image.pk])
    page = editor_client.get(url).content.decode()
    assert "data-focal-editor" in page and "images/focal-point.js" in page
    assert 'name="focal_x"' in page and 'name="crop_w"' in page
    assert page.count('class="crop-previews"') == 1

    changed = change_form(image, focal_x="0.7", crop_x="0.5", crop_y="0", crop_w="0.5", crop_h="1")
    response = editor_client.post(url, changed)
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.crop_x, image.crop_w) == (0.7, 0.5, 0.5)
    # The previews show the new crops after the save.
    page = editor_client.get(url).content.decode()
    previews = page[page.index('class="crop-previews"') :]
    for ratio in RATIOS:
        kind = "jpeg" if ratio == SOCIAL else "webp"
        narrowest = min(
            (r for r in image.crop_rows(ratio) if r.format == kind), key=lambda r: r.width
        )
        assert narrowest.file.url in previews


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"focal_x": "1.5"}, "focal_x", "The focal point must be inside the picture (0 to 1)."),
        ({"focal_y": "-0.1"}, "focal_y", "The focal point must be inside the picture (0 to 1)."),
        ({"crop_x": "0.1"}, "crop_y", "Give all four values of the crop box, or none."),
        (
            {"crop_x": "0", "crop_y": "0", "crop_w": "0", "crop_h": "1"},
            "crop_w",
            "The crop box cannot be empty.",
        ),
        (
            {"crop_x": "0.8", "crop_y": "0", "crop_w": "0.5", "crop_h": "1"},
            "crop_w",
            "The crop box must end inside the picture.",
        ),
        (
            {"crop_x": "0", "crop_y": "0", "crop_w": "0.2", "crop_h": "0.2"},
            "focal_x",
            "The focal point must be inside the crop box.",
        ),
        ({"crop_h": "2", "crop_x": "0", "crop_y": "0", "crop_w": "1"}, "crop_h", None),
        ({"focal_x": "nan"}, "focal_x", None),
        ({"focal_x": "giữa"}, "focal_x", None),
    ],
)
def test_bad_values_are_refused_with_a_clear_error_and_change_nothing(
    editor_client, editor, stored_files, changes, field, message
):
    image = upload(uploaded_by=editor)
    files, crops = stored_files(), list(image.crop_list)
    url = reverse("admin:images_image_change", args=[image.pk])
    response = editor_client.post(url, change_form(image, **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors
    if message:
        assert factories.in_vietnamese(message) in errors[field]
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y, image.crop_x) == (0.5, 0.5, None)
    assert image.crop_list == crops and stored_files() == files


def test_a_framing_saved_without_the_form_still_makes_every_crop(db):
    # An import or the shell skips the form's checks: the frame then holds what it can,
    # and readers never get an error.
    image = upload(focal_x=0.5, crop_x=0.2, crop_y=0.2, crop_w=0.1, crop_h=0.1)
    assert {c.ratio for c in image.crops.all()} == set(RATIOS)
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "focal_x" in refused.value.message_dict


def test_make_renditions_cuts_the_crops_of_older_images(db):
    image = upload()
    Crop.objects.all().delete()
    Image.objects.filter(pk=image.pk).update(crop_list=[])
    out = io.StringIO()
    call_command("make_renditions", "--crops", stdout=out)
    assert "Crops made for 1 images; 0 failed." in out.getvalue()
    image.refresh_from_db()
    assert {c.ratio for c in image.crops.all()} == set(RATIOS)
    assert {row[0] for row in image.crop_list} == set(RATIOS)


# What it costs


@pytest.mark.parametrize("page", ["home", "section", "story"])
def test_crops_cost_pages_no_query(db, client, page):
    factories.newsroom_settings()
    images = [upload(size=(800, 500)) for _ in range(3)]
    section = factories.SectionFactory()
    stories = [
        factories.ArticleFactory(
            status=Status.PUBLISHED,
            section=section,
            publication_at=timezone.now() - datetime.timedelta(minutes=n + 1),
            featured_image=images[n % 3],
        )
        for n in range(6)
    ]
    url = {
        "home": "/",
        "section": section.get_absolute_url(),
        "story": stories[0].get_absolute_url(),
    }[page]
    client.get(url)  # settings and content types cached, as on a live site

    def queries():
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    with_crops, html = queries()
    assert "-16x9-" in html or "-1x1-" in html
    Image.objects.update(crop_list=[])
    without_crops, html = queries()
    assert "-16x9-" not in html
    assert with_crops == without_crops


def test_when_the_crops_cannot_be_stored_the_editor_is_told_and_nothing_changes(
    editor_client, editor, media_root
):
    image = upload(uploaded_by=editor)
    crops = list(image.crop_list)
    # The folder the new crops go to is taken by a file: every write fails.
    folder = media_root / image.uploaded_at.strftime("renditions/%Y/%m")
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_bytes(b"not a folder")
    url = reverse("admin:images_image_change", args=[image.pk])
    response = editor_client.post(url, change_form(image, focal_x="0.9"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert any(MESSAGE_VI in error or MESSAGE_EN in error for error in errors), errors
    image.refresh_from_db()
    assert image.focal_x == 0.5 and image.crop_list == crops
