"""What the browser journeys share: sizes, logging in, named steps with screenshots, the
admin's select2 widgets, and photos to upload."""

import datetime
import io
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 360, "height": 800}
PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
VISIBLE_TEXT_SHOWN = 2500
# How long the readers' page and fragment caches keep things during the journeys.
CACHE_SECONDS = 15

# Where this run's screenshots go, and whether any were taken (for the run's summary).
run = SimpleNamespace(folder=None, used=False, skipped=None)


def screenshot_root():
    if run.folder is None:
        chosen = os.environ.get("E2E_SCREENSHOTS")
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        run.folder = Path(chosen) if chosen else Path(tempfile.gettempdir()) / "toasoan-e2e" / stamp
    return run.folder


def log_in(page, user, password=PASSWORD):
    """Log ``page`` in to the admin as ``user`` through the login form."""
    page.goto("/quan-tri/login/?next=/quan-tri/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("#login-form [type=submit]")
    page.wait_for_url("**/quan-tri/")


def choose(page, field, search, label):
    """Pick ``label`` in the admin's select2 widget for ``field`` (the section, source and
    image pickers), by typing ``search`` as an editor would."""
    from playwright.sync_api import expect

    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    option = page.locator(".select2-container--open .select2-results__option", has_text=label)
    option.first.click()
    expect(page.locator(f"#id_{field} + .select2 .select2-selection")).to_contain_text(label)


def visit_until(page, address, found, deadline):
    """Open ``address``, then reload it as an impatient reader would, until ``found(page)``
    or the aware datetime ``deadline`` has passed; whether it was found."""
    page.goto(address)
    while not found(page):
        if timezone.now() > deadline:
            return False
        page.wait_for_timeout(250)
        page.reload()
    return True


def form_fields(page, form="#article_form"):
    """``[(name, value), …]`` that the form on ``page`` would submit (files left out)."""
    return page.evaluate(
        """(selector) => Array.from(new FormData(document.querySelector(selector)))
            .filter(([, value]) => typeof value === "string")""",
        form,
    )


# Neither the page nor the list's own box scrolls sideways (the admin lets the list scroll
# inside its box when it is too wide).
LIST_FITS = """() => {
    const list = document.querySelector("#result_list");
    const box = list.closest(".results");
    return document.scrollingElement.scrollWidth <= window.innerWidth + 1
        && box.scrollWidth <= box.clientWidth + 1
        && list.getBoundingClientRect().right <= window.innerWidth + 1;
}"""


def csrf_token(context):
    return next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


# Steps and screenshots

LOAD_EVERY_PICTURE = """() => Promise.race([
    new Promise((done) => setTimeout(done, 5000)),
    Promise.all(Array.from(document.images).map((img) => {
        img.loading = "eager";
        return img.complete ? null : new Promise((done) => {
            img.addEventListener("load", done, {once: true});
            img.addEventListener("error", done, {once: true});
        });
    })),
])"""


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "page"


def visible_text(page):
    try:
        text = page.locator("body").inner_text(timeout=2000)
    except Exception as error:  # noqa: BLE001 - a report must not hide the real failure
        return f"(could not read the page: {error})"
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    if len(text) > VISIBLE_TEXT_SHOWN:
        text = text[:VISIBLE_TEXT_SHOWN] + " …"
    return text


class Journey:
    """One person's journey. ``with journey.step("…", page):`` names what is being done: a
    failure inside says which step failed, where the browser was and what it showed, and
    keeps a screenshot. ``journey.snap(page, "name")`` keeps screenshots for people to
    look at: the page as it is and, for a desktop page, at phone width too."""

    def __init__(self, name):
        self.name = name
        self.folder = screenshot_root() / _slug(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0
        run.used = True

    def _path(self, name, size):
        self.count += 1
        return self.folder / f"{self.count:02d}-{_slug(name)}-{size}.png"

    def snap(self, page, name, phone=True, full_page=True):
        # Lazy pictures below the fold would show as grey boxes in a full-length shot.
        page.evaluate(LOAD_EVERY_PICTURE)
        viewport = page.viewport_size
        size = "phone" if viewport["width"] <= PHONE["width"] else "desktop"
        page.screenshot(path=self._path(name, size), full_page=full_page)
        if phone and size == "desktop":
            page.set_viewport_size(PHONE)
            try:
                page.screenshot(path=self._path(name, "phone"), full_page=full_page)
            finally:
                page.set_viewport_size(viewport)

    @contextmanager
    def step(self, description, page):
        try:
            yield
        except Exception as error:
            try:
                shot = self._path(f"failed {description}", "failure")
                page.screenshot(path=shot, full_page=True)
            except Exception as shot_error:  # noqa: BLE001
                shot = f"(none: {shot_error})"
            raise AssertionError(
                f"{self.name}: step “{description}” failed: {error}\n"
                f"  address: {page.url}\n"
                f"  screenshot: {shot}\n"
                f"  the page showed:\n{visible_text(page)}"
            ) from error


# Photos


def photo_bytes(size=(1600, 1000), sky=(140, 190, 235), field=(70, 150, 40)):
    """A photo-sized JPEG: sky, a field in a gradient and a sun; quick to make and encode."""
    width, height = size
    picture = PILImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(picture)
    horizon = height // 2
    for row in range(horizon, height, 8):
        share = (row - horizon) / (height - horizon)
        colour = tuple(
            int(s + (f - s) * (0.4 + share * 0.6)) for s, f in zip(sky, field, strict=True)
        )
        draw.rectangle([0, row, width, row + 8], fill=colour)
    draw.ellipse([width * 0.7, height * 0.1, width * 0.8, height * 0.26], fill=(250, 215, 90))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def photo(name, **kwargs):
    return SimpleUploadedFile(name, photo_bytes(**kwargs), content_type="image/jpeg")
