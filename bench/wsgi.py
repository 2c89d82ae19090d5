"""WSGI entry point for benchmarks: the site exactly as ``newsroom.wsgi`` serves it, with
the URLconf of ``bench/urls.py``, which adds the "hello world" view at /__bench/hello/."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")
application = get_wsgi_application()
settings.ROOT_URLCONF = "bench.urls"
