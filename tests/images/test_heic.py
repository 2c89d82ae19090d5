"""Photos from iPhones (HEIC/HEIF) are accepted like any photo: stored without the phone's
private metadata, with renditions browsers can show, shown upright."""

import pytest
from django.urls import reverse

from images import originals
from images.models import Image
from images.validation import ACCEPT, validate_image_file
from tests.images import pictures


def iphone_photo(size=(64, 48), orientation=None):
    """A HEIC as an iPhone writes one: EXIF with GPS, serial number and owner, and XMP."""
    return pictures.encode(
        pictures.halves(size),
        "HEIF",
        exif=pictures.phone_exif(orientation).tobytes(),
        xmp=pictures.XMP,
    )


def stored_bytes(image):
    with image.file.open("rb") as file:
        return file.read()


def test_the_sample_carries_what_must_not_be_stored():
    data = iphone_photo()
    assert data[4:12] == b"ftypheic"
    assert pictures.SERIAL.encode() in data and b"toasoan-xmp-marker" in data


def test_a_reporter_uploads_an_iphone_photo_from_the_editor(reporter_client, media_root):
    response = reporter_client.post(
        reverse("images:editor-upload"),
        {"upload": pictures.upload(iphone_photo(), "IMG_0042.HEIC", "image/heic")},
    )

    assert response.status_code == 200, response.content
    image = Image.objects.get(pk=response.json()["id"])
    assert image.file.name.endswith(".heic")
    assert (image.width, image.height) == (64, 48)
    # Readers are sent WebP and JPEG, never the HEIC.
    formats = {row[2] for row in image.rendition_list}
    assert formats == {"webp", "jpeg"}
    assert response.json()["url"].endswith(".jpg")


def test_the_stored_heic_holds_no_private_metadata(db, media_root):
    image = Image(file=pictures.upload(iphone_photo(), "IMG_0042.HEIC", "image/heic"))
    image.save()

    data = stored_bytes(image)
    for telltale in [*pictures.TELLTALES, pictures.OWNER.encode()]:
        assert telltale not in data
    picture = pictures.open_bytes(data)
    assert picture.format == "HEIF"
    assert not picture.info.get("xmp")
    assert not picture.getexif().get_ifd(pictures.GPS_IFD)
    assert image.file_size == len(data)


def test_a_portrait_iphone_photo_is_stored_and_shown_upright(db, media_root):
    # The phone holds the picture landscape and says "turn a quarter" (EXIF 6).
    image = Image(file=pictures.upload(iphone_photo((64, 48), orientation=6), "IMG.HEIC"))
    image.save()

    assert (image.width, image.height) == (48, 64)
    assert pictures.open_bytes(stored_bytes(image)).size == (48, 64)
    assert all(height > width for width, height, *_rest in image.rendition_list)


def test_cleaning_a_cleaned_heic_changes_nothing(db, media_root):
    image = Image(file=pictures.upload(iphone_photo(), "IMG.HEIC"))
    image.save()
    data = stored_bytes(image)
    upload = pictures.upload(data, "again.heic")
    assert originals.clean(data, validate_image_file(upload)) == data


@pytest.mark.parametrize("accepted", ["image/heic", "image/heif", ".heic"])
def test_the_file_chooser_offers_iphone_photos(accepted):
    assert accepted in ACCEPT.split(",")
