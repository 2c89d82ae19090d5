"""When media storage cannot be written to (full, read-only, not there), the editor is
told so in plain words: a form error in the admin, a 503 answer to the editor's upload
button. Nothing is half stored (no file, no record) and the refusal is logged.

The failures are real ones where the file system can produce them: a storage folder that
is a regular file (every mkdir fails), and a file-size limit (``RLIMIT_FSIZE``) that stops
a write half way, as a full disk does."""

import contextlib
import errno
import logging
import resource
import signal

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from images.models import Image, Rendition
from tests.images import pictures

MESSAGE_EN = "The image could not be stored"
MESSAGE_VI = "Không lưu được ảnh"


@pytest.fixture
def media_is_a_file(settings, tmp_path):
    """MEDIA_ROOT is a regular file: the storage cannot make a folder in it."""
    blocker = tmp_path / "media"
    blocker.write_bytes(b"not a folder")
    settings.MEDIA_ROOT = blocker
    return blocker


@pytest.fixture
def renditions_cannot_be_written(media_root):
    """Originals can be stored, renditions cannot: their folder's place is taken by a file."""
    media_root.mkdir(parents=True)
    (media_root / "renditions").write_bytes(b"not a folder")
    return media_root


@contextlib.contextmanager
def disk_full():
    """Files written inside the block stop at 4 kB with EFBIG, as a full disk stops them.
    The limit holds for every file this process writes, pytest's own report to a log file
    included: keep only the request inside the block."""
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, handler)


def big_photo():
    noise = pictures.PILImage.effect_noise((400, 300), 60).convert("RGB")
    data = pictures.encode(noise, "JPEG", quality=95)
    assert len(data) > 4096
    return data


def refusals(caplog):
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "newsroom.security" and r.getMessage().startswith("upload_refused")
    ]


def speaking(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def post_upload(client, data, language="vi"):
    return speaking(client, language).post(
        reverse("images:editor-upload"), {"upload": pictures.upload(data)}
    )


def post_admin_form(client, data, language="vi"):
    return speaking(client, language).post(
        reverse("admin:images_image_add"),
        {
            "caption": "Lũ về",
            "alt_text": "Nước ngập",
            "credit": "Ảnh: CTV",
            "file": pictures.upload(data),
        },
    )


def files_under(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("language, words", [("en", MESSAGE_EN), ("vi", MESSAGE_VI)])
def test_the_editor_upload_answers_503_when_media_cannot_be_written(
    editor_client, media_is_a_file, caplog, language, words
):
    caplog.set_level(logging.WARNING, "newsroom.security")
    response = post_upload(editor_client, pictures.photo(), language)
    assert response.status_code == 503
    assert words in response.json()["error"]["message"]
    assert not Image.objects.exists()
    assert media_is_a_file.read_bytes() == b"not a folder"
    [logged] = refusals(caplog)
    assert "reason='storage:" in logged


def test_the_admin_form_shows_the_storage_error_next_to_the_file(
    editor_client, media_is_a_file, caplog
):
    caplog.set_level(logging.WARNING, "newsroom.security")
    response = post_admin_form(editor_client, pictures.photo(), "en")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert MESSAGE_EN in " ".join(form.errors["file"])
    assert form["caption"].value() == "Lũ về"  # what the editor typed is still there
    assert not Image.objects.exists()
    [logged] = refusals(caplog)
    assert "reason='storage:" in logged


def test_a_disk_that_fills_during_the_write_leaves_no_half_file(editor_client, media_root):
    photo = big_photo()
    with disk_full():
        response = post_upload(editor_client, photo)
    assert response.status_code == 503
    assert not Image.objects.exists()
    assert files_under(media_root) == []


def test_renditions_that_cannot_be_written_take_the_original_back(
    editor_client, renditions_cannot_be_written
):
    response = post_upload(editor_client, pictures.photo())
    assert response.status_code == 503
    assert not Image.objects.exists()
    assert not Rendition.objects.exists()
    assert files_under(renditions_cannot_be_written) == [
        renditions_cannot_be_written / "renditions"
    ]


def test_image_save_raises_a_clear_error_not_an_oserror(db, media_is_a_file):
    from images.storage import StorageUnavailable

    image = Image(file=pictures.upload(pictures.photo()))
    with pytest.raises(StorageUnavailable) as caught:
        image.save()
    assert caught.value.reason in {"ENOTDIR", "EEXIST", "FileExistsError"}
    assert image.pk is None


def test_no_space_left_is_told_as_such(editor_client, media_root, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, "newsroom.security")

    def full(name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(default_storage, "_save", full)
    response = post_upload(editor_client, pictures.photo())
    assert response.status_code == 503
    assert not Image.objects.exists()
    [logged] = refusals(caplog)
    assert "reason='storage:ENOSPC'" in logged


@pytest.mark.parametrize(
    "data, name, reason",
    [
        (b"<svg><script>alert(1)</script></svg>", "logo.svg", "svg"),
        (b"khong phai anh", "anh.jpg", "not_an_image"),
    ],
)
def test_every_refused_upload_is_logged_with_its_reason(editor_client, caplog, data, name, reason):
    caplog.set_level(logging.WARNING, "newsroom.security")
    response = editor_client.post(
        reverse("images:editor-upload"), {"upload": pictures.upload(data, name)}
    )
    assert response.status_code == 400
    response = editor_client.post(
        reverse("admin:images_image_add"), {"file": pictures.upload(data, name)}
    )
    assert response.status_code == 200
    logged = refusals(caplog)
    assert len(logged) == 2
    assert all(f"reason='{reason}'" in line and "username='bientap'" in line for line in logged)


def test_an_upload_too_large_is_logged(editor_client, settings, caplog):
    caplog.set_level(logging.WARNING, "newsroom.security")
    settings.IMAGE_MAX_BYTES = 100
    response = post_upload(editor_client, pictures.photo())
    assert response.status_code == 400
    [logged] = refusals(caplog)
    assert "reason='too_large'" in logged
