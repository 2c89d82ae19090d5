"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live
server, with a small newsroom seeded per test.

- Chromium: ``E2E_CHROMIUM`` (default ``/usr/bin/chromium``). When it is missing the
  journeys are skipped with the reason, except under CI (``CI=true``), where they fail.
- Screenshots: ``E2E_SCREENSHOTS`` (default ``/tmp/toasoan-e2e/<timestamp>/``), a folder
  per journey; the path is printed at the end of the run.
"""

import datetime
import os
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import ArticleDailyViews, Status
from newsroom.models import Role
from newsroom.roles import assign_role_permissions
from tests import factories, optional

from .browser import CACHE_SECONDS, DESKTOP, PHONE, photo, run, screenshot_root

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
TIMEOUT_MS = 10_000

# The view counter ignores crawlers and headless browsers ("HeadlessChrome"); our readers
# introduce themselves as everyday browsers do.
DESKTOP_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Mobile Safari/537.36"
)


def missing_browser():
    """Why the journeys cannot run on this machine, or None."""
    if "chromium" in optional.WITHOUT:
        return "Chromium left out (TESTS_WITHOUT)"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (
            f"Chromium not found at {CHROMIUM} "
            "(install Debian's chromium package, or point E2E_CHROMIUM at a Chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make install)"
    return None


def pytest_collection_modifyitems(config, items):
    journeys = [item for item in items if item.get_closest_marker("e2e")]
    reason = missing_browser() if journeys else None
    if reason is None or IN_CI:
        # Under CI they run, and fail one by one in the browser fixture.
        return
    run.skipped = reason
    for item in journeys:
        item.add_marker(pytest.mark.skip(reason=f"browser journeys skipped: {reason}"))
        # Counted in the run's closing summary of missing parts (tests/conftest.py).
        item.user_properties.append((optional.PROPERTY, ("chromium", reason)))


def pytest_terminal_summary(terminalreporter):
    if run.used:
        terminalreporter.write_sep("-", "browser journeys")
        terminalreporter.write_line(f"screenshots: {screenshot_root()}")


@pytest.fixture(scope="session")
def browser():
    reason = missing_browser()
    if reason:
        if IN_CI:
            pytest.fail(f"CI must run the browser journeys: {reason}", pytrace=False)
        pytest.skip(f"browser journeys skipped: {reason}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, so Django would take the
    # ORM calls the tests make between browser steps for calls from async code. They are
    # not: the tests wait for the browser before touching the database.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_context(browser, live_server):
    """``open_context(phone=False, **options)``: a fresh browser profile on the live
    server, in Vietnamese and Vietnam time, at desktop (1440×900) or phone (360×800) size."""
    contexts = []

    def open_(phone=False, **options):
        if phone:
            defaults = {
                "viewport": PHONE,
                "user_agent": PHONE_AGENT,
                "is_mobile": True,
                "has_touch": True,
                "device_scale_factor": 2,
            }
        else:
            defaults = {"viewport": DESKTOP, "user_agent": DESKTOP_AGENT}
        context = browser.new_context(
            base_url=live_server.url,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            **{**defaults, **options},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


# A small newsroom, seeded per test


OTHER_STORIES = [
    # title, section, tag, sky and field colours of its photo
    ("Vệ tinh Việt Nam chụp ảnh đồng bằng sông Cửu Long", "science", "Công nghệ", (30, 60, 120)),
    ("Mùa nước nổi về sớm ở miền Tây", "society", "Nông nghiệp", (90, 150, 200)),
    ("Đội tuyển trẻ giành vé dự giải châu Á", "sport", "Thể thao", (200, 90, 40)),
    ("Nông dân thử nghiệm giống lúa chịu mặn mới", "science", "Nông nghiệp", (160, 200, 240)),
]


@pytest.fixture
def newsroom(transactional_db, settings, tmp_path):
    """A newsroom with what every page shows: contacts, weather, masthead, three menu
    sections, a source, a library photo, a reporter and an editor, and a few published
    stories read a few times (so "most read" has something to show)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # The journeys commit what they do, so they run with the readers' page and fragment
    # caches on, as in production (the rest of the suite turns them off). Pages and the
    # "most read" ranking are kept 15 s instead of 300: still longer than a story is
    # scheduled ahead (it must show at its time all the same), short enough for a view to
    # reach "most read" while the journey waits.
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = CACHE_SECONDS
    # The live server's tests are transactional: one before us may have flushed the role
    # groups the data migration made.
    assign_role_permissions(Group, Permission, Role=Role)
    factories.newsroom_settings(tagline="Tin tức khoa học, công nghệ và đời sống")
    sections = {
        "science": factories.SectionFactory(name="Khoa học", slug="khoa-hoc", order=1),
        "society": factories.SectionFactory(name="Đời sống", slug="doi-song", order=2),
        "sport": factories.SectionFactory(name="Thể thao", slug="the-thao", order=3),
    }
    reporter = factories.reporter(username="phongvien", first_name="Lan", last_name="Nguyễn")
    editor = factories.editor(username="bientap", first_name="Hùng", last_name="Trần")
    library_photo = factories.ImageFactory(
        file=photo("dong-lua.jpg"),
        caption="Cánh đồng lúa chín ở Đồng Tháp",
        alt_text="Cánh đồng lúa vàng dưới bầu trời xanh",
        credit="Ảnh: Minh Anh",
    )
    others = []
    now = timezone.now()
    for number, (title, section, tag, sky) in enumerate(OTHER_STORIES, start=1):
        image = factories.ImageFactory(
            file=photo(f"anh-{number}.jpg", size=(1200, 800), sky=sky),
            caption=f"Ảnh minh họa {number}",
            alt_text=f"Ảnh minh họa cho bài {number}",
        )
        story = factories.story(
            reporter,
            title=title,
            section=sections[section],
            featured_image=image,
            lead=f"{title}: những điều bạn đọc cần biết, tóm tắt trong một câu.",
            body=f"<p>{title}. Nội dung chi tiết của bài viết.</p>" + factories.STORY_BODY,
            status=Status.PUBLISHED,
            publication_at=now - datetime.timedelta(hours=number),
            first_published_at=now - datetime.timedelta(hours=number),
        )
        story.tags.add(tag)
        ArticleDailyViews.objects.create(article=story, day=timezone.localdate(), count=10 - number)
        others.append(story)
    return SimpleNamespace(
        sections=SimpleNamespace(**sections),
        reporter=reporter,
        editor=editor,
        source=factories.SourceFactory(name="kienthuc.net.vn", url="https://kienthuc.net.vn"),
        photo=library_photo,
        others=others,
    )
