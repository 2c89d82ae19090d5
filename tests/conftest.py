"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache, caches
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reporter(db):
    return factories.reporter(username="phongvien")


@pytest.fixture
def other_reporter(db):
    return factories.reporter(username="phongvien2")


@pytest.fixture
def editor(db):
    return factories.editor(username="bientap")


@pytest.fixture
def section(db):
    return factories.SectionFactory(name="Thời sự")


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_user(db):
    """A staff account in no role group: it may log in to the admin and do nothing else."""
    return factories.UserFactory(username="nhanvien")


@pytest.fixture
def client_for(db):
    """A test client logged in as ``user`` (anonymous for ``None``); several may coexist."""

    def make(user):
        new_client = Client()
        if user is not None:
            new_client.force_login(user)
        return new_client

    return make


@pytest.fixture
def media_root(settings, tmp_path):
    """An empty MEDIA_ROOT of this test's own, to see exactly which files were stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def cache_calls(monkeypatch):
    """Every call this process makes to the cache server, by method name."""
    calls = []
    backend = caches["default"]
    for method in ("get", "get_many", "set", "set_many", "add", "delete"):
        original = getattr(backend, method)

        def counted(*args, _original=original, _method=method, **kwargs):
            calls.append(_method)
            return _original(*args, **kwargs)

        monkeypatch.setattr(backend, method, counted)
    return calls
