"""The product speaks Vietnamese, and English to whoever asks: every string of ours has a
Vietnamese translation, the committed .mo files are the .po files compiled, the catalogue
is in step with the code, and the pages people use actually render in Vietnamese."""

import ast
import json
import re
import shutil
import struct
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from articles.models import ArticleDailyViews, Status
from tests import factories

BASE = Path(settings.BASE_DIR)
LOCALE = BASE / "locale"
OURS_VI = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
OURS_EN = LOCALE / "en" / "LC_MESSAGES" / "django.po"
THIRD_PARTY = LOCALE / "third_party" / "vi" / "LC_MESSAGES"
VIETNAMESE_CATALOGUES = [OURS_VI, THIRD_PARTY / "django.po", THIRD_PARTY / "djangojs.po"]
ALL_CATALOGUES = [*VIETNAMESE_CATALOGUES, OURS_EN]
# What `make messages` skips, as in the Makefile.
NOT_SCANNED = {".venv", "bench", "media", "staticfiles", "tests", "locale", "node_modules"}


def read_po(path):
    """The entries of a .po file: dicts with msgctxt, msgid, msgid_plural, msgstr (a list,
    one item per plural form) and flags."""
    entries, entry, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():  # a blank line ends an entry
            if entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry or {"msgctxt": None, "msgid_plural": None, "msgstr": [], "flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.fullmatch(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")', line):
            key = match[1]
            value = ast.literal_eval(match[2])
            if key.startswith("msgstr"):
                entry["msgstr"].append(value)
            else:
                entry[key] = value
        else:
            value = ast.literal_eval(line)
            if key.startswith("msgstr"):
                entry["msgstr"][-1] += value
            else:
                entry[key] += value
    return entries


def messages(path):
    return [entry for entry in read_po(path) if entry["msgid"]]


def label(entry):
    return entry["msgid"][:60]


