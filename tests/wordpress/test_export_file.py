"""Reading the export file: a file that is no readable export (an entity bomb, an external
entity, a truncated download, an RSS feed) is refused with a clear message before anything
is imported; what WordPress writes that no XML parser takes (control characters) is read;
each post comes with its comments."""

import pytest
from django.core.management.base import CommandError

from articles.models import Article
from sections.models import Section
from wordpress import comments, wxr
from wordpress.models import ImportedItem

from .conftest import run_command, said

DOCTYPE = (
    "The file declares a document type, which a WordPress export never "
    "does; it was not read (it could make the reader expand entities)."
)

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "hahahahahahahahahahahahahahahahaha">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><title>&c;</title></channel></rss>
"""
EXTERNAL = """<?xml version="1.0"?>
<!-- a comment first, as some exports have -->
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title></channel></rss>
"""
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Tin mới</title><link>https://vnexpress.net</link>
<item><title>Một tin</title></item></channel></rss>
"""


@pytest.fixture
def write(tmp_path):
    def make(text, name="export.xml"):
        path = tmp_path / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path

    return make


def nothing_imported():
    return not (
        Article.objects.exists() or Section.objects.exists() or ImportedItem.objects.exists()
    )


@pytest.mark.parametrize("text", [BOMB, EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_a_document_type_declaration_is_refused_unread(db, write, text):
    with pytest.raises(wxr.ExportError) as refused:
        wxr.read_catalogue(write(text))
    assert str(refused.value) == said(DOCTYPE)
    with pytest.raises(CommandError) as refused:
        run_command(write(text))
    assert str(refused.value) == said(DOCTYPE)
    assert nothing_imported()


def test_a_truncated_export_is_refused_before_anything_is_imported(db, small_export):
    export = small_export(20)
    whole = export.path.read_bytes()
    export.path.write_bytes(whole[: len(whole) * 2 // 3])
    with pytest.raises(CommandError, match="</rss>"):
        run_command(export.path, "--media", export.media)
    assert nothing_imported()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (RSS, "The file is XML, but not a WordPress export (no WXR version)."),
        ("Xin chào", "The file is not an XML document."),
        ("", "The file is not an XML document."),
        (
            "\ufeff<?xml version='1.0'?>".encode("utf-16"),
            "The file is not in UTF-8, as WordPress exports are.",
        ),
    ],
    ids=["rss-feed", "text", "empty", "utf-16"],
)
def test_a_file_that_is_no_export_is_refused(db, write, text, message):
    with pytest.raises(CommandError) as refused:
        run_command(write(text))
    assert str(refused.value) == said(message)
    assert nothing_imported()


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError) as refused:
        run_command(tmp_path / "khong-co.xml")
    assert str(refused.value) == said("There is no file %(path)s.", path=tmp_path / "khong-co.xml")


def test_control_characters_wordpress_writes_are_read(small_export):
    export = small_export(8)
    assert b"\x0b" in export.path.read_bytes()  # no XML parser takes it as it is
    titles = {post.id: post.title for post in wxr.posts(export.path)}
    assert titles[160] == "Tin nhanh sáng nay"


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_is_read(small_export, version):
    export = small_export(8)
    text = export.path.read_text(encoding="utf-8").replace("export/1.2/", f"export/{version}/")
    export.path.write_text(text, encoding="utf-8")
    catalogue = wxr.read_catalogue(export.path)
    assert catalogue.post_count == 8 and len(catalogue.authors) == 6
    posts = [p for p in wxr.posts(export.path) if p.type == "post" and p.status != "auto-draft"]
    assert len(posts) == 8


def test_the_catalogue_holds_what_posts_refer_to(small_export):
    export = small_export(12)
    catalogue = wxr.read_catalogue(export.path)
    assert catalogue.source == "https://baocu.example.vn"
    assert catalogue.authors["tran quang huy"].display_name == "Trần Quang Huy"
    football = next(c for c in catalogue.categories if c.slug == "bong-da")
    assert football.parent == "th%e1%bb%83-thao"
    photo = catalogue.attachments[121]
    assert photo.parent == 120 and photo.file == export.attachments[121][0]
    assert photo.url.endswith(photo.file)
    assert catalogue.items["nav_menu_item"] == 3 and catalogue.items["attachment"] == len(
        export.attachments
    )


def test_each_post_comes_with_the_comments_readers_saw(small_export):
    export = small_export(12)
    commented = next(p for p in export.posts if p.comments)
    post = next(p for p in wxr.posts(export.path) if p.id == commented.wp_id)
    assert len(post.comments) == 5
    shown = comments.approved(post.comments)
    # Approved, and its approved reply; not the pending, spam or pingback ones.
    assert [c.approved for c in shown] == ["1", "1"]
    assert shown[1].parent == shown[0].id
    assert shown[0].author and shown[0].date is not None
