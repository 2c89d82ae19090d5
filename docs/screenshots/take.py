"""Takes the README's screenshots afresh: ``make screenshots`` (or ``.venv/bin/python
docs/screenshots/take.py``).

Starts the demo site as ``make run`` does, but on a throwaway database and media folder
(your own db.sqlite3, media/ and .demo-credentials are not touched), then drives Debian's
Chromium with Playwright (``E2E_CHROMIUM``, default ``/usr/bin/chromium``): the reader's
home page and a story at desktop and phone width, and the desk as the demo editor (the
admin's home, a story's edit page). The PNGs are written here, reduced to a palette of
colours so that each stays small in the repository."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
BASE = HERE.parent.parent
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The editor, as `manage.py seed_demo` makes them.
EDITOR = "bientap"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(environment, *arguments, **options):
    return subprocess.run(  # noqa: S603 - this interpreter, our own arguments
        [sys.executable, "manage.py", *arguments], cwd=BASE, env=environment, **options
    )


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def save(png, name):
    """Write ``png`` (bytes) as ``name`` in a palette of 256 colours (a third of the size,
    and no difference one sees at this size)."""
    path = HERE / name
    path.write_bytes(png)
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=0)
    small.save(path, optimize=True)
    print(f"  {path.relative_to(BASE)}  {path.stat().st_size // 1024} KB")


def shoot(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        common = {"base_url": site, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
        desktop = browser.new_context(viewport=DESKTOP, **common)
        phone = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, **common
        )
        for context, width in ((desktop, "desktop"), (phone, "phone")):
            page = context.new_page()
            page.goto("/")
            save(page.screenshot(), f"reader-home-{width}.png")
            # The home page's lead story: the first story link on the page.
            story = page.locator("main a[href$='.html']").first.get_attribute("href")
            page.goto(story)
            save(page.screenshot(), f"reader-story-{width}.png")

        page = desktop.new_page()
        page.goto("/quan-tri/login/?next=/quan-tri/")
        page.fill("#id_username", EDITOR)
        page.fill("#id_password", editor_password())
        page.click("#login-form [type=submit]")
        page.wait_for_url("**/quan-tri/")
        save(page.screenshot(), "desk-editor-home.png")
        # A story waiting for review, as the editor opens it.
        page.goto("/quan-tri/articles/article/?status__exact=in_review")
        page.locator("#result_list tbody tr th a").first.click()
        page.wait_for_selector("#article_form")
        page.wait_for_load_state("networkidle")
        save(page.screenshot(), "desk-story-edit.png")
        browser.close()


CREDENTIALS = None


def editor_password():
    text = CREDENTIALS.read_text(encoding="utf-8")
    return re.search(rf"^{EDITOR} (\S+)$", text, re.MULTILINE).group(1)


def main():
    global CREDENTIALS  # noqa: PLW0603 - set once, before the browser starts
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set E2E_CHROMIUM")
    scratch = Path(tempfile.mkdtemp(prefix="toasoan-screenshots-"))
    CREDENTIALS = scratch / "demo-credentials"
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "SITE_URL": site,
        "SECOND_FACTOR_REQUIRED": "0",
        "DJANGO_RUNSERVER_HIDE_WARNING": "true",
    }
    server = None
    try:
        print("→ Loading the demo newsroom into a throwaway database")
        manage(environment, "migrate", "--noinput", "-v", "0", check=True)
        manage(
            environment,
            "seed_demo",
            "--credentials-file",
            str(CREDENTIALS),
            "--site-url",
            site,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"→ Serving it at {site}, taking the screenshots")
        log = (scratch / "server.log").open("w")
        server = subprocess.Popen(  # noqa: S603 - this interpreter, our own arguments
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(site + "/")
        shoot(site)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
