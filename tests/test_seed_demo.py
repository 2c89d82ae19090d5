"""``manage.py seed_demo``: the demo newsroom ``make run`` loads: idempotent, in every
workflow state, publishable, and with demo accounts that can log in."""

import datetime
import io
import logging
import re
import shutil
import subprocess

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from taggit.models import Tag, TaggedItem

from articles import workflow
from articles.checks import publication_problems
from articles.models import Article, ArticleTransition, Source, Status
from demo import content as demo_content
from demo import images as demo_images
from demo.management.commands import seed_demo
from images.models import Image
from newsroom.models import Masthead, Role, SiteSettings
from newsroom.roles import EDITOR, REPORTER, assign_role_permissions
from sections.models import Section
from tests.site.conftest import box_titles

pytestmark = pytest.mark.django_db

FIRST_RUN = datetime.datetime(2025, 3, 10, 2, 30, tzinfo=datetime.UTC)
ACCOUNTS = {"phongvien": REPORTER, "bientap": EDITOR}


@pytest.fixture(autouse=True)
def small_pictures(monkeypatch):
    # The seeding logic is the same at any size; full-size pictures (and their
    # renditions) would make every test here several seconds slower.
    monkeypatch.setattr(demo_images, "SIZE", (320, 180))


@pytest.fixture
def credentials_file(tmp_path):
    return tmp_path / "private" / "demo-credentials"


@pytest.fixture
def seed(settings, credentials_file):
    """Run the command as ``make run`` does (DEBUG on); return what it printed."""
    settings.DEBUG = True

    def run(*args):
        out = io.StringIO()
        call_command("seed_demo", "--credentials-file", str(credentials_file), *args, stdout=out)
        return out.getvalue()

    return run


def printed_passwords(output):
    return dict(re.findall(r"^\s+(phongvien|bientap)\s+([\w-]{16})\s", output, re.MULTILINE))


def stored_passwords(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split() for line in lines if line and not line.startswith("#"))


def snapshot():
    """Everything a second run could add or change."""
    User = get_user_model()
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (
                User,
                Section,
                Source,
                Masthead,
                Image,
                Article,
                ArticleTransition,
                Article.history.model,
                SiteSettings.history.model,
                Tag,
                TaggedItem,
            )
        },
        "users": list(User.objects.order_by("pk").values_list("username", "password", "is_staff")),
        "memberships": list(User.groups.through.objects.order_by("pk").values_list()),
        "stories": list(
            Article.objects.order_by("pk").values_list(
                "pk", "status", "version", "publication_at", "updated_at"
            )
        ),
        "settings": list(SiteSettings.objects.values()),
    }


def test_refuses_to_run_when_debug_is_off(settings, credentials_file):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", "--credentials-file", str(credentials_file))
    assert not Article.objects.exists()
    assert not get_user_model().objects.filter(username__in=ACCOUNTS).exists()
    assert not credentials_file.exists()


def test_force_seeds_even_when_debug_is_off(seed, settings):
    settings.DEBUG = False  # after the fixture turned it on
    seed("--force")
    assert Article.objects.count() >= 30


def test_second_run_creates_nothing_and_changes_nothing(seed, credentials_file):
    first_output = seed()
    first = snapshot()
    stored = credentials_file.read_bytes()

    second_output = seed()

    assert snapshot() == first
    assert credentials_file.read_bytes() == stored
    assert printed_passwords(second_output) == printed_passwords(first_output)
    assert "nothing missing" in second_output
    assert first["counts"]["Article"] >= 30


def test_demo_newsroom_has_a_section_tree_sources_contacts_and_masthead_history(seed):
    seed()
    assert Section.objects.filter(parent__isnull=False).count() >= 2
    assert Section.objects.filter(slug="khoa-hoc-cong-nghe", children__isnull=False).exists()
    assert set(Source.objects.values_list("name", flat=True)) >= {"TTXVN", "vnexpress.net"}
    site = SiteSettings.load()
    assert site.hotline and site.ads_phone and site.ads_contact and site.newsroom_phone
    assert site.email and site.address
    assert site.has_weather and site.weather_humidity is not None
    assert Masthead.objects.count() == 2
    assert Masthead.objects.current() == Masthead.objects.order_by("-effective_from").first()


