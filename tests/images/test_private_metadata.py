"""An uploaded original tells nobody where, or with which camera, a photo was taken: GPS,
serial number, owner, XMP, IPTC, comments and text chunks are gone from the stored file,
whichever way it came in, while its pixels, colour profile and orientation stay."""

import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, ImageOps

from images import originals
from images.models import Image
from images.validation import validate_image_file
from tests.images import pictures

SAMPLES = {
    "jpeg": (pictures.phone_jpeg, "anh.jpg"),
    "png": (pictures.telltale_png, "anh.png"),
    "webp lossy": (pictures.telltale_webp, "anh.webp"),
    "webp lossless": (lambda: pictures.telltale_webp(lossless=True), "anh.webp"),
    "gif": (pictures.telltale_gif, "anh.gif"),
    "avif": (pictures.telltale_avif, "anh.avif"),
}


def stored_bytes(image):
    with image.file.open("rb") as file:
        return file.read()


def saved(data, name="anh.jpg", **fields):
    image = Image(file=pictures.upload(data, name), **fields)
    image.save()
    return image


def assert_nothing_private(data):
    for telltale in pictures.TELLTALES + [pictures.OWNER.encode()]:
        assert telltale not in data
    picture = pictures.open_bytes(data)
    exif = picture.getexif()
    assert set(exif) <= {ExifTags.Base.Orientation}
    assert not exif.get_ifd(pictures.GPS_IFD)
    assert not picture.info.get("xmp")
    assert "comment" not in picture.info
    assert not [key for key in picture.info if key in {"Author", "Comment", "XML:com.adobe.xmp"}]


@pytest.mark.parametrize("kind", SAMPLES)
def test_the_stored_original_holds_no_private_metadata(db, kind):
    make, name = SAMPLES[kind]
    upload = make()
    assert (
        pictures.SERIAL.encode() in upload or b"toasoan-xmp-marker" in upload
    )  # the test means it
    image = saved(upload, name)
    assert_nothing_private(stored_bytes(image))
    assert image.file_size == len(stored_bytes(image))


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp lossy", "webp lossless", "avif"])
def test_the_colour_profile_stays(db, kind):
    make, name = SAMPLES[kind]
    image = saved(make(), name)
    assert pictures.open_bytes(stored_bytes(image)).info["icc_profile"] == pictures.ICC


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp lossy", "webp lossless", "gif"])
def test_the_pixels_are_not_touched(db, kind):
    # Not recompressed: every pixel decodes exactly as the upload's did.
    make, name = SAMPLES[kind]
    upload = make()
    image = saved(upload, name)
    before, after = pictures.open_bytes(upload), pictures.open_bytes(stored_bytes(image))
    assert after.tobytes() == before.tobytes()
    assert getattr(after, "n_frames", 1) == getattr(before, "n_frames", 1)


def test_a_jpeg_keeps_its_compressed_picture_byte_for_byte(db):
    upload = pictures.phone_jpeg()
    stored = stored_bytes(saved(upload))
    scan = upload.index(b"\xff\xda")
    end = upload.index(b"\xff\xd9", scan) + 2  # the end of the first picture
    assert stored.endswith(upload[scan:end])  # and nothing after it: the phone's trailer
    assert stored.count(b"\xff\xd8") == 1


def test_a_turned_jpeg_keeps_its_orientation_and_nothing_else(db):
    upload = pictures.phone_jpeg(orientation=6)
    image = saved(upload)
    stored = pictures.open_bytes(stored_bytes(image))
    assert dict(stored.getexif()) == {ExifTags.Base.Orientation: 6}
    assert stored.tobytes() == pictures.open_bytes(upload).tobytes()  # not recompressed
    upright = ImageOps.exif_transpose(stored)
    assert upright.size == (48, 64) == (image.width, image.height)
    # Turned a quarter clockwise: the left half (red) is now on top.
    red, _green, blue = upright.getpixel((24, 5))
    assert red > 200 and blue < 60


@pytest.mark.parametrize("kind", ["png", "webp"])
def test_a_turned_png_or_webp_is_turned_in_its_pixels_losslessly(db, kind):
    if kind == "png":
        upload = pictures.telltale_png(orientation=6)
    else:
        upload = pictures.encode(
            pictures.halves((64, 48)), "WEBP", lossless=True, exif=pictures.phone_exif(6)
        )
    stored = pictures.open_bytes(stored_bytes(saved(upload, f"anh.{kind}")))
    assert not stored.getexif()
    expected = ImageOps.exif_transpose(pictures.open_bytes(upload))
    assert stored.size == (48, 64)
    assert stored.convert("RGB").tobytes() == expected.convert("RGB").tobytes()