def read_mo(path):
    """A compiled catalogue as msgfmt wrote it: {key: translation}, keys and values as in
    the GNU .mo format (context\\x04msgid, msgid\\x00plural, forms joined by \\x00)."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    count, originals, translations = struct.unpack(order + "3I", data[8:20])
    catalogue = {}
    for index in range(count):
        length, offset = struct.unpack(order + "2I", data[originals + 8 * index :][:8])
        key = data[offset : offset + length].decode()
        length, offset = struct.unpack(order + "2I", data[translations + 8 * index :][:8])
        catalogue[key] = data[offset : offset + length].decode()
    return catalogue


def po_as_mo(path):
    """What the .mo of ``path`` must hold: its translated, non-fuzzy entries."""
    catalogue = {}
    for entry in read_po(path):
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"]):
            continue
        key = entry["msgid"]
        if entry["msgid_plural"] is not None:
            key += "\x00" + entry["msgid_plural"]
        if entry["msgctxt"] is not None:
            key = entry["msgctxt"] + "\x04" + key
        catalogue[key] = "\x00".join(entry["msgstr"])
    # msgfmt leaves out the one header line that changes on every `makemessages`.
    catalogue[""] = re.sub(r"POT-Creation-Date: [^\n]*\n", "", catalogue[""])
    return catalogue


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


# The catalogues


@pytest.mark.parametrize("path", VIETNAMESE_CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_every_message_has_a_vietnamese_translation_and_none_is_fuzzy(path):
    entries = messages(path)
    assert entries
    assert [label(e) for e in entries if not all(e["msgstr"])] == []
    assert [label(e) for e in read_po(path) if "fuzzy" in e["flags"]] == []


@pytest.mark.parametrize("path", VIETNAMESE_CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_vietnamese_has_one_plural_form(path):
    header = read_po(path)[0]
    assert header["msgid"] == ""
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"][0]
    plurals = [e for e in messages(path) if e["msgid_plural"] is not None]
    assert all(len(e["msgstr"]) == 1 for e in plurals)


@pytest.mark.parametrize("path", VIETNAMESE_CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_translations_keep_every_placeholder(path):
    wrong = []
    for entry in messages(path):
        # The one Vietnamese form serves every number, so it follows the plural msgid.
        source = entry["msgid_plural"] or entry["msgid"]
        if placeholders(entry["msgstr"][0]) != placeholders(source):
            wrong.append(label(entry))
    assert wrong == []


def test_english_lists_the_same_messages_and_translates_the_vietnamese_ones():
    vietnamese = {(e["msgctxt"], e["msgid"]) for e in messages(OURS_VI)}
    english = messages(OURS_EN)
    assert {(e["msgctxt"], e["msgid"]) for e in english} == vietnamese
    assert [label(e) for e in english if "fuzzy" in e["flags"]] == []
    # The msgids are English, except the role names kept in Vietnamese in the database.
    with translation.override("en"):
        assert translation.gettext("Phóng viên") == "Reporter"
        assert translation.gettext("Biên tập viên") == "Editor"


@pytest.mark.parametrize("path", ALL_CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_the_committed_mo_is_the_po_compiled(path):
    # Compared by content, not by file times: a fresh checkout writes both in any order.
    assert read_mo(path.with_suffix(".mo")) == po_as_mo(path)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext")
def test_the_catalogue_lists_exactly_the_messages_in_the_code(tmp_path, settings, monkeypatch):
    """A string added to the code without `make messages` (or one left behind) fails here."""
    for child in BASE.iterdir():
        if child.is_dir() and child.name not in NOT_SCANNED and not child.name.startswith("."):
            shutil.copytree(child, tmp_path / child.name, ignore=shutil.ignore_patterns("*.pyc"))
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["vi"], no_obsolete=True, verbosity=0)

    in_code = {(e["msgctxt"], e["msgid"]) for e in messages(tmp_path / OURS_VI.relative_to(BASE))}
    in_catalogue = {(e["msgctxt"], e["msgid"]) for e in messages(OURS_VI)}
    assert sorted(in_code - in_catalogue, key=str) == [], "run `make messages` and translate"
    assert sorted(in_catalogue - in_code, key=str) == [], "run `make messages`"


# What people see


@pytest.fixture
def read_story(db, section):
    story, _other = factories.ArticleFactory.create_batch(2, published=True, section=section)
    ArticleDailyViews.objects.create(article=story, day=story.publication_at.date(), count=12)
    return story


def test_the_home_page_is_in_vietnamese(client, read_story):
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page
    for words in ["Đọc nhiều", "Bỏ qua đến nội dung chính", "Tất cả chuyên mục", "Trang chủ"]:
        assert words in page
    for words in ["Most read", "Skip to content", "All sections"]:
        assert words not in page


def test_a_story_page_is_in_vietnamese(client, read_story):
    page = client.get(read_story.get_absolute_url()).content.decode()
    for words in ["Tin mới", "Chia sẻ", "Sao chép liên kết", 'data-copied="Đã sao chép"']:
        assert words in page
    assert "Latest news" not in page


def test_a_missing_page_says_so_in_vietnamese(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang này" in response.content.decode()


def test_a_reporter_writes_in_vietnamese(reporter_client, section):
    page = reporter_client.get(factories.add_url()).content.decode()
    for words in [
        "Lưu và gửi duyệt",
        "Chuyên mục, thẻ và tác giả",
        "Ảnh đại diện",
        "Bắt buộc để xuất bản.",
        "Các thẻ cách nhau bằng dấu phẩy; một thẻ có thể gồm nhiều từ",  # articles.tags
        json.dumps("Đoạn văn"),  # the editor's heading menu, in its JSON configuration
    ]:
        assert words in page
    for words in ["Save and hand in", "Featured image", "A comma-separated list of tags."]:
        assert words not in page


def test_an_editor_reads_the_story_list_in_vietnamese(editor_client, reporter, section):
    factories.story(reporter, section=section, status=Status.IN_REVIEW)
    page = editor_client.get(factories.changelist_url()).content.decode()
    for words in ["Chờ duyệt", "Xuất bản ngay các bài đã chọn", "Đang hiển thị trên trang"]:
        assert words in page


def test_the_admin_calendar_names_the_days_in_vietnamese(editor_client):
    catalogue = editor_client.get(reverse("admin:jsi18n")).content.decode()
    assert "Ch\\u1ee7 nh\\u1eadt" in catalogue or "Chủ nhật" in catalogue


@pytest.mark.parametrize("ask", ["cookie", "choice"])
def test_the_admin_speaks_english_to_who_asks(reporter_client, section, ask):
    # Asked by choosing it (the header's switch, kept in the profile and a cookie); a
    # browser's Accept-Language is not a choice (tests/accounts/test_language.py).
    if ask == "cookie":
        reporter_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    else:
        reporter_client.post(reverse("accounts:language"), {"language": "en"})
    page = reporter_client.get(factories.add_url()).content.decode()
    for words in ["Save and hand in", "Featured image", '"Paragraph"', '"language": "en"']:
        assert words in page
    for words in ["Lưu và gửi duyệt", "Ảnh đại diện", json.dumps("Đoạn văn")]:
        assert words not in page


def test_a_forbidden_page_says_so_in_vietnamese(reporter_client):
    response = reporter_client.get(reverse("admin:sections_section_add"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Bạn không được mở trang này" in page
    assert "Về bàn làm việc" in page
