"""Author pages show who writes: photo, role, short bio and links; each member of staff
edits their own profile in the admin, and nobody else's."""

import pytest
from django.urls import reverse

from people.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(media_root):
    person = factories.reporter(username="thuha", first_name="Trần Thu", last_name="Hà")
    factories.story(person, title="Nước sạch về bản", published=True)
    return person


def author_page(client, person):
    return client.get(reverse("articles:author", args=[person.username]))


def test_the_author_page_shows_the_profile(client, author, reader_caches):
    Profile.objects.create(
        user=author,
        photo=factories.ImageFactory(alt_text="Chân dung"),
        job_title="Phóng viên ban Đời sống",
        bio="Viết về y tế cộng đồng.",
        public_email="thuha@example.com",
        facebook="https://facebook.com/thuha",
    )
    page = author_page(client, author).content.decode()
    assert "Phóng viên ban Đời sống" in page
    assert "Viết về y tế cộng đồng." in page
    assert 'href="mailto:thuha@example.com"' in page
    assert 'href="https://facebook.com/thuha"' in page
    assert "<picture" in page.split('class="author-card__photo"')[1]
    # The bio describes the page to search engines.
    assert '<meta name="description" content="Viết về y tế cộng đồng.">' in page


def test_an_author_without_a_profile_still_has_a_page(client, author, reader_caches):
    response = author_page(client, author)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trần Thu Hà" in page
    assert "mailto:" not in page and "author-card__photo" not in page


def test_the_login_email_is_never_shown(client, author, reader_caches):
    author.email = "dang-nhap@example.com"
    author.save()
    Profile.objects.create(user=author, bio="Phóng viên.")
    assert "dang-nhap@example.com" not in author_page(client, author).content.decode()


def test_what_a_profile_says_is_escaped(client, author, reader_caches):
    Profile.objects.create(user=author, bio="<script>alert(1)</script>", job_title="<b>PV</b>")
    page = author_page(client, author).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>PV</b>" not in page


def test_a_changed_profile_shows_at_once_on_the_cached_page(client, author, commit, settings):
    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    profile = Profile.objects.create(user=author, job_title="Phóng viên")
    assert "Phóng viên" in author_page(client, author).content.decode()
    with commit():
        profile.job_title = "Trưởng ban Đời sống"
        profile.save()
    assert "Trưởng ban Đời sống" in author_page(client, author).content.decode()


def test_the_author_page_reads_the_same_rows_for_any_number_of_stories(
    client, author, django_assert_max_num_queries
):
    Profile.objects.create(user=author, photo=factories.ImageFactory(), bio="Phóng viên.")
    with django_assert_max_num_queries(20) as few:
        author_page(client, author)
    for number in range(8):
        factories.story(author, title=f"Tin số {number}", published=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        author_page(client, author)


@pytest.mark.parametrize("field", ["website", "facebook", "x"])
@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://example.com/a", "không"])
def test_links_are_web_addresses_only(author, field, address):
    from django.core.exceptions import ValidationError

    profile = Profile(user=author, **{field: address})
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert field in refused.value.message_dict


# The admin: "My profile".


def mine():
    return reverse("admin:people_profile_mine")


def test_my_profile_makes_and_opens_the_signed_in_persons_own(reporter_client, reporter):
    response = reporter_client.get(mine())
    profile = Profile.objects.get(user=reporter)
    assert response.status_code == 302
    assert response.url == reverse("admin:people_profile_change", args=[profile.pk])
    # Visiting again opens the same one.
    assert reporter_client.get(mine()).url == response.url
    assert Profile.objects.filter(user=reporter).count() == 1


def test_the_header_links_to_my_profile(reporter_client):
    page = reporter_client.get(reverse("admin:index")).content.decode()
    assert f'href="{mine()}"' in page


def test_staff_save_their_own_profile(reporter_client, reporter):
    profile = Profile.objects.create(user=reporter)
    url = reverse("admin:people_profile_change", args=[profile.pk])
    data = factories.form_data(reporter_client.get(url), job_title="Phóng viên ảnh")
    response = reporter_client.post(url, data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.job_title == "Phóng viên ảnh"


def test_nobody_changes_a_colleagues_profile(reporter_client, editor):
    theirs = Profile.objects.create(user=editor, job_title="Biên tập viên")
    url = reverse("admin:people_profile_change", args=[theirs.pk])
    assert reporter_client.get(url).status_code in (302, 403, 404)
    reporter_client.post(url, {"job_title": "Bị sửa"})
    theirs.refresh_from_db()
    assert theirs.job_title == "Biên tập viên"
    listed = reporter_client.get(reverse("admin:people_profile_changelist")).content.decode()
    assert "Biên tập viên" not in listed


def test_whose_profile_it_is_cannot_be_changed(reporter_client, reporter, editor):
    profile = Profile.objects.create(user=reporter)
    url = reverse("admin:people_profile_change", args=[profile.pk])
    data = factories.form_data(reporter_client.get(url), user=str(editor.pk))
    reporter_client.post(url, data)
    profile.refresh_from_db()
    assert profile.user == reporter


def test_a_bad_link_is_refused_with_a_message_and_nothing_saved(reporter_client, reporter):
    profile = Profile.objects.create(user=reporter, website="https://example.com")
    url = reverse("admin:people_profile_change", args=[profile.pk])
    data = factories.form_data(reporter_client.get(url), website="javascript:alert(1)")
    response = reporter_client.post(url, data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    profile.refresh_from_db()
    assert profile.website == "https://example.com"


def test_an_administrator_edits_anyones_profile(admin_client, reporter):
    profile = Profile.objects.create(user=reporter, job_title="PV")
    url = reverse("admin:people_profile_change", args=[profile.pk])
    data = factories.form_data(admin_client.get(url), job_title="Phóng viên thường trú")
    assert admin_client.post(url, data).status_code == 302
    profile.refresh_from_db()
    assert profile.job_title == "Phóng viên thường trú"
