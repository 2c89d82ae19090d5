"""The configuration files in deploy/ work: nginx accepts its configuration and, run
with it in front of an application, keeps readers' pages for their s-maxage while editors
and the newsroom always reach the application; Varnish compiles its VCL; gunicorn's
settings come from the environment. Skipped, with the reason, where nginx or varnishd is
not installed (failed under CI: tests/optional.py)."""

import http.server
import os
import runpy
import socket
import ssl
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.optional import NGINX, OPENSSL, VARNISHD

DEPLOY = Path(settings.BASE_DIR) / "deploy"
needs_nginx = pytest.mark.needs("nginx")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_nginx_conf(directory, upstream_port, https_port):
    """deploy/nginx.conf with this machine's paths and ports in place of the server's."""
    subprocess.run(  # noqa: S603 - fixed arguments
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=example.vn", "-keyout", str(directory / "privkey.pem"),
         "-out", str(directory / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    text = (DEPLOY / "nginx.conf").read_text()
    for server_path, here in {
        # Workers must read this test's own folders.
        "user www-data;": "user root;" if os.geteuid() == 0 else "",
        "/run/nginx.pid": f"{directory}/nginx.pid",
        "/var/log/nginx/": f"{directory}/",
        "/var/cache/nginx/toasoan": f"{directory}/cache",
        "/etc/letsencrypt/live/example.vn/": f"{directory}/",
        "/etc/nginx/toasoan_proxy.conf": str(DEPLOY / "toasoan_proxy.conf"),
        "/srv/toasoan": f"{directory}/srv",
        "/var/www/letsencrypt": f"{directory}/acme",
        "listen [::]:80;": "",
        "listen [::]:443 ssl http2;": "",
        "listen [::]:443 ssl http2 default_server;": "",
        "listen 80;": f"listen 127.0.0.1:{free_port()};",
        "listen 443 ssl http2": f"listen 127.0.0.1:{https_port} ssl http2",
        "server 127.0.0.1:8000": f"server 127.0.0.1:{upstream_port}",
    }.items():
        assert server_path in text, server_path
        text = text.replace(server_path, here)
    conf = directory / "nginx.conf"
    conf.write_text(text)
    return conf


@needs_nginx
def test_nginx_accepts_the_configuration(tmp_path):
    conf = local_nginx_conf(tmp_path, free_port(), free_port())
    checked = subprocess.run(  # noqa: S603 - fixed arguments
        [NGINX, "-t", "-c", str(conf)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


class _App(http.server.BaseHTTPRequestHandler):
    """Answers like the application: readers' pages public, the newsroom private."""

    def do_GET(self):
        self.server.calls.append(self.path)
        if self.path.startswith(("/quan-tri/", "/xem-truoc/")):
            control = "private, no-store"
        else:
            control = "public, max-age=1, s-maxage=30, stale-if-error=60"
        body = f"{self.path} #{len(self.server.calls)}".encode()
        self.send_response(200)
        self.send_header("Cache-Control", control)
        self.send_header("Surrogate-Key", "toasoan")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx_in_front(tmp_path):
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _App)
    app.calls = []
    threading.Thread(target=app.serve_forever, args=(0.05,), daemon=True).start()
    port = free_port()
    conf = local_nginx_conf(tmp_path, app.server_address[1], port)
    nginx = subprocess.Popen([NGINX, "-c", str(conf), "-g", "daemon off;"])  # noqa: S603
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE

    def get(path, **headers):
        request = urllib.request.Request(
            f"https://127.0.0.1:{port}{path}", headers={"Host": "example.vn", **headers}
        )
        with urllib.request.urlopen(request, context=context, timeout=5) as response:  # noqa: S310
            return response.headers, response.read().decode()

    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline and nginx.poll() is None, "nginx did not start"
            time.sleep(0.05)
    try:
        yield get, app.calls
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        app.shutdown()
        app.server_close()


@needs_nginx
def test_nginx_keeps_readers_pages_for_their_s_maxage(nginx_in_front):
    get, calls = nginx_in_front
    first_headers, first = get("/thoi-su/")
    time.sleep(1.2)  # past max-age (browsers), within s-maxage (shared caches)
    again_headers, again = get("/thoi-su/")
    assert (first_headers["X-Cache-Status"], again_headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert again == first and calls == ["/thoi-su/"]
    assert "Surrogate-Key" not in again_headers


@needs_nginx
def test_nginx_never_keeps_the_newsrooms_or_an_editors_pages(nginx_in_front):
    get, calls = nginx_in_front
    get("/thoi-su/")
    editor_headers, _ = get("/thoi-su/", Cookie="sessionid=abc; csrftoken=x")
    get("/quan-tri/")
    get("/quan-tri/")
    get("/xem-truoc/12/")
    get("/xem-truoc/12/")
    reader_headers, reader_page = get("/thoi-su/")
    assert editor_headers["X-Cache-Status"] == "BYPASS"
    assert calls == ["/thoi-su/", "/thoi-su/", "/quan-tri/", "/quan-tri/", "/xem-truoc/12/"] + [
        "/xem-truoc/12/"
    ]
    # The editor's page did not replace the readers' copy.
    assert reader_headers["X-Cache-Status"] == "HIT" and reader_page.endswith("#1")


@pytest.mark.needs("varnish")
def test_varnish_compiles_the_vcl():
    compiled = subprocess.run(  # noqa: S603 - fixed arguments
        [VARNISHD, "-C", "-f", str(DEPLOY / "varnish.vcl")],
        capture_output=True,
        text=True,
    )
    assert compiled.returncode == 0, compiled.stderr


def test_gunicorn_takes_its_numbers_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "1000")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"], config["worker_class"]) == (3, 4, "gthread")
    assert (config["max_requests"], config["max_requests_jitter"]) == (1000, 100)

    monkeypatch.setenv("GUNICORN_THREADS", "1")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["worker_class"] == "sync"


def test_the_env_example_names_only_settings_that_exist():
    names = {
        line.lstrip("#").split("=", 1)[0]
        for line in (DEPLOY / "toasoan.env.example").read_text().splitlines()
        if "=" in line and line.lstrip("#")[:1].isupper()
    }
    read = (Path(settings.BASE_DIR) / "newsroom" / "settings").glob("*.py")
    source = "".join(path.read_text() for path in read) + (DEPLOY / "gunicorn.conf.py").read_text()
    boto3_reads_these = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DJANGO_SETTINGS_MODULE"}
    unknown = {n for n in names - boto3_reads_these if f'"{n}"' not in source}
    assert not unknown
