"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache

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