def test_stories_are_spread_over_every_workflow_state(seed):
    with time_machine.travel(FIRST_RUN, tick=False):
        seed()
        stories = Article.objects
        scheduled_for = sorted(a.publication_at - FIRST_RUN for a in stories.scheduled())
        published = stories.filter(status=Status.PUBLISHED, publication_at__lte=FIRST_RUN)
        assert set(stories.public()) == set(published)

    assert scheduled_for == [
        datetime.timedelta(minutes=15),
        datetime.timedelta(hours=2),
        datetime.timedelta(days=1),
    ]
    assert stories.filter(status=Status.IN_REVIEW).count() == 3
    assert stories.filter(status=Status.DRAFT).count() == 2
    assert stories.filter(status=Status.RETURNED).count() == 1
    assert stories.filter(status=Status.WITHDRAWN).count() == 1
    assert published.count() > stories.count() / 2
    ten_days_before = FIRST_RUN - datetime.timedelta(days=10)
    assert all(ten_days_before <= a.publication_at for a in published)
    assert len({a.section_id for a in published}) >= 8


def test_workflow_history_is_recorded_for_every_step(seed):
    seed()
    for article in Article.objects.filter(status=Status.PUBLISHED):
        publish = article.transitions.get(to_status=Status.PUBLISHED)
        assert publish.actor.username == "bientap"
        assert publish.publication_at == article.publication_at
        assert publish.at <= article.publication_at or article.is_scheduled
    returned = Article.objects.get(status=Status.RETURNED)
    assert returned.transitions.get(to_status=Status.RETURNED).comment
    withdrawn = Article.objects.get(status=Status.WITHDRAWN)
    assert withdrawn.transitions.get(to_status=Status.WITHDRAWN).comment
    assert not Article.objects.filter(status=Status.DRAFT, transitions__isnull=False).exists()


def test_every_published_story_passes_the_pre_publication_checks(seed):
    seed()
    published = Article.objects.filter(status=Status.PUBLISHED)
    for article in published:
        assert publication_problems(article) == {}, article.title
        assert article.lead and "<h2>" in article.body and "<blockquote>" in article.body
        assert article.tags.exists()
        assert article.authors.exists() or article.byline
    with_figures = published.filter(body_images__isnull=False).distinct()
    assert with_figures.count() >= 10
    for article in with_figures:
        assert '<figure class="image">' in article.body and "<figcaption>" in article.body
    assert published.filter(featured_on_home=True).count() >= 3
    republished = published.filter(is_republished=True)
    assert republished.exists()
    assert not republished.filter(source__isnull=True).exists()
    assert all(a.source_published_at < a.publication_at for a in republished)


def test_every_featured_and_body_image_has_caption_alt_text_and_credit(seed):
    seed()
    used = Image.objects.filter(featured_in__isnull=False) | Image.objects.filter(
        used_in_body__isnull=False
    )
    assert used.exists()
    assert not used.filter(alt_text="").exists()
    assert not used.filter(caption="").exists()
    assert not used.filter(credit="").exists()


def test_titles_are_vietnamese_with_d_stroke_and_transliterated_slugs(seed):
    seed()
    with_d = Article.objects.filter(title__startswith="Đ")
    assert with_d.filter(title__startswith="Đà Nẵng").exists()
    assert with_d.filter(title__startswith="Đại học").exists()
    assert all(a.slug.startswith("d") for a in with_d)


def test_demo_accounts_log_in_with_the_printed_and_stored_passwords(seed, credentials_file, client):
    output = seed()
    printed = printed_passwords(output)
    assert printed == stored_passwords(credentials_file)
    assert credentials_file.stat().st_mode & 0o077 == 0
    assert "http://127.0.0.1:8000/quan-tri/" in output
    for username, role in ACCOUNTS.items():
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.get_full_name().count(" ") >= 2  # a Vietnamese full name
        assert client.login(username=username, password=printed[username])
        client.logout()


def test_the_login_address_printed_and_kept_is_where_the_site_runs(seed, credentials_file):
    output = seed("--site-url", "http://127.0.0.1:8103")

    assert "Log in at http://127.0.0.1:8103/quan-tri/" in output
    assert "http://127.0.0.1:8103/quan-tri/" in credentials_file.read_text()
    assert ":8000" not in output + credentials_file.read_text()