def test_avif_keeps_its_orientation(db):
    upload = pictures.encode(pictures.halves((64, 48)), "AVIF", exif=pictures.phone_exif(6))
    image = saved(upload, "anh.avif")
    stored = pictures.open_bytes(stored_bytes(image))
    assert set(stored.getexif()) == {ExifTags.Base.Orientation}
    assert ImageOps.exif_transpose(stored).size == (48, 64) == (image.width, image.height)


@pytest.mark.parametrize("kind", [*SAMPLES, "turned jpeg"])
def test_cleaning_a_clean_original_changes_nothing(kind):
    make, name = SAMPLES.get(kind, (lambda: pictures.phone_jpeg(orientation=6), "anh.jpg"))
    upload = SimpleUploadedFile(name, make())
    info = validate_image_file(upload)
    once = originals.clean(upload.read(), info)
    again = originals.clean(once, validate_image_file(SimpleUploadedFile(name, once)))
    assert again == once


def test_the_jfif_header_stays_without_its_thumbnail():
    data = pictures.encode(pictures.solid(), "JPEG")
    assert data[6:11] == b"JFIF\x00"
    thumbnail = bytes([2, 2]) + bytes(12)  # a 2×2 RGB thumbnail
    app0_length = struct.unpack(">H", data[4:6])[0]
    jfif = data[6 : 4 + app0_length - 2] + thumbnail
    data = (
        data[:2] + struct.pack(">BBH", 0xFF, 0xE0, len(jfif) + 2) + jfif + data[4 + app0_length :]
    )
    cleaned = originals.clean(data, validate_image_file(SimpleUploadedFile("a.jpg", data)))
    assert cleaned[6:11] == b"JFIF\x00"
    assert struct.unpack(">H", cleaned[4:6])[0] == 16
    assert pictures.open_bytes(cleaned).tobytes() == pictures.open_bytes(data).tobytes()


def test_the_editor_upload_stores_a_clean_original(reporter_client):
    response = reporter_client.post(
        reverse("images:editor-upload"),
        {"upload": pictures.upload(pictures.phone_jpeg(orientation=6))},
    )
    assert response.status_code == 200
    image = Image.objects.get()
    assert_nothing_private(stored_bytes(image))
    # Nothing the editor is given points at the original.
    assert image.file.name not in response.json()["url"]


def test_the_admin_form_stores_a_clean_original_and_keeps_what_staff_typed(editor_client):
    fields = {
        "caption": "Lũ về ở Quảng Bình",
        "alt_text": "Nước ngập mái nhà",
        "credit": "Ảnh: CTV",
    }
    response = editor_client.post(
        reverse("admin:images_image_add"),
        {**fields, "file": pictures.upload(pictures.phone_jpeg())},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert_nothing_private(stored_bytes(image))
    assert (image.caption, image.alt_text, image.credit) == tuple(fields.values())


def test_the_renditions_are_made_from_the_whole_picture(db):
    # Cleaning happens on the bytes kept for storage, not on what the renditions use.
    image = saved(pictures.phone_jpeg(orientation=6))
    assert {(r.width, r.height) for r in image.renditions.all()} == {(48, 64)}


def test_a_bigger_photo_is_stored_at_its_own_quality(db):
    noise = pictures.PILImage.effect_noise((800, 600), 40).convert("RGB")
    upload = pictures.encode(
        noise, "JPEG", quality=95, exif=pictures.phone_exif(), icc_profile=pictures.ICC
    )
    stored = stored_bytes(saved(upload))
    # Only the metadata went: the size differs by what it weighed, not by a new encode.
    assert len(upload) - len(stored) < 1024
    assert pictures.open_bytes(stored).quantization == pictures.open_bytes(upload).quantization


# Files Pillow reads whose structure strays from their format's: stored clean, never a 500.
def junk_between_jpeg_segments():
    data = pictures.phone_jpeg(orientation=6)
    scan = data.find(b"\xff\xda")  # libjpeg skips stray bytes before a marker
    return data[:scan] + b"\x00" + data[scan:]


STRAYING = {
    "jpeg with bytes between segments": (junk_between_jpeg_segments, "anh.jpg", 6),
    "gif without its trailer": (lambda: pictures.telltale_gif()[:-1], "anh.gif", 1),
}


@pytest.mark.parametrize("kind", STRAYING)
def test_a_file_that_strays_from_its_format_is_stored_clean(reporter_client, kind):
    make, name, orientation = STRAYING[kind]
    upload = make()
    assert pictures.SERIAL.encode() in upload or b"toasoan-xmp-marker" in upload
    response = reporter_client.post(
        reverse("images:editor-upload"), {"upload": pictures.upload(upload, name)}
    )
    assert response.status_code == 200
    stored = stored_bytes(Image.objects.get())
    assert_nothing_private(stored)
    assert pictures.open_bytes(stored).getexif().get(ExifTags.Base.Orientation, 1) == orientation
