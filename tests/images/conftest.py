"""Fixtures for the image tests: each test gets its own empty media folder."""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored_files(media_root):
    """The names of every file in the media folder, at the moment of the call."""

    def listing():
        if not media_root.exists():
            return set()
        return {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()}

    return listing
