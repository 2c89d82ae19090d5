"""What a newcomer sees on ``make run`` (issue 15): one line per step, the addresses of the
server actually started, the logins; no banner, no mail and no warning when nothing is
wrong, and a real error still shown."""

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from demo import images as demo_images
from desk.models import Notification

BASE = Path(settings.BASE_DIR)


def make_dry_run(*arguments):
    return subprocess.run(  # noqa: S603 - make, fixed arguments
        [shutil.which("make"), "-n", *arguments],
        cwd=BASE,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_every_address_make_run_prints_names_the_port_it_serves_on():
    dry_run = make_dry_run("run", "PORT=8103")

    addresses = re.findall(r"https?://[\w.:-]+", dry_run)
    assert addresses
    assert set(addresses) == {"http://127.0.0.1:8103"}
    assert "runserver 127.0.0.1:8103" in dry_run


def test_make_run_gives_the_site_its_address_for_links_made_without_a_request():
    # Mails and feeds link to SITE_URL: the Makefile exports the served one to every step.
    makefile = (BASE / "Makefile").read_text()
    assert "run: export SITE_URL = http://$(HOST):$(PORT)" in makefile


@pytest.fixture
def seed(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(demo_images, "SIZE", (320, 180))
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"

    def run(*args):
        out = io.StringIO()
        call_command(
            "seed_demo", "--credentials-file", str(tmp_path / "credentials"), *args, stdout=out
        )
        return out.getvalue()

    return run


@pytest.mark.django_db
def test_seeding_mails_nobody_but_the_desk_keeps_its_notifications(seed, settings, mailoutbox):
    settings.NOTIFICATION_EMAILS = True  # as in development

    seed()

    assert mailoutbox == []
    assert Notification.objects.exists()


@pytest.mark.django_db
def test_the_seed_says_what_is_there_where_to_go_and_the_logins_in_a_few_lines(seed):
    output = seed("--site-url", "http://127.0.0.1:8103")

    lines = output.strip().splitlines()
    assert len(lines) <= 8
    assert lines[0].startswith("Demo newsroom ready in ")
    assert "Reader site  http://127.0.0.1:8103/" in lines
    assert "Log in at http://127.0.0.1:8103/quan-tri/" in lines
    assert re.search(r"^  phongvien  \S+   Phóng viên$", output, re.MULTILINE)
    assert re.search(r"^  bientap    \S+   Biên tập viên$", output, re.MULTILINE)


@pytest.mark.django_db
def test_the_site_url_setting_is_the_default_address(seed, settings):
    settings.SITE_URL = "http://toasoan.test:8200"

    assert "Log in at http://toasoan.test:8200/quan-tri/" in seed()


def test_development_prints_no_axes_banner_and_each_line_once(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    finished = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "import logging; logging.getLogger('django.utils.autoreload').info('Watching')",
        ],
        cwd=BASE,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    printed = finished.stdout + finished.stderr
    assert "AXES" not in printed
    assert printed.split() == ["Watching"]


# The install step --------------------------------------------------------------------------


def fake_venv(folder, script):
    """A .venv whose python is ``script`` (a shell script standing in for pip)."""
    python = folder / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\n" + script)
    python.chmod(0o755)
    return folder


def install(venv):
    return subprocess.run(  # noqa: S603 - our own script
        [str(BASE / "requirements" / "install"), "requirements/dev.txt"],
        cwd=BASE,
        env={**os.environ, "VENV": str(venv)},
        capture_output=True,
        text=True,
    )


PIP_NOISE = (
    "echo \"WARNING: Location 'file:///opt/pypi/simple/django/' is ignored: "
    'it is neither a file nor a directory." >&2\n'
)


def test_install_hides_the_noise_of_a_machines_own_pip_setup(tmp_path):
    finished = install(fake_venv(tmp_path / "venv", PIP_NOISE + "exit 0\n"))

    assert finished.returncode == 0
    assert finished.stdout + finished.stderr == ""


def test_install_still_shows_a_real_error_and_fails(tmp_path):
    error = "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE."
    script = PIP_NOISE + f'echo "{error}" >&2\nexit 1\n'

    finished = install(fake_venv(tmp_path / "venv", script))

    assert finished.returncode == 1
    assert (finished.stdout + finished.stderr).strip() == error


# make test: what was left out, and how to get it ------------------------------------------


def run_pytest(test, **environment):
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", test],
        cwd=BASE,
        env={**os.environ, "CI": "", **environment},
        capture_output=True,
        text=True,
    )


VARNISH_TEST = "tests/cache/test_deploy.py::test_varnish_compiles_the_vcl"


def test_a_missing_program_is_named_at_the_end_with_how_to_install_it():
    finished = run_pytest(VARNISH_TEST, TESTS_WITHOUT="varnish")

    assert finished.returncode == 0, finished.stdout
    summary = finished.stdout.split("optional parts missing: their tests were skipped")[1]
    assert "SKIPPED 1 test, deploy/varnish.vcl compiles: Varnish left out" in summary
    assert "install: apt-get install varnish" in summary
    assert "1 skipped" in summary.splitlines()[-1]


def test_under_ci_a_missing_program_fails_the_run():
    finished = run_pytest(VARNISH_TEST, TESTS_WITHOUT="varnish", CI="true")

    assert finished.returncode == 1
    assert "CI must run this test: Varnish left out" in finished.stdout
    assert "optional parts missing" not in finished.stdout


def test_nothing_is_said_when_no_test_needed_what_is_missing():
    test = "tests/cache/test_deploy.py::test_gunicorn_takes_its_numbers_from_the_environment"
    finished = run_pytest(test, TESTS_WITHOUT="varnish")

    assert finished.returncode == 0, finished.stdout
    assert "optional parts missing" not in finished.stdout


# The README's screenshots ------------------------------------------------------------------


def test_the_readmes_screenshots_are_the_ones_make_screenshots_takes_and_stay_small():
    shown = set(
        re.findall(r'<img src="(docs/screenshots/[\w-]+\.png)"', (BASE / "README.md").read_text())
    )
    script = (BASE / "docs" / "screenshots" / "take.py").read_text()
    taken = {f"docs/screenshots/{name}" for name in re.findall(r'"([\w-]+\.png)"', script)}
    taken |= {
        f"docs/screenshots/reader-{page}-{width}.png"
        for page in ("home", "story")
        for width in ("desktop", "phone")
    }
    assert shown == taken
    for path in shown:
        assert (BASE / path).stat().st_size < 300 * 1024, path
