"""Fixtures for the WordPress import: an export of several hundred posts (``tests/wordpress/
wxr.py``) imported once for the module that asks for it, small exports for the rest, and
YouTube answering from its recorded oEmbed reply (tests never reach the network)."""

from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlsplit

import micawber.providers
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from wordpress import media
from wordpress.importer import Importer

from . import wxr

RECORDED = Path(__file__).parent.parent / "embeds" / "recorded" / "youtube.json"
FIXTURE_POSTS = 300


def fake_fetch(request, timeout):
    """YouTube's oEmbed endpoint, answering from the recorded reply; nothing else answers."""
    url = parse_qs(urlsplit(request.full_url).query).get("url", [""])[0]
    if url != wxr.YOUTUBE:
        raise HTTPError(request.full_url, 404, "Not Found", {}, None)
    return RECORDED.read_text()


@pytest.fixture(autouse=True)
def providers(monkeypatch):
    monkeypatch.setattr(micawber.providers, "fetch", fake_fetch)


@dataclass
class Imported:
    export: wxr.Export
    report: object


def import_export(export, **options):
    source = media.Folder(export.media) if export.media else None
    return Importer(export.path, source=source, **options).run()


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """The fixture export, imported once for the whole module (the import takes a while);
    each test runs in a savepoint of the import's transaction, rolled back at the end."""
    folder = tmp_path_factory.mktemp("wordpress")
    export = wxr.write_export(folder / "export.xml", posts=FIXTURE_POSTS, media=folder / "uploads")
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(micawber.providers, "fetch", fake_fetch)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield Imported(export, import_export(export))
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def imported(archive, db):
    return archive


@pytest.fixture
def small_export(tmp_path):
    """An export of ``posts`` posts (photos under ``tmp_path/uploads``)."""

    def make(posts=40, **kwargs):
        return wxr.write_export(
            tmp_path / "export.xml", posts=posts, media=tmp_path / "uploads", **kwargs
        )

    return make


def run_command(*args):
    """``manage.py import_wordpress`` with ``args``: (its summary, its progress lines)."""
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def said(message, plural=None, number=None, **params):
    """``message`` as the import says it to the newsroom (in Vietnamese once translated),
    its placeholders filled with ``params``."""
    with translation.override("vi"):
        if plural is None:
            text = translation.gettext(message)
        else:
            text = translation.ngettext(message, plural, number)
    return text % params if params else text
