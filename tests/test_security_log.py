"""The security log tells an operator who tried what from where: failed logins, lockouts,
permission denials and workflow moves carry the user's id and name and the client
address (from our proxy's X-Forwarded-For only), never a password or a session key; axes'
own masked lines are gone; a file log keeps one file a day for SECURITY_LOG_DAYS days."""

import datetime
import logging
import re

import pytest
import time_machine
from django.test import Client

from articles.models import Status
from newsroom.security import DailyFileHandler
from tests import factories
from tests.factories import change_url, form_data

pytestmark = pytest.mark.django_db

PASSWORD = "Cà phê sữa đá lúc 5 giờ sáng"
ATTACKER = "203.0.113.66"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="newsroom.security")

    def lines(event=None):
        return [
            r.getMessage()
            for r in caplog.records
            if r.name == "newsroom.security" and (event is None or r.security_event == event)
        ]

    return lines


def behind_proxy(address):
    """A request as our nginx passes it on: from 127.0.0.1, with the reader's address."""
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": address}


@pytest.fixture
def editor_with_password(editor):
    editor.set_password(PASSWORD)
    editor.save()
    return editor


def test_a_failed_login_says_who_was_tried_from_where(security_log, editor_with_password):
    Client().post(
        "/quan-tri/login/",
        {"username": "bientap", "password": "mat-khau-sai-bi-mat"},
        **behind_proxy(ATTACKER),
    )

    (line,) = security_log("login_failed")
    assert f"user_id={editor_with_password.pk}" in line
    assert "username='bientap'" in line
    assert f"ip='{ATTACKER}'" in line
    assert "mat-khau-sai-bi-mat" not in " ".join(security_log())


def test_a_forged_forwarded_for_is_not_believed(security_log, editor_with_password):
    Client().post(
        "/quan-tri/login/",
        {"username": "bientap", "password": "sai"},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="10.1.2.3",
    )
    (line,) = security_log("login_failed")
    assert f"ip='{ATTACKER}'" in line
    assert "10.1.2.3" not in line


def test_behind_nginx_on_a_unix_socket_the_readers_address_is_logged(
    security_log, editor_with_password
):
    # gunicorn bound to a unix socket sees no peer address: only our nginx can reach it.
    Client().post(
        "/quan-tri/login/",
        {"username": "bientap", "password": "sai"},
        REMOTE_ADDR="",
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    (line,) = security_log("login_failed")
    assert f"ip='{ATTACKER}'" in line


def test_a_lockout_is_logged_unmasked_and_axes_own_lines_are_gone(
    security_log, caplog, settings, editor_with_password
):
    settings.AXES_ENABLED = True
    for attempt in range(5):
        Client().post(
            "/quan-tri/login/",
            {"username": "bientap", "password": f"doan-mo-{attempt}"},
            **behind_proxy(ATTACKER),
        )

    (line,) = security_log("login_locked_out")
    assert f"user_id={editor_with_password.pk}" in line
    assert "username='bientap'" in line
    assert f"ip='{ATTACKER}'" in line
    assert "failures_account=5" in line
    assert len(security_log("login_failed")) == 5
    everything = caplog.text + " ".join(r.getMessage() for r in caplog.records)
    assert "doan-mo" not in everything
    assert not [r for r in caplog.records if r.name.startswith("axes") and "***" in r.getMessage()]


def test_a_login_for_a_username_that_does_not_exist_names_it(security_log):
    Client().post("/quan-tri/login/", {"username": "khong-co", "password": "x"})
    (line,) = security_log("login_failed")
    assert "user_id=None" in line
    assert "username='khong-co'" in line


def test_a_login_is_logged(security_log, editor_with_password):
    Client().post(
        "/quan-tri/login/", {"username": "bientap", "password": PASSWORD}, **behind_proxy(ATTACKER)
    )
    (line,) = security_log("login")
    assert f"user_id={editor_with_password.pk}" in line and f"ip='{ATTACKER}'" in line
    assert PASSWORD not in line


def test_a_permission_denied_in_the_admin_is_logged(security_log, reporter, client):
    client.force_login(reporter)

    response = client.get("/quan-tri/auth/user/", **behind_proxy(ATTACKER))

    assert response.status_code == 403
    (line,) = security_log("permission_denied")
    assert f"user_id={reporter.pk}" in line
    assert "username='phongvien'" in line
    assert f"ip='{ATTACKER}'" in line
    assert "path='/quan-tri/auth/user/'" in line
    assert client.cookies["sessionid"].value not in line


def test_a_preview_someone_may_not_see_is_logged(security_log, reporter, other_reporter, client):
    article = factories.story(other_reporter, title="Bài của đồng nghiệp")
    client.force_login(reporter)

    assert client.get(f"/xem-truoc/{article.pk}/").status_code == 404

    (line,) = security_log("permission_denied")
    assert f"user_id={reporter.pk}" in line and f"article={article.pk}" in line


def test_a_workflow_move_says_who_did_what_from_where(
    security_log, editor_client, editor, reporter, django_capture_on_commit_callbacks
):
    article = factories.story(reporter, title="Bài chờ duyệt", status=Status.IN_REVIEW)
    page = editor_client.get(change_url(article))
    data = form_data(page, workflow_action="return", workflow_comment="Thiếu nguồn.")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(article), data, **behind_proxy(ATTACKER))

    assert response.status_code == 302
    (line,) = security_log("workflow")
    assert f"user_id={editor.pk}" in line
    assert "username='bientap'" in line
    assert f"ip='{ATTACKER}'" in line
    assert "action='return'" in line and f"article={article.pk}" in line
    assert "from_status='in_review'" in line and "to_status='returned'" in line


def test_a_refused_workflow_move_is_logged(security_log, reporter, other_reporter):
    from django.core.exceptions import PermissionDenied

    from articles import workflow

    article = factories.story(other_reporter, title="Bài của người khác")
    with pytest.raises(PermissionDenied):
        workflow.transition(article, "publish", reporter)

    (line,) = security_log("permission_denied")
    assert f"user_id={reporter.pk}" in line and "action='publish'" in line


def test_the_file_log_keeps_one_file_a_day_for_its_days(tmp_path):
    base = tmp_path / "security.log"
    for old in ("2025-01-01", "2025-02-08", "2025-02-09"):
        (tmp_path / f"security.log.{old}").write_text("cũ\n")
    logger = logging.getLogger("tests.security-file")
    logger.propagate = False

    with time_machine.travel(datetime.datetime(2025, 3, 9, 12, 0), tick=False):
        handler = DailyFileHandler(base, days=28)
        logger.addHandler(handler)
        logger.warning("login_failed username='bientap'")
    with time_machine.travel(datetime.datetime(2025, 3, 10, 12, 0), tick=False):
        logger.warning("login_failed username='phongvien'")
    handler.close()
    logger.removeHandler(handler)

    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["security.log.2025-03-09", "security.log.2025-03-10"]
    assert "bientap" in (tmp_path / "security.log.2025-03-09").read_text()
    assert re.search("phongvien", (tmp_path / "security.log.2025-03-10").read_text())
