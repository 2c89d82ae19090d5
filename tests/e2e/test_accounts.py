"""Journey: a new editor joins the newsroom. An administrator invites them by email with
the editor role; the link in the mail lets them choose a login and password; their role
takes them to set up two-step sign-in (the key shown on the page, the code their app would
show), then to their backup codes. They sign out, sign in again with the password and a
code, and switch the admin to English from its header and back to Vietnamese. The pages a
newcomer meets are kept at phone width too, and fit it."""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests import factories

from .browser import PASSWORD, PHONE, Journey, scroll_width

pytestmark = pytest.mark.e2e

EMAIL = "minh.pham@example.com"
LOGIN = "pmminh"
NEW_PASSWORD = "Trăng rằm tháng tám sáng lắm"


def app_code(key, ahead=0):
    """The code an authenticator app holding ``key`` (bytes) shows now, or ``ahead`` steps
    of 30 seconds later."""
    return f"{totp(key, drift=ahead):06d}"


def width_on_a_phone(page):
    """How wide ``page`` is laid out in a phone's width (wider than the phone: it
    scrolls sideways)."""
    viewport = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        return scroll_width(page)
    finally:
        page.set_viewport_size(viewport)


def sign_in(page, username, password, key, journey=None):
    """The two steps, as at the start of any day: the password, then the app's code. The
    code a step ahead: one the app showed is accepted only once (it may have been used
    for the last sign-in), and the site accepts the next one for phones a little ahead."""
    page.goto("/quan-tri/")
    if journey is not None:
        assert width_on_a_phone(page) <= PHONE["width"]
        journey.snap(page, "sign in")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form [type=submit]")
    page.wait_for_url("**/quan-tri/tai-khoan/xac-minh/**")
    code = page.locator("#id_code")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    code.fill(app_code(key, ahead=1))


def test_a_new_editor_joins_sets_up_two_step_sign_in_and_chooses_the_admins_language(
    newsroom, open_context, settings
):
    settings.SECOND_FACTOR_REQUIRED = True
    journey = Journey("accounts")
    administrator = factories.UserFactory(
        username="quantri", first_name="Quang", last_name="Lê", is_superuser=True
    )
    administrator_key = TOTPDevice.objects.create(
        user=administrator, name="authenticator", confirmed=True
    ).bin_key
    admin = open_context().new_page()
    newcomer = open_context().new_page()

    with journey.step("the administrator, signed in with a code, invites an editor", admin):
        sign_in(admin, administrator.username, PASSWORD, administrator_key)
        admin.click(".account-form [type=submit]")
        admin.wait_for_url("**/quan-tri/")
        admin.goto("/quan-tri/accounts/invitation/add/")
        admin.fill("#id_email", EMAIL)
        admin.fill("#id_first_name", "Phạm")
        admin.fill("#id_last_name", "Minh")
        admin.select_option("#id_role", label="Biên tập viên")
        admin.click("[name=_save]")
        expect(admin.locator(".messagelist .success")).to_be_visible()
        expect(admin.locator("#result_list")).to_contain_text(EMAIL)

    with journey.step("the mail gives the link", newcomer):
        (message,) = mail.outbox
        assert message.to == [EMAIL]
        assert "Biên tập viên" in message.subject
        link = re.search(r"https?://\S+/loi-moi/\S+/", message.body).group(0)

    with journey.step("the newcomer chooses a login and a password", newcomer):
        newcomer.goto(link)
        expect(newcomer.locator(".account-page h1")).to_have_text("Tham gia tòa soạn")
        expect(newcomer.locator(".account-page")).to_contain_text(EMAIL)
        expect(newcomer.locator("#id_first_name")).to_have_value("Phạm")
        assert width_on_a_phone(newcomer) <= PHONE["width"]
        journey.snap(newcomer, "accept the invitation")
        newcomer.fill("#id_username", LOGIN)
        newcomer.fill("#id_password1", NEW_PASSWORD)
        newcomer.fill("#id_password2", NEW_PASSWORD)
        newcomer.click(".account-form [type=submit]")

    with journey.step("their role takes them to set up two-step sign-in", newcomer):
        newcomer.wait_for_url("**/quan-tri/tai-khoan/dang-ky-xac-minh/")
        expect(newcomer.locator(".account-qr svg")).to_be_visible()
        assert width_on_a_phone(newcomer) <= PHONE["width"]
        journey.snap(newcomer, "set up two-step sign-in")
        # What a person types into their app by hand: the key, in groups of four.
        key = b32decode(newcomer.locator("[data-secret]").inner_text().replace(" ", ""))
        newcomer.fill("#id_code", app_code(key))
        newcomer.click(".account-form [type=submit]")

    with journey.step("they get their backup codes, once", newcomer):
        expect(newcomer.locator("[data-backup-codes] li")).to_have_count(10)
        journey.snap(newcomer, "backup codes")
        newcomer.click("text=Tôi đã lưu lại: tiếp tục")
        newcomer.wait_for_url("**/quan-tri/")
        newcomer.click("#logout-form [type=submit]")
        expect(newcomer.locator("#content h1")).to_have_text("Đã thoát")

    with journey.step("they sign in again with the password and a code", newcomer):
        sign_in(newcomer, LOGIN, NEW_PASSWORD, key, journey)
        assert width_on_a_phone(newcomer) <= PHONE["width"]
        journey.snap(newcomer, "the code")
        newcomer.click(".account-form [type=submit]")
        newcomer.wait_for_url("**/quan-tri/")
        expect(newcomer.locator("#user-tools")).to_contain_text("Đăng xuất")

    with journey.step("they switch the admin to English from the header", newcomer):
        newcomer.click("#user-tools [data-language=en]")
        expect(newcomer.locator("#user-tools")).to_contain_text("Log out")
        expect(newcomer.locator("html")).to_have_attribute("lang", "en")
        newcomer.goto("/quan-tri/articles/article/")
        expect(newcomer.locator("#user-tools")).to_contain_text("Log out")
        journey.snap(newcomer, "the admin in English")

    with journey.step("and back to Vietnamese", newcomer):
        newcomer.click("#user-tools [data-language=vi]")
        expect(newcomer.locator("#user-tools")).to_contain_text("Đăng xuất")
        expect(newcomer.locator("html")).to_have_attribute("lang", "vi")
