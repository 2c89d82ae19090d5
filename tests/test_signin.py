"""Signing in to the newsroom: login throttling per username and per address (axes on, as
in production), staff password rules in every place a password is set, the session's
length, and where staff land after logging in."""

import datetime
import io
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/quan-tri/login/"
GOOD = "Cà phê sữa đá lúc 5 giờ sáng"
OFFICE = "203.0.113.10"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20


@pytest.fixture
def desk(db):
    """Two staff accounts with known passwords."""
    accounts = {}
    for username in ("bientap", "phongvien"):
        user = factories.editor(username=username)
        user.set_password(GOOD)
        user.save()
        accounts[username] = user
    return accounts


def log_in(username, password, address=OFFICE, **data):
    return Client().post(
        LOGIN, {"username": username, "password": password, **data}, REMOTE_ADDR=address
    )


def logged_in(response):
    return response.status_code == 302 and response.url == "/quan-tri/"


# Throttling ------------------------------------------------------------------------------


@pytest.mark.usefixtures("axes_on")
def test_a_username_spray_from_one_address_is_stopped(desk):
    statuses = [log_in(f"nhanvien{n}", "matkhau123").status_code for n in range(30)]

    assert statuses[:19] == [200] * 19
    assert set(statuses[19:]) == {429}
    # The address is locked, whoever tries from it; elsewhere the desk logs in.
    assert log_in("bientap", GOOD).status_code == 429
    assert logged_in(log_in("bientap", GOOD, address="198.51.100.4"))
    # One username is still locked after five failures, long before its address is.
    assert [log_in("phongvien", "sai", address="198.51.100.5").status_code for _ in range(5)] == [
        200, 200, 200, 200, 429
    ]  # fmt: skip


@pytest.mark.usefixtures("axes_on")
def test_an_office_behind_one_address_survives_typos_but_not_a_spray(desk):
    # Four typos each, then the right password, for six colleagues behind one address:
    # 24 failures from the address, each forgiven by that person's login.
    for n in range(6):
        user = factories.reporter(username=f"phongvien{n}")
        user.set_password(GOOD)
        user.save()
        for typo in range(4):
            assert log_in(user.username, f"{GOOD}{typo}").status_code == 200
        assert logged_in(log_in(user.username, GOOD))
    assert logged_in(log_in("bientap", GOOD))

    statuses = [log_in(f"nhanvien{n}", "anhyeuem").status_code for n in range(21)]
    assert statuses[-1] == 429


@pytest.mark.usefixtures("axes_on")
def test_a_good_password_does_not_forgive_the_addresss_other_failures(desk):
    for n in range(19):
        log_in(f"nhanvien{n}", "matkhau123")
    # The attacker has one account of their own: logging in with it keeps the count.
    assert logged_in(log_in("phongvien", GOOD))

    assert log_in("nhanvien19", "matkhau123").status_code == 429


# Where staff land ------------------------------------------------------------------------


def test_an_unsafe_next_lands_on_the_desk(desk):
    response = log_in("bientap", GOOD, next="https://lua-dao.example/")
    assert logged_in(response)


# Passwords -------------------------------------------------------------------------------

WEAK = [
    "matkhau123",  # the brief's own example, and 10 characters
    "matkhau12345",  # 12 characters, a common one with digits added
    "Mật khẩu 2024!",  # the same with accents, spaces and a symbol
    "anhyeuem1234",
    "toiyeuhanoi!!",
    "xK9_qzT-44m",  # random, 11 characters
    "password12345",
]


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused(password, desk):
    with pytest.raises(ValidationError):
        validate_password(password, desk["bientap"])


def test_the_admins_own_password_change_applies_the_rules(desk):
    client = Client()
    client.force_login(desk["bientap"])
    form = {"old_password": GOOD, "new_password1": "matkhau123", "new_password2": "matkhau123"}

    refused = client.post("/quan-tri/password_change/", form)
    assert refused.status_code == 200
    assert refused.context["form"].errors["new_password2"]

    strong = "Đường lên Tây Bắc mùa lúa chín"
    form.update(new_password1=strong, new_password2=strong)
    assert client.post("/quan-tri/password_change/", form).status_code == 302
    desk["bientap"].refresh_from_db()
    assert desk["bientap"].check_password(strong)


def test_setting_a_colleagues_password_in_the_admin_applies_the_rules(desk):
    admin = factories.UserFactory(username="quantri", is_superuser=True)
    client = Client()
    client.force_login(admin)
    address = f"/quan-tri/auth/user/{desk['phongvien'].pk}/password/"

    refused = client.post(address, {"password1": "anhyeuem1234", "password2": "anhyeuem1234"})
    assert refused.status_code == 200
    assert refused.context["form"].errors
    desk["phongvien"].refresh_from_db()
    assert desk["phongvien"].check_password(GOOD)


class TTY(io.StringIO):
    def isatty(self):
        return True


def test_createsuperuser_applies_the_rules(monkeypatch):
    passwords = iter(["matkhau123", "matkhau123", GOOD, GOOD])
    answers = {"Tên đăng nhập": "tongbientap", "Địa chỉ email": "tbt@toasoan.example"}

    def answer(prompt=""):
        if "Bypass" in prompt or "Bỏ qua" in prompt:
            return "n"
        return next(value for key, value in answers.items() if key in prompt)

    monkeypatch.setattr(createsuperuser.getpass, "getpass", lambda prompt="": next(passwords))
    monkeypatch.setattr("builtins.input", answer)
    errors = io.StringIO()

    call_command("createsuperuser", stdin=TTY(), stdout=io.StringIO(), stderr=errors)

    assert "phổ biến" in errors.getvalue() or "common" in errors.getvalue()
    user = get_user_model().objects.get(username="tongbientap")
    assert user.check_password(GOOD)


# The session -----------------------------------------------------------------------------

START = datetime.datetime(2025, 3, 10, 1, 0, tzinfo=datetime.UTC)


def test_a_staff_session_slides_and_ends_after_twelve_idle_hours(desk):
    client = Client()
    with time_machine.travel(START, tick=False):
        assert logged_in(client.post(LOGIN, {"username": "bientap", "password": GOOD}))
    # Working all day: each request starts the twelve hours again.
    for hours in (4, 8, 15, 22):
        with time_machine.travel(START + datetime.timedelta(hours=hours), tick=False):
            assert client.get("/quan-tri/").status_code == 200
    with time_machine.travel(START + datetime.timedelta(hours=22 + 12, seconds=1), tick=False):
        response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_the_session_cookie_lasts_twelve_hours_by_default(desk):
    response = log_in("bientap", GOOD)
    assert response.cookies["sessionid"]["max-age"] == 12 * 3600


def test_the_session_ends_when_the_browser_closes_if_the_environment_says_so():
    code = "from django.conf import settings; print(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"}
    said = {}
    for value in ("on", "off"):
        env["SESSION_EXPIRE_AT_BROWSER_CLOSE"] = value
        result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR,
        )  # fmt: skip
        said[value] = result.stdout.strip()
    assert said == {"on": "True", "off": "False"}