def test_make_run_tells_seed_demo_the_port_it_serves_on():
    """``PORT=8103 make run`` printed :8000 (issue 15): the Makefile passes its host and
    port to seed_demo as to runserver."""
    dry_run = subprocess.run(  # noqa: S603 - make, fixed arguments
        [shutil.which("make"), "-n", "run", "PORT=8103"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "seed_demo --site-url http://127.0.0.1:8103" in dry_run
    assert "runserver 127.0.0.1:8103" in dry_run


def test_passwords_come_from_the_credentials_file_on_a_new_database(seed, credentials_file):
    credentials_file.parent.mkdir()
    credentials_file.write_text("phongvien kept-from-last-time\n", encoding="utf-8")
    seed()
    reporter = get_user_model().objects.get(username="phongvien")
    assert reporter.check_password("kept-from-last-time")
    assert stored_passwords(credentials_file)["phongvien"] == "kept-from-last-time"
    assert set(stored_passwords(credentials_file)) == set(ACCOUNTS)


def test_a_password_changed_by_hand_is_left_alone_until_reset(seed, client):
    seed()
    editor = get_user_model().objects.get(username="bientap")
    editor.set_password("doi-mat-khau-rieng")
    editor.save()

    output = seed()
    assert "bientap" not in printed_passwords(output)
    assert "password unknown" in output
    assert client.login(username="bientap", password="doi-mat-khau-rieng")

    new = printed_passwords(seed("--reset-passwords"))["bientap"]
    assert client.login(username="bientap", password=new)


def test_a_failed_run_leaves_no_records_and_no_files(seed, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    moves = []

    def transition_that_breaks(*args, **kwargs):
        moves.append(args)
        if len(moves) == 10:
            raise RuntimeError("database went away")
        return workflow.transition(*args, **kwargs)

    monkeypatch.setattr(seed_demo, "transition", transition_that_breaks)
    with pytest.raises(RuntimeError):
        seed()
    assert not Article.objects.exists()
    assert not Image.objects.exists()
    assert not get_user_model().objects.filter(username__in=ACCOUNTS).exists()
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_edited_site_settings_are_not_overwritten(seed):
    seed()
    site = SiteSettings.objects.get()
    site.hotline = "0912.345.678"
    site.save()
    seed()
    assert SiteSettings.objects.get().hotline == "0912.345.678"


def test_illustrations_are_landscape_jpegs_that_differ_per_story():
    first = demo_images.illustration(0, 0.1, "skyline", size=(1600, 900))
    second = demo_images.illustration(1, 0.7, "orbits", size=(1600, 900))
    with PILImage.open(io.BytesIO(first)) as picture:
        assert (picture.format, picture.size) == ("JPEG", (1600, 900))
        assert len(picture.getcolors(maxcolors=1_000_000) or []) > 1000  # not a flat fill
    assert first != second
    assert demo_images.illustration(0, 0.1, "skyline", size=(1600, 900)) == first


def test_demo_content_has_enough_original_stories():
    stories = demo_content.STORIES
    assert len(stories) >= 30
    assert len({s.title for s in stories}) == len(stories)


@pytest.mark.django_db(transaction=True)
def test_seeding_writes_no_workflow_lines_to_the_security_log(seed, caplog):
    # Committed for real, as `make run` does: the demo's hand-ins and publications are not
    # people's actions, and a newcomer's terminal is not flooded with them.
    # (A transactional test before this one may have flushed the role groups that a data
    # migration made: put them back.)
    assign_role_permissions(Group, Permission, Role=Role)
    with caplog.at_level(logging.INFO, logger="newsroom.security"):
        seed()
    assert Article.objects.filter(status=Status.PUBLISHED).exists()
    assert not [r for r in caplog.records if r.name == "newsroom.security"]


def test_most_read_is_filled_on_a_fresh_install(seed, client):
    seed()
    ranked = list(Article.objects.most_read(8))

    assert len(ranked) == 8
    assert all(story.views > 0 for story in ranked)
    assert all(story.is_public() for story in ranked)
    shown = box_titles(client.get("/"), "most-read-title")
    assert shown == [story.title for story in ranked]
