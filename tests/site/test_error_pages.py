"""Friendly error pages in the site's look: the 404 page inside the usual header and
footer, the 500 page standalone, so it renders with the database down."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error
from pytest_django.asserts import assertContains, assertTemplateUsed


@pytest.mark.django_db
def test_not_found_page_keeps_the_sites_header_menu_and_footer(
    client, site_settings, parent_section
):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, '<html lang="vi">', status_code=404)
    assertContains(response, "Báo Khoa học Đời sống", status_code=404)
    assertContains(response, '<a href="/khoa-hoc/">Khoa học</a>', status_code=404)
    assertContains(response, "Liên hiệp các Hội Khoa học Việt Nam", status_code=404)
    assertContains(response, '<meta name="robots" content="noindex">', status_code=404)


def test_server_error_page_renders_without_context_or_database():
    # No django_db mark: pytest-django makes any database access here an error.
    response = server_error(RequestFactory().get("/"))

    content = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="vi">' in content
    assert '<link rel="stylesheet" href="/static/css/site.css">' in content
    assert 'href="/"' in content
