"""``manage.py import_wordpress`` as the newsroom's IT person runs it: ``--dry-run`` on the
whole archive saves nothing and says what would happen; a progress line on stderr; photos
from a media folder or downloaded from a list of addresses and nowhere else; staff and
sections already here are used, not doubled; an interrupted import goes on where it
stopped."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from articles.models import Article
from galleries.models import Gallery
from images.models import Image
from sections.models import Section
from tests import factories
from wordpress import media
from wordpress.models import ImportedItem, OldAddress

from . import wxr
from .conftest import FIXTURE_POSTS, import_export, run_command, said
from .test_import import IMPORTED_STATUSES, REFUSED


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_a_dry_run_saves_nothing_and_says_what_the_import_then_does(db, small_export, media_root):
    export = small_export(FIXTURE_POSTS)
    dry, _err = run_command(export.path, "--media", export.media, "--dry-run")
    for model in (Article, Section, Image, Gallery, OldAddress, ImportedItem):
        assert not model.objects.exists(), model
    assert not get_user_model().objects.exists()
    assert files_under(media_root) == []  # each photo read and checked, none stored
    wanted = [p for p in export.posts if p.status in IMPORTED_STATUSES and p.variant not in REFUSED]
    lines = dry.splitlines()
    assert lines[0] == said("Dry run: nothing was saved. An import would do this:")
    assert (
        said(
            "Stories: %(published)d published, %(scheduled)d scheduled, %(draft)d "
            "drafts, %(in_review)d in review; %(old)d imported before.",
            published=len([p for p in wanted if p.status == "publish" and not p.password]),
            scheduled=len(export.having(status="future")),
            draft=len([p for p in wanted if p.status in {"draft", "private"} or p.password]),
            in_review=len([p for p in wanted if p.status == "pending"]),
            old=0,
        )
        in lines
    )
    done, _err = run_command(export.path, "--media", export.media)
    assert done.splitlines() == lines[1:]
    assert Article.objects.count() == len(wanted)


def test_the_progress_is_shown_on_stderr(db, small_export):
    export = small_export(30)
    _out, err = run_command(export.path, "--batch", "7")
    lines = err.splitlines()
    assert "30/30" in lines[-1] and "100%" in lines[-1]
    assert 2 <= len(lines) <= 11  # a log gets a line every tenth of the way, no more


def test_without_photos_the_stories_are_imported_and_every_photo_named(db, small_export):
    export = small_export(20)
    out, _err = run_command(export.path)
    assert Article.objects.count() == 19  # the trashed post aside
    assert not Image.objects.exists() and not Gallery.objects.exists()
    assert said("no media folder or address list was given") in out


def test_photos_are_downloaded_from_the_address_list_and_nowhere_else(
    db, small_export, tmp_path, monkeypatch
):
    export = small_export(10)
    names = sorted(name for name, written in export.attachments.values() if written)
    listed = names[:3]
    mirror = "https://luutru.example.vn/"
    addresses = tmp_path / "anh.txt"
    addresses.write_text(
        "# the old site's address, and where to download it now\n"
        + "".join(f"{wxr.SITE}/wp-content/uploads/{name} {mirror}{name}\n" for name in listed)
    )
    fetched = []

    def fetch(url):
        fetched.append(url)
        return (export.media / url.removeprefix(mirror)).read_bytes()

    monkeypatch.setattr(media, "download", fetch)
    out, _err = run_command(export.path, "--url-list", addresses)
    assert sorted(fetched) == sorted(mirror + name for name in listed)
    assert Image.objects.count() == len(listed)
    assert out.count(said("not in the address list")) == len(export.attachments) - len(listed)


def test_a_download_is_http_or_https_only(settings):
    with pytest.raises(media.Unavailable):
        media.download("file:///etc/passwd")


def test_a_photo_outside_the_media_folder_is_never_read(tmp_path):
    (tmp_path / "uploads").mkdir()
    (tmp_path / "bi-mat.jpg").write_bytes(b"secret")
    folder = media.Folder(tmp_path / "uploads")
    with pytest.raises(media.Unavailable):
        folder.read("../bi-mat.jpg", "")


def test_a_media_folder_that_does_not_exist_is_a_clear_error(db, small_export, tmp_path):
    export = small_export(3)
    with pytest.raises(CommandError) as refused:
        run_command(export.path, "--media", tmp_path / "khong-co")
    assert str(refused.value) == said(
        "The media folder %(path)s does not exist.", path=tmp_path / "khong-co"
    )
    with pytest.raises(CommandError) as refused:
        run_command(export.path, "--url-list", tmp_path / "khong-co.txt")
    start = said("The address list cannot be read: %(error)s").split("%(error)s")[0]
    assert str(refused.value).startswith(start)
    assert not Article.objects.exists()


def test_staff_and_sections_already_here_are_used_not_doubled(db, small_export):
    reporter = factories.reporter(username="an", email="An.Nguyen@baocu.example.vn")
    news = factories.SectionFactory(name="Thời sự", slug="thoi-su")
    export = small_export(40)
    run_command(export.path)
    assert reporter.articles.exists()
    assert not get_user_model().objects.filter(username="phongvien.an").exists()
    assert Section.objects.filter(name="Thời sự").get() == news
    assert Section.objects.get(name="Xã hội").parent == news
    reporter.refresh_from_db()
    assert reporter.is_active and reporter.has_usable_password()  # left as it was


def test_an_interrupted_import_goes_on_where_it_stopped(db, small_export):
    run_command(small_export(20).path)
    first = Article.objects.count()
    # The same site's whole export: the first 20 posts again, and 20 more.
    report = import_export(small_export(40))
    assert report.existing["posts"] == first
    # The 20 new ones but the two the allow-list refuses (too deep, too long).
    assert report.stories == 18
    assert Article.objects.count() == first + 18
    assert Section.objects.count() == len(wxr.CATEGORIES)
