"""Renditions: the right widths and formats, never upscaled, turned upright, in sRGB, with
no trace of the original's metadata; made once, stored through the storage API, and
deleted with their image."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images import renditions
from images.models import Image, Rendition
from tests.images import pictures


def upload(data, name="anh.jpg", **fields):
    image = Image(file=pictures.upload(data, name), **fields)
    image.save()
    return image


def stored(rendition):
    with default_storage.open(rendition.file.name) as handle:
        return handle.read()


def by_key(image):
    return {(r.format, r.width): r for r in image.renditions.all()}


def colour_at(rendition, xy):
    return pictures.open_bytes(stored(rendition)).convert("RGB").getpixel(xy)


def close_to(actual, expected, tolerance=12):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


@pytest.mark.parametrize(
    "width, srcset, og",
    [
        (200, [200], 200),
        (320, [320], 320),
        (700, [320, 640, 700], 700),
        (1024, [320, 640, 1024], 1024),
        (1300, [320, 640, 1024, 1300], 1200),
        (1600, [320, 640, 1024, 1600], 1200),
        (2400, [320, 640, 1024, 1600], 1200),
    ],
)
def test_widths_never_exceed_the_original(db, width, srcset, og):
    image = upload(pictures.photo(size=(width, width // 2)))
    made = by_key(image)
    expected = {("webp", w) for w in srcset} | {("jpeg", w) for w in srcset} | {("jpeg", og)}
    assert set(made) == expected
    for (fmt, w), rendition in made.items():
        decoded = pictures.open_bytes(stored(rendition))
        assert decoded.size == (w, round(w / 2)) == (rendition.width, rendition.height)
        assert decoded.format == {"webp": "WEBP", "jpeg": "JPEG"}[fmt]
        assert rendition.file_size == len(stored(rendition))


def test_a_portrait_keeps_its_proportions(db):
    image = upload(pictures.photo(size=(900, 1350)))
    assert {(r.width, r.height) for r in image.renditions.all()} == {
        (320, 480),
        (640, 960),
        (900, 1350),
    }


@pytest.mark.parametrize(
    "mode, color, fmt",
    [
        ("RGBA", (255, 0, 0, 128), "PNG"),
        ("LA", (90, 128), "PNG"),
        ("RGBA", (255, 0, 0, 255), "JPEG"),  # an alpha channel with nothing see-through
    ],
)
def test_transparency_falls_back_to_png_and_only_then(db, mode, color, fmt):
    image = upload(pictures.photo("PNG", size=(700, 400), color=color, mode=mode), "a.png")
    fallback = "png" if fmt == "PNG" else "jpeg"
    found = renditions.candidates(image)
    assert [(r.format, r.width) for r in found.webp] == [("webp", w) for w in (320, 640, 700)]
    assert [(r.format, r.width) for r in found.fallback] == [(fallback, w) for w in (320, 640, 700)]
    png = [r for r in image.renditions.all() if r.format == "png"]
    for rendition in png:
        assert pictures.open_bytes(stored(rendition)).mode == "RGBA"
    # Open Graph is always a JPEG, flattened on white.
    og = renditions.og_rendition(image)
    assert (og.format, og.width) == ("jpeg", 700)


def test_a_palette_png_with_a_transparent_colour_keeps_it(db):
    picture = pictures.solid((100, 80), (0, 128, 0)).convert("P")
    picture.paste(0, (0, 0, 50, 80))  # left half: palette entry 0, made transparent
    data = pictures.encode(picture, "PNG", transparency=0)
    image = upload(data, "a.png")
    png = by_key(image)[("png", 100)]
    decoded = pictures.open_bytes(stored(png))
    assert decoded.getpixel((10, 10))[3] == 0
    assert decoded.getpixel((90, 10))[3] == 255


def test_exif_orientation_is_applied(db):
    # Stored sideways with orientation 6 ("turn 90° clockwise to view"): the left half of
    # the stored pixels is the top of the picture as shown.
    data = pictures.encode(
        pictures.halves((600, 400)), "JPEG", exif=pictures.telltale_exif(orientation=6)
    )
    image = upload(data)
    assert (image.width, image.height) == (400, 600)
    for rendition in image.renditions.all():
        assert rendition.height > rendition.width
        decoded = pictures.open_bytes(stored(rendition))
        assert decoded.size == (rendition.width, rendition.height)
        top, bottom = (rendition.width // 2, 5), (rendition.width // 2, rendition.height - 5)
        assert close_to(decoded.convert("RGB").getpixel(top), (255, 0, 0), 40)
        assert close_to(decoded.convert("RGB").getpixel(bottom), (0, 0, 255), 40)


def test_a_large_jpeg_takes_the_fast_path_and_still_turns_upright(db):
    # 2000 px wide: decoded at half scale for the 1600-wide rendition.
    data = pictures.encode(
        pictures.halves((2000, 1200)), "JPEG", exif=pictures.telltale_exif(orientation=8)
    )
    image = upload(data)
    assert (image.width, image.height) == (1200, 2000)
    largest = by_key(image)[("webp", 1024)]
    assert (largest.width, largest.height) == (1024, 1707)
    # Orientation 8 (turn 90° counter-clockwise): the stored left half is at the bottom.
    decoded = pictures.open_bytes(stored(largest)).convert("RGB")
    assert close_to(decoded.getpixel((512, 1700)), (255, 0, 0), 40)
    assert close_to(decoded.getpixel((512, 5)), (0, 0, 255), 40)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_no_metadata_reaches_a_rendition(db, fmt):
    options = {
        "exif": pictures.telltale_exif(),
        "icc_profile": pictures.swapped_primaries_profile(),
    }
    if fmt == "JPEG":
        options.update(comment=pictures.SECRET_COMMENT, xmp=pictures.XMP)
    if fmt == "WEBP":
        options.update(xmp=pictures.XMP)
    data = pictures.encode(pictures.solid((800, 600)), fmt, **options)
    source = pictures.open_bytes(data)
    assert source.getexif().get_ifd(pictures.GPS_IFD)  # the test's own premise
    assert pictures.SERIAL.encode() in data
    image = upload(data, f"a.{fmt.lower()}")
    assert image.renditions.count() == 6  # 320, 640, 800 in WebP and JPEG
    for rendition in image.renditions.all():
        raw = stored(rendition)
        decoded = pictures.open_bytes(raw)
        assert not decoded.getexif(), rendition
        assert not decoded.getexif().get_ifd(pictures.GPS_IFD)
        assert pictures.SERIAL.encode() not in raw
        assert pictures.SECRET_COMMENT not in raw
        assert b"toasoan-xmp-marker" not in raw
        assert b"Canon" not in raw
        assert not {"exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp"} & set(
            decoded.info
        )


def test_an_embedded_colour_profile_is_applied_before_it_is_dropped(db):
    # Stored red under a profile whose "red" is sRGB green: readers must see green.
    data = pictures.encode(
        pictures.solid((400, 300), (255, 0, 0)),
        "JPEG",
        icc_profile=pictures.swapped_primaries_profile(),
        quality=95,
    )
    image = upload(data)
    for rendition in image.renditions.all():
        red, green, blue = colour_at(rendition, (200, 150))
        assert green > 200 and red < 60 and blue < 60, (rendition, (red, green, blue))


def test_cmyk_is_converted_to_rgb(db):
    data = pictures.encode(pictures.solid((400, 300), (0, 255, 255, 0), "CMYK"), "JPEG")
    assert pictures.open_bytes(data).mode == "CMYK"
    image = upload(data)
    for rendition in image.renditions.all():
        assert pictures.open_bytes(stored(rendition)).mode == "RGB"
        assert close_to(colour_at(rendition, (200, 150)), (255, 0, 0), 12)


@pytest.mark.parametrize("value, grey", [(32768, 128), (65535, 255), (8192, 32)])
def test_sixteen_bit_greys_are_scaled_not_clipped(db, value, grey):
    data = pictures.encode(pictures.solid((400, 300), value, "I;16"), "PNG")
    assert pictures.open_bytes(data).mode == "I;16"
    image = upload(data, "a.png")
    for rendition in image.renditions.all():
        assert close_to(colour_at(rendition, (200, 150)), (grey, grey, grey), 3)


def test_a_gif_is_shown_by_its_first_frame(db):
    image = upload(pictures.animated_gif(), "a.gif")
    assert image.renditions.count() == 2
    for rendition in image.renditions.all():
        decoded = pictures.open_bytes(stored(rendition))
        assert getattr(decoded, "n_frames", 1) == 1
        assert close_to(decoded.convert("RGB").getpixel((20, 15)), (255, 0, 0), 12)


def test_renditions_are_made_once_and_reused(db, stored_files):
    image = upload(pictures.photo(size=(800, 600)))
    files, ids = stored_files(), set(image.renditions.values_list("pk", flat=True))
    image.caption = "Chú thích mới"
    image.save()
    reloaded = Image.objects.get(pk=image.pk)
    reloaded.alt_text = "Mô tả"
    reloaded.save()
    assert stored_files() == files
    assert set(image.renditions.values_list("pk", flat=True)) == ids


def test_deleting_an_image_deletes_its_files_after_the_commit(
    db, stored_files, django_capture_on_commit_callbacks
):
    image = upload(pictures.photo(size=(800, 600)))
    # The original, 6 renditions, and 13 crops: 16:9 and 1:1 at three widths in WebP and
    # JPEG, 1.91:1 in JPEG.
    assert len(stored_files()) == 1 + 6 + 13
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert stored_files() == set()
    assert not Rendition.objects.exists()


def test_a_shared_original_survives_deleting_one_of_its_records(
    db, stored_files, django_capture_on_commit_callbacks
):
    image = upload(pictures.photo(size=(300, 200)))
    clone = Image.objects.create(file=image.file.name, width=300, height=200)
    with django_capture_on_commit_callbacks(execute=True):
        clone.delete()
    assert image.file.name in stored_files()


def test_a_failure_while_storing_renditions_leaves_nothing(db, stored_files, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Rendition.objects, "bulk_create", broken)
    with pytest.raises(OSError):
        upload(pictures.photo(size=(800, 600)))
    assert stored_files() == set()
    assert not Image.objects.exists()


def test_only_the_storage_api_is_used(db, settings):
    # An in-memory storage stands in for an S3 bucket: no local paths anywhere.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    image = upload(pictures.photo(size=(700, 500)))
    assert image.renditions.count() == 6
    for rendition in image.renditions.all():
        assert default_storage.exists(rendition.file.name)
        assert pictures.open_bytes(stored(rendition)).width == rendition.width
    assert default_storage.exists(image.file.name)


def test_make_renditions_fills_in_images_that_have_none(db, stored_files):
    from django.core.management import call_command

    image = upload(pictures.photo(size=(700, 500)))
    Rendition.objects.all().delete()
    call_command("make_renditions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(by_key(image)) == {
        ("webp", 320),
        ("webp", 640),
        ("webp", 700),
        ("jpeg", 320),
        ("jpeg", 640),
        ("jpeg", 700),
    }


def test_the_pixels_are_decoded_once_per_upload(db, monkeypatch):
    from PIL import ImageFile

    loads = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: loads.append(self) or load(self))
    upload(pictures.photo(size=(4000, 2000)))
    # Once, shared by validation and renditions, and by libjpeg at half scale: 2000 px is
    # the smallest of 4000, 2000, 1000 and 500 that still covers the 1600-wide rendition.
    assert len({id(picture) for picture in loads}) == 1
    assert {picture.size for picture in loads} == {(2000, 1000)}


def test_making_renditions_costs_a_fixed_number_of_queries(db):
    with CaptureQueriesContext(connection) as queries:
        upload(pictures.photo(size=(1700, 1000)))
    # Save the image, insert the renditions in one statement and the crops in another,
    # note them on the image row, plus the transaction.
    assert len(queries) <= 6, [q["sql"] for q in queries]


def test_a_page_reads_renditions_from_the_image_row_without_a_query(db):
    image = upload(pictures.photo(size=(1700, 1000)))
    fresh = Image.objects.get(pk=image.pk)
    with CaptureQueriesContext(connection) as queries:
        found = renditions.candidates(fresh)
    assert len(queries) == 0
    assert [c.width for c in found.webp] == [320, 640, 1024, 1600]
    assert found.fallback[0].file.url.endswith("-320w.jpg")
