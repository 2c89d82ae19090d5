"""The pages a newcomer meets on the way in (the invitation, setting up the app, the code),
as a phone shows them: the right keyboard for each code, the app's link on the phone
itself, and nothing of the admin that is not open yet."""

import re
from base64 import b32encode
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Invitation
from newsroom.models import Role
from tests.accounts.conftest import code_for
from tests.accounts.test_second_factor import (
    DESK,
    ENROL,
    STORIES,
    VERIFY,
    enrolled,
    person,
    signed_in,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("second_factor_required", "clock"),
]


def field(page, name):
    """The attributes of the input named ``name`` on ``page``."""
    tag = re.search(rf'<input [^>]*name="{name}"[^>]*>', page).group(0)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def test_the_code_gets_the_number_pad_and_the_code_the_phone_received():
    editor = person()
    enrolled(editor)
    code = field(signed_in(editor).get(VERIFY).content.decode(), "code")
    assert code["inputmode"] == "numeric"
    assert code["autocomplete"] == "one-time-code"


def test_a_backup_code_gets_the_full_keyboard_and_signs_in():
    editor = person()
    _device, codes = enrolled(editor)
    browser = signed_in(editor)
    page = browser.get(f"{VERIFY}?next={STORIES}").content.decode()
    link = unescape(re.search(r'href="([^"]*)" data-backup-link', page).group(1))
    assert link == f"?backup=1&next={STORIES}"

    code = field(browser.get(VERIFY + link).content.decode(), "code")
    assert code["inputmode"] == "text"
    assert code["autocomplete"] == "off"
    response = browser.post(VERIFY + link, {"code": codes[0], "next": STORIES})
    assert response.url == STORIES
    assert browser.get(STORIES).status_code == 200


def test_setting_up_on_the_phone_itself_opens_the_app_with_the_same_key():
    editor = person()
    page = signed_in(editor).get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=editor)
    secret = b32encode(device.bin_key).decode()
    link = unescape(re.search(r'href="(otpauth://[^"]*)"', page).group(1))
    assert link == device.config_url and f"secret={secret}" in link
    assert field(page, "code")["inputmode"] == "numeric"
    # No backup codes exist yet: the field does not mention them.
    assert "backup codes" not in page


@pytest.mark.parametrize("step", ["verify", "enrol"])
def test_a_step_shows_none_of_the_admin_that_is_not_open_yet(step):
    editor = person()
    if step == "verify":
        enrolled(editor)
    page = signed_in(editor).get(VERIFY if step == "verify" else ENROL).content.decode()
    assert 'id="nav-sidebar"' not in page
    assert f'href="{STORIES}"' not in page
    assert f'href="{reverse("admin:people_profile_mine")}"' not in page
    # What works before the step is done: the admin's language and leaving.
    assert 'data-language="en"' in page
    assert f'action="{reverse("admin:logout")}"' in page
    assert page.count("<h1") == 1


def test_the_invitation_page_asks_for_a_login_a_phone_does_not_capitalise():
    invitation = Invitation(email="moi@example.com", role=Role.objects.get(code="editor"))
    token = invitation.new_token()
    invitation.save()
    page = Client().get(reverse("accounts:accept", args=[token])).content.decode()
    username = field(page, "username")
    assert username["autocapitalize"] == "none"
    assert username["autocomplete"] == "username"
    # Not yet anyone: no admin sidebar saying they may see nothing.
    assert 'id="nav-sidebar"' not in page
    assert page.count("<h1") == 1


def test_past_the_step_the_admin_has_its_whole_header_again():
    editor = person()
    device, _codes = enrolled(editor)
    browser = signed_in(editor)
    browser.post(VERIFY, {"code": code_for(device)})
    page = browser.get(DESK).content.decode()
    assert f'href="{reverse("accounts:security")}"' in page
    assert 'data-language="en"' in page
