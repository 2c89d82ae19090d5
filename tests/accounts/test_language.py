"""Each person chooses the admin's language: Vietnamese by default whatever the browser
says, switched from the admin's header or their profile, from the next page on; the
public site stays Vietnamese."""

import pytest
from django.test import Client
from django.urls import reverse

from people.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

DESK = reverse("admin:index")
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def speaks(response):
    return response.headers["Content-Language"]


def test_the_admin_is_vietnamese_for_a_reporter_whose_browser_is_english(reporter):
    browser = Client(**ENGLISH_BROWSER)
    browser.force_login(reporter)
    response = browser.get(DESK)
    assert speaks(response) == "vi"
    assert "Đăng xuất" in response.content.decode()


def test_switching_from_the_header_applies_from_the_next_page_and_is_kept(reporter):
    browser = Client()
    browser.force_login(reporter)
    page = browser.get(DESK).content.decode()
    assert 'name="language" value="en"' in page  # the header's switch
    response = browser.post(reverse("accounts:language"), {"language": "en", "next": DESK})
    assert response.url == DESK
    assert speaks(browser.get(DESK)) == "en"
    assert Profile.objects.get(user=reporter).language == "en"

    # A new sign-in, on another browser: still English.
    elsewhere = Client()
    password = "mat-khau-thu-nghiem"  # the factories'
    elsewhere.post(reverse("admin:login"), {"username": reporter.username, "password": password})
    assert speaks(elsewhere.get(DESK)) == "en"

    browser.post(reverse("accounts:language"), {"language": "vi", "next": DESK})
    assert speaks(browser.get(DESK)) == "vi"


def test_the_public_site_stays_vietnamese(reporter, section):
    factories.story(reporter, published=True, section=section)
    browser = Client()
    browser.force_login(reporter)
    browser.post(reverse("accounts:language"), {"language": "en", "next": DESK})
    assert speaks(browser.get("/")) == "vi"


def test_the_profile_page_sets_it_too(reporter_client, reporter):
    url = reporter_client.get(reverse("admin:people_profile_mine")).url
    data = factories.form_data(reporter_client.get(url), language="en")
    reporter_client.post(url, data)
    assert speaks(reporter_client.get(DESK)) == "en"


def test_a_language_not_offered_is_refused_and_nothing_changes(reporter_client, reporter):
    reporter_client.post(reverse("accounts:language"), {"language": "fr", "next": DESK})
    assert speaks(reporter_client.get(DESK)) == "vi"
    assert not Profile.objects.filter(user=reporter, language="fr").exists()


def test_the_switch_never_sends_anyone_to_another_site(reporter_client):
    response = reporter_client.post(
        reverse("accounts:language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.url == DESK


def test_choosing_a_language_changes_no_public_page(reporter_client, reporter, monkeypatch):
    from newsroom import caching

    Profile.objects.create(user=reporter, job_title="Phóng viên")
    changed = []
    monkeypatch.setattr(caching, "changed", lambda *tags, **kwargs: changed.extend(tags))
    reporter_client.post(reverse("accounts:language"), {"language": "en", "next": DESK})
    assert changed == []
    # While a change anyone sees on an author page does.
    url = reporter_client.get(reverse("admin:people_profile_mine")).url
    reporter_client.post(url, factories.form_data(reporter_client.get(url), bio="Phóng viên."))
    assert changed == ["people"]
