"""Every image that enters the library, through the editor's upload button or the admin's
image form, is a real image within the limits; anything else is refused with a clear
message and leaves nothing behind (no record, no file)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article
from images.models import Image
from tests import factories
from tests.factories import change_url, form_data

UPLOAD = "images:editor-upload"


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def upload(client, content, name="anh.jpg", content_type="image/jpeg"):
    return client.post(
        reverse(UPLOAD), {"upload": SimpleUploadedFile(name, content, content_type=content_type)}
    )


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
)

BAD_FILES = {
    "text-named-jpg": (b"Day la van ban, khong phai anh.\n" * 20, "anh.jpg", "image/jpeg"),
    "html-named-png": (b"<html><script>alert(1)</script></html>", "anh.png", "image/png"),
    "truncated-jpeg": (None, "cat-do.jpg", "image/jpeg"),
    "svg": (SVG, "logo.svg", "image/svg+xml"),
    "svg-named-png": (SVG, "logo.png", "image/png"),
    "empty": (b"", "rong.jpg", "image/jpeg"),
    "pdf": (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "tai-lieu.jpg", "image/jpeg"),
    "bmp": (factories.image_bytes("BMP"), "anh.bmp", "image/bmp"),
    "tiff": (factories.image_bytes("TIFF"), "anh.tif", "image/tiff"),
    "real-bomb": (None, "bom.png", "image/png"),
}


def bad_file(key):
    content, name, content_type = BAD_FILES[key]
    if key == "truncated-jpeg":
        content = factories.truncated_jpeg()
    elif key == "real-bomb":
        content = factories.png_bomb(20_000, 20_000)
    return content, name, content_type


# The editor's upload button


@pytest.mark.parametrize(
    "fmt, name",
    [
        ("JPEG", "ten-goc.jpg"),
        ("PNG", "ten-goc.png"),
        ("WEBP", "ten-goc.webp"),
        ("GIF", "ten-goc.gif"),
    ],
)
def test_a_real_image_becomes_a_library_record(reporter_client, reporter, media_root, fmt, name):
    response = upload(reporter_client, factories.image_bytes(fmt, size=(64, 48)), name=name)
    assert response.status_code == 200
    image = Image.objects.get()
    # The answer (what the story's body will show) is a rendition, never the original.
    assert response.json()["url"] == image.renditions.exclude(format="webp").get().file.url
    assert (image.width, image.height) == (64, 48)
    assert image.uploaded_by == reporter
    assert image.file_size > 0
    assert (media_root / image.file.name).is_file()
    # The client's file name never decides where the file goes.
    assert "ten-goc" not in image.file.name


@pytest.mark.parametrize("key", BAD_FILES)
def test_a_bad_file_is_refused_and_nothing_is_stored(editor_client, media_root, key):
    response = upload(editor_client, *bad_file(key))
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message
    assert "Traceback" not in message
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_an_oversize_file_is_refused_with_its_size(editor_client, media_root, settings):
    settings.IMAGE_MAX_BYTES = 2 * 1_048_576
    noise = factories.image_bytes("PNG", size=(1200, 1200), mode="RGB", color=(1, 2, 3))
    big = noise + b"\x00" * (3 * 1_048_576)  # a valid PNG followed by 3 MB of padding
    response = upload(editor_client, big, name="lon.png", content_type="image/png")
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "2.0" in message or "2,0" in message  # the limit, in MB
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_more_pixels_than_the_limit_is_refused(editor_client, media_root, settings):
    settings.IMAGE_MAX_PIXELS = 1_000
    response = upload(editor_client, factories.image_bytes("PNG", size=(64, 48)), "a.png")
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_a_bomb_between_our_limit_and_pillows_is_refused(editor_client, media_root):
    # 64 megapixels: over our 50 MP limit, under Pillow's own warning threshold.
    content = factories.png_bomb(8_000, 8_000)
    response = upload(editor_client, content, "bom.png", "image/png")
    assert response.status_code == 400
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_no_file_is_a_clear_error(editor_client):
    response = editor_client.post(reverse(UPLOAD), {})
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_upload_only_answers_post(editor_client):
    assert editor_client.get(reverse(UPLOAD)).status_code == 405


@pytest.mark.parametrize("who", ["anonymous", "staff_without_role", "inactive_editor"])
def test_upload_is_for_the_newsroom_only(client_for, staff_user, media_root, who):
    user = {
        "anonymous": None,
        "staff_without_role": staff_user,
        "inactive_editor": factories.editor(username="nghiviec", is_active=False),
    }[who]
    response = upload(client_for(user), factories.image_bytes())
    assert response.status_code in {302, 403}
    if response.status_code == 403:
        assert response.json()["error"]["message"]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_an_uploaded_body_image_is_linked_to_the_story(reporter_client, reporter, media_root):
    article = factories.story(reporter)
    url = upload(reporter_client, factories.image_bytes()).json()["url"]
    image = Image.objects.get()
    page = reporter_client.get(change_url(article))
    body = (
        f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="Hội trường">'
        "<figcaption>Quang cảnh hội nghị.</figcaption></figure>"
    )
    assert reporter_client.post(change_url(article), form_data(page, body=body)).status_code == 302
    assert list(Article.objects.get(pk=article.pk).body_images.all()) == [image]
    assert list(image.used_in_body.all()) == [article]

    page = reporter_client.get(change_url(article))
    reporter_client.post(change_url(article), form_data(page, body="<p>Bỏ ảnh.</p>"))
    assert not Article.objects.get(pk=article.pk).body_images.exists()


# The admin's image form


def image_form_post(client, content, name="anh.jpg", **fields):
    data = {"caption": "Quang cảnh", "alt_text": "Hội trường", "credit": "Ảnh: Minh Anh"}
    data.update(fields)
    data["file"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return client.post(reverse("admin:images_image_add"), data)


def test_admin_image_form_stores_a_real_image(editor_client, editor, media_root):
    response = image_form_post(editor_client, factories.image_bytes(size=(120, 80)))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height, image.uploaded_by) == (120, 80, editor)
    assert (image.caption, image.alt_text, image.credit) == (
        "Quang cảnh",
        "Hội trường",
        "Ảnh: Minh Anh",
    )
    assert (media_root / image.file.name).is_file()


@pytest.mark.parametrize("key", BAD_FILES)
def test_admin_image_form_refuses_a_bad_file(editor_client, media_root, key):
    content, name, _type = bad_file(key)
    response = image_form_post(editor_client, content, name)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_admin_image_form_refuses_an_oversize_file(editor_client, media_root, settings):
    settings.IMAGE_MAX_BYTES = 1_000
    response = image_form_post(editor_client, factories.image_bytes(size=(400, 300)))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_admin_image_form_refuses_control_characters_in_the_caption(editor_client, media_root):
    response = image_form_post(editor_client, factories.image_bytes(), caption="Ảnh\x1b[31m")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["caption"]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_a_model_save_cannot_bypass_the_gate(db, media_root):
    """Imports and the shell go through the same validation as the forms."""
    from django.core.exceptions import ValidationError

    image = Image(file=SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"))
    with pytest.raises(ValidationError):
        image.save()
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_upload_needs_the_csrf_token(reporter, media_root):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    refused = upload(client, factories.image_bytes())
    assert refused.status_code == 403
    assert not Image.objects.exists()
    assert stored_files(media_root) == []

    # The editor sends the token from the admin page's cookie in a header.
    client.get(reverse("admin:articles_article_add"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse(UPLOAD),
        {"upload": SimpleUploadedFile("a.jpg", factories.image_bytes(), "image/jpeg")},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    assert Image.objects.count() == 1


def test_reporter_cannot_recaption_a_colleagues_photo(reporter_client, other_reporter):
    image = factories.ImageFactory(uploaded_by=other_reporter, caption="Chú thích gốc")
    url = reverse("admin:images_image_change", args=[image.pk])
    response = reporter_client.post(url, {"caption": "Sửa trộm", "alt_text": "x", "credit": "y"})
    assert response.status_code == 403
    image.refresh_from_db()
    assert image.caption == "Chú thích gốc"
