"""Two-step sign-in for staff (django-otp): required for editors and administrators,
optional for reporters; enrolment right after the password; backup codes; wrong codes
counted by the same lockout as wrong passwords; an administrator's reset, logged."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from newsroom.models import Role
from tests import factories
from tests.accounts.conftest import code_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("second_factor_required", "clock"),
]
A_MOMENT = 35  # seconds: past django-otp's wait after a wrong code, and one code later

PASSWORD = "Cà phê sữa đá lúc 5 giờ sáng"
DESK = reverse("admin:index")
STORIES = reverse("admin:articles_article_changelist")
VERIFY = reverse("accounts:verify")
ENROL = reverse("accounts:enrol")


def person(make=factories.editor, **kwargs):
    user = make(**kwargs)
    user.set_password(PASSWORD)
    user.save()
    return user


def signed_in(user):
    """A browser past the password step (the admin's login form), not past the second."""
    browser = Client()
    response = browser.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "the password step failed"
    return browser


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = second_factor.new_backup_codes(user)
    return device, codes


def test_an_editor_who_has_not_enrolled_is_taken_to_enrolment_and_nowhere_else():
    browser = signed_in(person())
    for page in (DESK, STORIES, reverse("admin:articles_article_add")):
        response = browser.get(page)
        assert response.status_code == 302
        assert response.url.startswith(ENROL)
    # A story cannot be saved either.
    assert browser.post(reverse("admin:articles_article_add"), {}).url.startswith(ENROL)


def test_enrolment_shows_a_qr_code_and_the_key_then_the_backup_codes_once(clock):
    editor = person()
    browser = signed_in(editor)
    page = browser.get(ENROL).content.decode()
    assert "<svg" in page and "data-secret" in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    # Reloading keeps the same key: the phone may have scanned it already.
    browser.get(ENROL)
    assert TOTPDevice.objects.get(user=editor).pk == device.pk

    wrong = browser.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "errorlist" in wrong.content.decode()
    assert not second_factor.is_enrolled(editor)
    clock.shift(A_MOMENT)

    done = browser.post(ENROL, {"code": code_for(device)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert second_factor.is_enrolled(editor)
    assert browser.get(DESK).status_code == 200


def test_a_code_from_a_phone_one_step_behind_is_accepted():
    editor = person()
    browser = signed_in(editor)
    browser.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)
    browser.post(ENROL, {"code": code_for(device, drift=-1)})
    assert second_factor.is_enrolled(editor)


def test_signing_in_asks_for_the_code_after_the_password(clock):
    editor = person()
    device, _codes = enrolled(editor)
    browser = signed_in(editor)
    response = browser.get(STORIES)
    assert response.url == f"{VERIFY}?next={STORIES.replace('/', '%2F')}"
    assert browser.post(VERIFY, {"code": "12345"}).status_code == 200
    assert browser.get(STORIES).url.startswith(VERIFY)
    clock.shift(A_MOMENT)

    response = browser.post(VERIFY, {"code": code_for(device), "next": STORIES})
    assert response.url == STORIES
    assert browser.get(STORIES).status_code == 200


def test_a_code_used_once_is_not_accepted_again(clock):
    editor = person()
    device, _codes = enrolled(editor)
    code = code_for(device)
    first = signed_in(editor)
    first.post(VERIFY, {"code": code})
    assert first.get(DESK).status_code == 200
    clock.shift(5)  # the same 30-second window: the code on the phone has not changed
    second = signed_in(editor)
    second.post(VERIFY, {"code": code})
    assert second.get(DESK).url.startswith(VERIFY)


def test_a_backup_code_signs_in_once(clock):
    editor = person()
    _device, codes = enrolled(editor)
    browser = signed_in(editor)
    response = browser.post(VERIFY, {"code": codes[0]}, follow=True)
    assert response.status_code == 200
    assert "9" in response.content.decode()  # "9 left" is said
    assert browser.get(DESK).status_code == 200

    clock.shift(A_MOMENT)
    again = signed_in(editor)
    again.post(VERIFY, {"code": codes[0]})
    assert again.get(DESK).url.startswith(VERIFY)
    assert second_factor.backup_codes_left(editor) == 9


def test_a_reporter_may_go_without_but_once_enrolled_is_always_asked():
    reporter = person(factories.reporter)
    assert signed_in(reporter).get(DESK).status_code == 200
    device, _codes = enrolled(reporter)
    browser = signed_in(reporter)
    assert browser.get(DESK).url.startswith(VERIFY)
    browser.post(VERIFY, {"code": code_for(device)})
    assert browser.get(DESK).status_code == 200


def test_a_role_can_be_made_to_require_it():
    role = Role.objects.get(code="reporter")
    role.requires_second_factor = True
    role.save()
    assert signed_in(person(factories.reporter)).get(DESK).url.startswith(ENROL)


def test_administrators_always_require_it():
    admin = person(factories.UserFactory, is_superuser=True)
    assert signed_in(admin).get(DESK).url.startswith(ENROL)


def test_the_requirement_can_be_switched_off_for_a_site(settings):
    settings.SECOND_FACTOR_REQUIRED = False
    assert signed_in(person()).get(DESK).status_code == 200


def test_an_enrolled_session_that_began_before_the_requirement_is_asked_too():
    # A session from before two-step sign-in existed carries no step: it is worked out.
    editor = person()
    browser = Client()
    browser.force_login(editor)
    session = browser.session
    session.pop("second_factor_step", None)
    session.save()
    assert browser.get(DESK).url.startswith(ENROL)


def test_wrong_codes_count_towards_the_lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    editor = person()
    enrolled(editor)
    browser = signed_in(editor)
    statuses = [browser.post(VERIFY, {"code": "000000"}).status_code for _ in range(3)]
    assert statuses[:2] == [200, 200]
    assert statuses[2] == 429
    assert AccessAttempt.objects.filter(username=editor.username).exists()
    # Locked out and signed out: the admin is closed, the password alone does not reopen it.
    assert browser.get(DESK).url.startswith(reverse("admin:login"))
    locked = Client().post(
        reverse("admin:login"), {"username": editor.username, "password": PASSWORD}
    )
    assert locked.status_code == 429


def past_second_step(user):
    """A browser signed in as ``user`` with the second step done."""
    browser = Client()
    browser.force_login(user)
    session = browser.session
    session["second_factor_step"] = ""
    session.save()
    return browser


def test_an_administrator_resets_a_lost_phone_and_it_is_logged(caplog):
    editor = person()
    enrolled(editor)
    admin = past_second_step(factories.UserFactory(is_superuser=True))
    response = admin.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [editor.pk]},
    )
    assert response.status_code == 302
    assert not second_factor.is_enrolled(editor)
    # In the person's history in the admin, and in the security log.
    assert LogEntry.objects.filter(object_id=str(editor.pk)).exists()
    assert any("second_factor_reset" in r.getMessage() for r in caplog.records)
    # At their next sign-in they set it up again.
    assert signed_in(editor).get(DESK).url.startswith(ENROL)


def test_only_administrators_may_reset_it():
    editor = person()
    enrolled(editor)
    colleague = person(factories.editor)
    colleague.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_user", "view_user"])
    )
    past_second_step(colleague).post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [editor.pk]},
    )
    assert second_factor.is_enrolled(editor)
