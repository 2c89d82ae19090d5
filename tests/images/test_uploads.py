"""The one gate every image passes (admin form, editor upload, imports): the accepted
formats go in with their renditions; everything else is refused with a message that
says why, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from images import validation
from images.models import Image, Rendition
from tests import factories
from tests.images import pictures

ACCEPTED = [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif"), ("AVIF", "avif")]

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert("xss")</script><rect width="10" height="10"/></svg>'
)


def truncated_jpeg():
    data = pictures.encode(pictures.PILImage.effect_noise((600, 400), 50).convert("RGB"), "JPEG")
    return data[: len(data) // 2]


def truncated_png():
    data = pictures.encode(pictures.PILImage.effect_noise((300, 200), 50), "PNG")
    return data[: len(data) * 2 // 3]


# kind → (bytes, the file name the client claims, the code of the refusal, words of it)
REFUSED = {
    "text named .jpg": (b"Day khong phai anh.\n" * 50, "anh.jpg", "not_an_image", "not a valid"),
    "html named .png": (b"<html><body>hi</body></html>", "anh.png", "not_an_image", "not a valid"),
    "truncated jpeg": (truncated_jpeg(), "anh.jpg", "not_an_image", "damaged"),
    "truncated png": (truncated_png(), "anh.png", "not_an_image", "damaged"),
    "svg": (SVG, "logo.svg", "svg", "SVG"),
    "svg named .jpg": (b'<?xml version="1.0"?>\n' + SVG, "logo.jpg", "svg", "scripts"),
    "bomb": (pictures.png_claiming_size(40_000, 40_000), "bom.png", "bomb", "too many pixels"),
    "bmp": (pictures.photo("BMP"), "anh.bmp", "not_an_image", "JPEG, PNG, WebP"),
    "empty": (b"", "rong.jpg", "empty_file", "empty"),
}


def refusal(call):
    # The messages are lazy: read them in English too, not only raise them.
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            call()
        error = caught.value
        return error.error_list[0].code, " ".join(error.messages)


def assert_nothing_stored(stored_files):
    assert not Image.objects.exists()
    assert not Rendition.objects.exists()
    assert stored_files() == set()


@pytest.mark.parametrize("fmt, extension", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_each_accepted_format_is_stored_with_its_renditions(db, stored_files, fmt, extension):
    image = Image(file=pictures.upload(pictures.photo(fmt, size=(64, 48)), "ten.bin"))
    image.save()
    assert image.file.name.endswith(f".{extension}")
    assert "ten" not in image.file.name
    assert (image.width, image.height) == (64, 48)
    assert {(r.format, r.width) for r in image.renditions.all()} == {
        ("webp", 64),
        ("jpeg", 64),
    }
    # The original, 2 renditions, and the crops: 16:9 and 1:1 in WebP and JPEG, 1.91:1 in
    # JPEG.
    assert len(stored_files()) == 3 + 5


def test_avif_is_accepted_here_because_this_pillow_reads_it():
    # The matrix above includes AVIF; it must mean something on this machine.
    assert pictures.PILImage.registered_extensions().get(".avif") == "AVIF"
    assert validation.avif_supported()
    assert "AVIF" in validation.ACCEPTED_FORMATS


@pytest.mark.parametrize("kind", REFUSED)
def test_a_refused_file_says_why_and_stores_nothing(db, stored_files, kind):
    data, name, code, words = REFUSED[kind]
    image = Image(file=pictures.upload(data, name))
    refused_code, message = refusal(image.save)
    assert refused_code == code
    assert words.lower() in message.lower()
    assert_nothing_stored(stored_files)


def test_avif_is_refused_with_its_own_message_where_pillow_cannot_read_it(
    db, stored_files, monkeypatch
):
    monkeypatch.setattr(validation, "avif_supported", lambda: False)
    image = Image(file=pictures.upload(pictures.photo("AVIF"), "anh.avif"))
    code, message = refusal(image.save)
    assert code == "avif_unsupported"
    assert "AVIF" in message and "JPEG" in message
    assert_nothing_stored(stored_files)


def test_more_pixels_than_the_configured_limit(db, stored_files, settings):
    settings.IMAGE_MAX_PIXELS = 2_000_000
    image = Image(file=pictures.upload(pictures.photo("PNG", size=(2000, 1500))))
    code, message = refusal(image.save)
    assert code == "too_many_pixels"
    assert "3.0 megapixels" in message and "limit is 2.0" in message
    assert_nothing_stored(stored_files)


def test_more_bytes_than_the_configured_limit(db, stored_files, settings):
    settings.IMAGE_MAX_BYTES = 1_048_576
    padded = pictures.photo("PNG") + b"\0" * 1_500_000
    image = Image(file=pictures.upload(padded, "anh.png"))
    code, message = refusal(image.save)
    assert code == "too_large"
    assert "1.4 MB" in message and "limit is 1.0 MB" in message
    assert_nothing_stored(stored_files)


@pytest.mark.parametrize("kind", ["svg", "truncated jpeg", "bomb"])
def test_the_editor_upload_gives_the_same_message(editor_client, stored_files, kind):
    data, name, _code, words = REFUSED[kind]
    with translation.override("en"):
        response = factories.in_english(editor_client).post(
            reverse("images:editor-upload"),
            {"upload": pictures.upload(data, name)},
        )
    assert response.status_code == 400
    assert words.lower() in response.json()["error"]["message"].lower()
    assert_nothing_stored(stored_files)


@pytest.mark.parametrize("kind", ["svg", "truncated jpeg", "bomb", "text named .jpg"])
def test_the_admin_form_gives_the_same_message(editor_client, stored_files, kind):
    data, name, _code, words = REFUSED[kind]
    response = factories.in_english(editor_client).post(
        reverse("admin:images_image_add"),
        {"file": pictures.upload(data, name), "caption": "Ảnh", "alt_text": "", "credit": ""},
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["file"])
    assert words.lower() in errors.lower()
    assert_nothing_stored(stored_files)


def test_the_admin_form_decodes_an_upload_once(editor_client, stored_files, monkeypatch):
    calls = []
    inspect = validation._inspect
    monkeypatch.setattr(validation, "_inspect", lambda *a: calls.append(1) or inspect(*a))
    response = editor_client.post(
        reverse("admin:images_image_add"),
        {"file": pictures.upload(pictures.photo()), "caption": "Ảnh", "alt_text": "", "credit": ""},
    )
    assert response.status_code == 302
    assert Image.objects.count() == 1
    assert calls == [1]


def test_stored_bytes_are_not_read_again_by_full_clean(db, monkeypatch):
    image = Image(file=pictures.upload(pictures.photo()), alt_text="Ảnh")
    image.save()
    calls = []
    monkeypatch.setattr(validation, "_inspect", lambda *a: calls.append(1))
    Image.objects.get(pk=image.pk).full_clean()
    assert calls == []


def test_the_editor_upload_returns_the_library_record_at_a_rendition(reporter_client, reporter):
    response = reporter_client.post(
        reverse("images:editor-upload"), {"upload": pictures.upload(pictures.photo())}
    )
    assert response.status_code == 200
    image = Image.objects.get()
    jpeg = image.renditions.get(format="jpeg")
    # The body shows a rendition: the original is never a public address.
    assert response.json() == {"url": jpeg.file.url, "id": image.pk}
    assert image.uploaded_by == reporter
    assert image.renditions.count() == 2


@pytest.mark.parametrize(
    "size, orientation, shown",
    [((60, 40), 1, (60, 40)), ((60, 40), 6, (40, 60)), ((60, 40), 8, (40, 60))],
)
def test_the_record_keeps_the_size_as_the_picture_is_shown(db, size, orientation, shown):
    data = pictures.encode(pictures.halves(size), "JPEG", exif=pictures.telltale_exif(orientation))
    image = Image(file=pictures.upload(data))
    image.save()
    assert (image.width, image.height) == shown
