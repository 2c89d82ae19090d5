"""Fixtures shared by the whole suite."""

import ipaddress
import socket
import uuid

import pytest
from django.core.cache import cache, caches
from django.db import connections
from django.test import Client

from newsroom.caching.store import near
from tests import factories, optional


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with nothing kept: in the cache, nor in this process's copies."""
    cache.clear()
    near.clear()
    yield
    cache.clear()
    near.clear()


def _is_local(host):
    if host in {"localhost", "testserver", socket.gethostname()}:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """No test reaches the internet (an oEmbed provider, a CDN): answers are recorded. The
    code under test may swallow the refusal (a provider that fails leaves a link), so the
    test fails afterwards all the same. This machine's own services stay reachable."""
    tried = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def refuse(host):
        tried.append(host)
        raise ConnectionRefusedError(f"tests do not reach the network ({host})")

    def connect(sock, address, _real=real_connect):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            refuse(address[0])
        return _real(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_local(host if isinstance(host, str) else host.decode()):
            refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(
        socket.socket, "connect_ex", lambda sock, address: connect(sock, address, real_connect_ex)
    )
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield tried
    if tried:
        pytest.fail(f"The test tried to reach the network: {', '.join(map(str, tried))}")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` runs, on leaving the block, what waits for the transaction to
    commit (the test's own transaction never does)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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


def switch_caches_on(settings):
    """Every cache layer on, as in production (page cache, kept page parts and each
    process's copies of both), in a local-memory cache of this test's own."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"caches-{uuid.uuid4().hex}",
        }
    }
    cache.clear()
    near.clear()


@pytest.fixture(params=["caches-off", "caches-on"])
def reader_caches(request, settings, monkeypatch):
    """Run a reader-site test twice: with the caches off, and with every layer on, the
    path readers actually get. A test that reads what only an uncached view builds says so
    with ``@pytest.mark.caches_off_only("why")``."""
    if request.param == "caches-on":
        marker = request.node.get_closest_marker("caches_off_only")
        if marker:
            pytest.skip(f"caches off only: {marker.args[0]}")
        switch_caches_on(settings)
        # A test's changes never commit (its transaction is rolled back), so what waits for
        # the commit (a new content generation, the purge) runs at once instead, as it runs
        # right after the save in production.
        for connection in connections.all():
            monkeypatch.setattr(connection, "on_commit", lambda func, robust=False: func())
    return request.param


# What the suite drives besides Python (tests/optional.py) ---------------------------------


def pytest_collection_modifyitems(items):
    """Tests marked ``needs(part)`` whose part is missing: skipped (as from the test's own
    line, in pytest's list of skips), or failed as they start under CI."""
    missing = {key: optional.why_missing(key) for key in optional.PARTS}
    for item in items:
        for marker in item.iter_markers("needs"):
            for key in marker.args:
                if missing[key] and not optional.IN_CI:
                    item.user_properties.append((optional.PROPERTY, (key, missing[key])))
                    item.add_marker(
                        pytest.mark.skip(reason=optional.skip_reason(key, missing[key]))
                    )


def pytest_runtest_setup(item):
    if optional.IN_CI:
        for marker in item.iter_markers("needs"):
            for key in marker.args:
                reason = optional.why_missing(key)
                if reason:
                    optional.missing_part(item, key, reason)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After pytest's own summary, right above its last line: which optional parts were
    missing, how many tests each kept from running, and how to install them."""
    result = yield
    skipped = {}  # part: [tests, why]
    for report in terminalreporter.stats.get("skipped", []):
        for name, value in getattr(report, "user_properties", ()):
            if name == optional.PROPERTY:
                key, reason = value
                skipped.setdefault(key, [0, reason])[0] += 1
    if not skipped:
        return result
    write = terminalreporter.write_line
    terminalreporter.write_sep("-", "optional parts missing: their tests were skipped", yellow=True)
    keys = sorted(skipped, key=list(optional.PARTS).index)
    for key in keys:
        count, reason = skipped[key]
        part = optional.PARTS[key]
        tests = f"{count} test{'s' if count != 1 else ''}"
        write(f"SKIPPED {tests}, {part.tests}: {reason}", yellow=True, bold=True)
        hint = f"; {part.hint}" if part.hint else ""
        write(f"    install: apt-get install {part.package}{hint}")
    write(f"All of them: {optional.install_command(keys)}   (under CI=true they fail instead)")
    return result
