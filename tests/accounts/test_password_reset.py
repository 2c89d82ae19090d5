"""A staff member who forgot their password asks for a link from the login page, gets it by
email in Vietnamese, and chooses a new one; nobody learns which emails have accounts, a
switched-off account gets nothing, the form cannot flood an inbox, and the second factor
still applies after a reset."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.accounts.conftest import code_for
from tests.accounts.test_second_factor import PASSWORD, enrolled, person

pytestmark = pytest.mark.django_db

ASK = reverse("admin_password_reset")
NEW_PASSWORD = "Mưa phùn tháng Hai trên phố cổ"


def ask(email, browser=None):
    return (browser or Client()).post(ASK, {"email": email})


def link_in(message):
    return re.search(r"https?://\S+/dat-mat-khau-moi/\S+/", message.body).group(0)


def choose(link, password=NEW_PASSWORD, browser=None):
    """Open the mailed link and choose ``password``: the final answer."""
    browser = browser or Client()
    form = browser.get(link, follow=True)
    assert form.status_code == 200
    return browser.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
    )


def can_sign_in(user, password):
    response = Client().post(
        reverse("admin:login"), {"username": user.username, "password": password}
    )
    return response.status_code == 302


def test_the_login_page_offers_a_forgotten_password_link(client):
    page = client.get(reverse("admin:login")).content.decode()
    assert f'href="{ASK}"' in page


def test_a_staff_member_gets_a_link_in_vietnamese_and_chooses_a_new_password():
    reporter = person(factories.reporter, email="lan@toasoan.vn")

    answer = ask("LAN@toasoan.vn")

    assert answer.status_code == 302 and answer.url == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["lan@toasoan.vn"]
    assert "mật khẩu mới" in message.subject.lower()
    assert reporter.username in message.body
    done = choose(link_in(message))
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert can_sign_in(reporter, NEW_PASSWORD)
    assert not can_sign_in(reporter, PASSWORD)


def test_the_link_works_once():
    person(factories.reporter, email="lan@toasoan.vn")
    ask("lan@toasoan.vn")
    link = link_in(mail.outbox[0])
    choose(link)

    again = Client().get(link, follow=True).content.decode()

    assert "new_password1" not in again
    assert f'href="{ASK}"' in again


def test_a_weak_password_is_refused_and_the_old_one_still_works():
    reporter = person(factories.reporter, email="lan@toasoan.vn")
    ask("lan@toasoan.vn")

    refused = choose(link_in(mail.outbox[0]), password="123456")

    assert refused.status_code == 200
    assert "errorlist" in refused.content.decode()
    assert can_sign_in(reporter, PASSWORD)


@pytest.mark.parametrize(
    "account",
    [
        pytest.param({"email": "khac@toasoan.vn"}, id="no account has it"),
        pytest.param({"email": "lan@toasoan.vn", "is_active": False}, id="switched off"),
    ],
)
def test_nobody_learns_whether_an_email_has_an_account(account):
    person(factories.reporter, **account)

    answer = ask("lan@toasoan.vn")

    assert answer.status_code == 302 and answer.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_an_imported_author_waiting_for_an_invitation_gets_no_link():
    get_user_model().objects.create_user(
        username="tacgia-cu", email="cu@toasoan.vn", password=None, is_active=False
    )
    ask("cu@toasoan.vn")
    assert mail.outbox == []


def test_the_form_cannot_flood_an_inbox(settings):
    settings.PASSWORD_RESET_RATE = "3/h"
    person(factories.reporter, email="lan@toasoan.vn")
    for _ in range(3):
        ask("lan@toasoan.vn", browser=Client(REMOTE_ADDR="203.113.0.9"))

    # From another address too: the email has had its share.
    refused = ask("lan@toasoan.vn", browser=Client(REMOTE_ADDR="198.51.100.4"))

    assert refused.status_code == 200
    assert "Chờ một giờ" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_a_new_password_ends_other_sessions_and_clears_failed_logins(settings):
    settings.AXES_ENABLED = True
    reporter = person(factories.reporter, email="lan@toasoan.vn")
    elsewhere = Client()
    elsewhere.force_login(reporter)
    Client().post(reverse("admin:login"), {"username": reporter.username, "password": "sai"})
    assert AccessAttempt.objects.filter(username=reporter.username).exists()

    ask("lan@toasoan.vn")
    choose(link_in(mail.outbox[0]))

    assert elsewhere.get(reverse("admin:index")).status_code == 302
    assert not AccessAttempt.objects.filter(username=reporter.username).exists()


@pytest.mark.usefixtures("second_factor_required", "clock")
def test_after_a_reset_an_editor_still_types_the_code():
    editor = person(email="huy@toasoan.vn")
    device, _codes = enrolled(editor)
    ask("huy@toasoan.vn")
    choose(link_in(mail.outbox[0]))

    browser = Client()
    browser.post(reverse("admin:login"), {"username": editor.username, "password": NEW_PASSWORD})

    assert browser.get(reverse("admin:index")).url.startswith(reverse("accounts:verify"))
    browser.post(reverse("accounts:verify"), {"code": code_for(device)})
    assert browser.get(reverse("admin:index")).status_code == 200
