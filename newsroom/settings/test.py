"""Test runs: fast hashing, in-memory cache, files in a throwaway folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="toasoan-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = False
# Off for the suite: tests change content inside transactions that never commit, so no
# new generation would start. tests/cache switches it on.
PAGE_CACHE = False
FRAGMENT_CACHE = False
CDN_PURGE_URL = ""
# The same database under a second alias, for the replica routing tests (tests/cache);
# no router uses it unless a test installs one.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# Off but where a test turns it on (tests/accounts): most tests sign editors in directly.
SECOND_FACTOR_REQUIRED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
