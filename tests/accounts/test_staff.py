"""Inviting staff (by email, with a role; they choose their own login and password and
enrol the second factor), and deactivating someone: their stories and bylines stay,
their sessions end at once, author pickers no longer offer them."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation
from articles.models import Article
from newsroom.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Trăng rằm tháng tám sáng lắm"
User = get_user_model()


@pytest.fixture
def administrator():
    admin = factories.UserFactory(is_superuser=True)
    browser = Client()
    browser.force_login(admin)
    return browser


def invite(browser, email="moi@example.com", role="editor"):
    response = browser.post(
        reverse("admin:accounts_invitation_add"),
        {
            "email": email,
            "first_name": "Phạm",
            "last_name": "Minh",
            "role": Role.objects.get(code=role).pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return re.search(r"https?://\S+/loi-moi/\S+/", mail.outbox[-1].body).group(0)


def accept(link, username="pmminh", password=PASSWORD, again=None):
    browser = Client()
    path = link.split("testserver", 1)[1]
    response = browser.post(
        path,
        {
            "username": username,
            "first_name": "Phạm",
            "last_name": "Minh",
            "password1": password,
            "password2": again or password,
        },
    )
    return browser, response


def test_an_administrator_invites_by_email_with_a_role(administrator):
    link = invite(administrator)
    message = mail.outbox[-1]
    assert message.to == ["moi@example.com"]
    assert "Biên tập viên" in message.subject
    invitation = Invitation.objects.get()
    assert invitation.is_pending and invitation.token_hash not in link  # only a digest is kept


def test_the_invited_person_sets_their_password_and_goes_on_to_enrol(administrator, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    browser, response = accept(invite(administrator))
    assert response.url == reverse("accounts:enrol")
    person = User.objects.get(username="pmminh")
    assert person.is_staff and person.check_password(PASSWORD) and person.email == "moi@example.com"
    assert list(person.groups.all()) == [Role.objects.group("editor")]
    # Not in the admin before the second factor.
    assert browser.get(reverse("admin:index")).url.startswith(reverse("accounts:enrol"))


def test_a_weak_password_is_refused_and_nothing_is_made(administrator):
    link = invite(administrator)
    _browser, response = accept(link, password="12345678")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not User.objects.filter(username="pmminh").exists()
    assert Invitation.objects.get().is_pending


def test_an_invitation_works_once(administrator):
    link = invite(administrator)
    accept(link)
    _browser, response = accept(link, username="someone-else")
    assert response.status_code == 404
    assert not User.objects.filter(username="someone-else").exists()


def test_sending_again_replaces_the_link(administrator):
    first = invite(administrator)
    administrator.post(
        reverse("admin:accounts_invitation_changelist"),
        {"action": "send_again", "_selected_action": [Invitation.objects.get().pk]},
    )
    second = re.search(r"https?://\S+/loi-moi/\S+/", mail.outbox[-1].body).group(0)
    assert first != second
    assert accept(first)[1].status_code == 404
    assert accept(second)[1].status_code == 302


def test_an_expired_invitation_is_refused(administrator, settings):
    link = invite(administrator)
    Invitation.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert accept(link)[1].status_code == 404


def test_nobody_but_administrators_invites(editor_client):
    response = editor_client.get(reverse("admin:accounts_invitation_add"))
    assert response.status_code == 403


# Deactivation


def test_deactivating_someone_ends_their_sessions_at_once(reporter, administrator):
    theirs = Client()
    theirs.post(
        reverse("admin:login"), {"username": reporter.username, "password": "mat-khau-thu-nghiem"}
    )
    assert theirs.get(reverse("admin:index")).status_code == 200
    reporter.is_active = False
    reporter.save()
    from django.contrib.sessions.models import Session

    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(reporter.pk)
    ]
    assert theirs.get(reverse("admin:index")).status_code == 302


def test_their_stories_and_bylines_stay_and_pickers_no_longer_offer_them(
    reporter, editor_client, section
):
    story = factories.story(reporter, section=section, published=True)
    reporter.is_active = False
    reporter.save()
    assert Article.objects.get(pk=story.pk).authors.get() == reporter
    # The story still names them; a new story cannot.
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert f'value="{reporter.pk}" selected' in page.content.decode()
    new = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    authors = re.search(r'<select name="authors".*?</select>', new, re.S).group()
    assert f'value="{reporter.pk}"' not in authors
