"""What some tests drive besides Python, each named once with how to install it.

A test that needs one is marked ``@pytest.mark.needs("nginx")``, or its fixture calls
``require(request, "redis")``. When the part is missing the test is skipped with the
reason and counted in the run's closing summary (``tests/conftest.py``), which says how
to install what was missing; under CI (``CI=true``) it fails instead: CI must run it all.
The browser journeys find Chromium themselves (``tests/e2e/conftest.py``) and are counted
the same way under "chromium". ``TESTS_WITHOUT=nginx,redis`` treats parts as missing."""

import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
# Parts to treat as missing even where they are installed (TESTS_WITHOUT=nginx,redis):
# to see what a machine without them gets.
WITHOUT = set(filter(None, os.environ.get("TESTS_WITHOUT", "").replace(" ", "").split(",")))
# The key under which a skipped test's report names the part it lacked.
PROPERTY = "needs_missing"


def program(name):
    """The path of ``name`` on PATH or in /usr/sbin (Debian puts daemons there), or None."""
    found = shutil.which(name)
    if found:
        return found
    sbin = Path("/usr/sbin") / name
    return str(sbin) if sbin.exists() else None


def answers(host, port):
    try:
        socket.create_connection((host, port), timeout=0.2).close()
    except OSError:
        return False
    return True


NGINX = program("nginx")
OPENSSL = program("openssl")
VARNISHD = program("varnishd")
REDIS_SERVER = program("redis-server")


def not_found(name, path):
    return lambda: None if path else f"{name} is not installed"


def redis_down():
    return None if answers("127.0.0.1", 6379) else "no Redis answers on 127.0.0.1:6379"


@dataclass(frozen=True)
class Part:
    name: str
    tests: str  # what runs with it
    package: str  # the Debian package
    missing: object  # () -> why it is missing here, or None
    hint: str = ""  # anything beyond installing the package


PARTS = {
    # tests/e2e/conftest.py looks for Chromium (and Playwright) itself.
    "chromium": Part(
        "Chromium", "browser journeys (tests/e2e)", "chromium", lambda: None,
        "or point E2E_CHROMIUM at one",
    ),
    "nginx": Part(
        "nginx", "deploy/nginx.conf in front of the app", "nginx",
        not_found("nginx or openssl", NGINX and OPENSSL),
    ),
    "varnish": Part(
        "Varnish", "deploy/varnish.vcl compiles", "varnish", not_found("varnishd", VARNISHD)
    ),
    "redis-server": Part(
        "redis-server", "the cache while Redis stops and comes back", "redis-server",
        not_found("redis-server", REDIS_SERVER),
    ),
    "redis": Part(
        "Redis on 127.0.0.1:6379", "the page cache on a real Redis; outages", "redis-server",
        redis_down, "Debian's package starts it; else: redis-server --daemonize yes",
    ),
}  # fmt: skip


def install_command(keys):
    packages = dict.fromkeys(PARTS[key].package for key in keys)
    return "sudo apt-get install " + " ".join(packages)


def missing_part(node, key, reason):
    """Skip ``node`` (a test item) for lack of ``key``, or fail it under CI."""
    part = PARTS[key]
    node.user_properties.append((PROPERTY, (key, reason)))
    if IN_CI:
        pytest.fail(f"CI must run this test: {reason} ({part.tests})", pytrace=False)
    pytest.skip(skip_reason(key, reason))


def skip_reason(key, reason):
    return f"{reason} (apt-get install {PARTS[key].package}); CI has it"


def why_missing(key):
    """Why ``key`` cannot be used here, or None."""
    if key in WITHOUT:
        return f"{PARTS[key].name} left out (TESTS_WITHOUT)"
    return PARTS[key].missing()


def require(request, key):
    """From a fixture: go on only if ``key`` is there."""
    reason = why_missing(key)
    if reason:
        missing_part(request.node, key, reason)
