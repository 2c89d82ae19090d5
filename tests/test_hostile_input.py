"""What no one types (NUL, bytes that are not UTF-8) in an address, a query string, a form
or a cookie gets a 400 (or a 404), never a 500, on every route. PostgreSQL refuses NUL in
any text, so there a lookup with one failed instead of finding nothing."""

import itertools

import pytest
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from taggit.models import Tag

from articles.models import Article
from tests import factories
from tests.cache.conftest import page_cache  # noqa: F401 (a fixture)
from tests.factories import change_url, form_data
from tests.site.conftest import story

# A value for each kind of parameter a route takes: the first that reverses is used.
SAMPLES = ["x", "1", "articles"]


def _routes(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _routes(pattern.url_patterns, inner)
        elif pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            params = list(
                getattr(pattern.pattern, "converters", {}) or pattern.pattern.regex.groupindex
            )
            yield name, params


def every_route():
    """``(name, an address it answers)`` for every named route of the site."""
    found = {}
    for name, params in _routes(get_resolver().url_patterns):
        for values in itertools.product(SAMPLES, repeat=len(params)):
            try:
                found[name] = reverse(name, kwargs=dict(zip(params, values, strict=True)))
                break
            except NoReverseMatch:
                continue
    # The admin's catch-all (unnamed): any other address under it.
    found["admin:catch-all"] = "/quan-tri/khong-co-trang-nay/"
    return sorted(found.items())


# Load balancers' probes answer first, reading nothing of the request (newsroom.health);
# readyz queries every database alias, which these tests do not open.
ROUTES = [(name, address) for name, address in every_route() if name != "readyz"]
PROBES = {"healthz"}


def refused(response, name):
    """A 400, or for a probe whatever it answers as long as it is not an error."""
    if name in PROBES:
        return response.status_code < 500
    return response.status_code == 400


def test_every_route_is_tried():
    names = {name for name, _address in ROUTES}
    assert {"articles:tag", "articles:author", "articles:search", "articles:detail"} <= names
    assert {"articles:section", "feed", "section-feed", "sitemap", "sitemap-part"} <= names
    assert {"admin:login", "admin:articles_article_changelist", "images:editor-upload"} <= names
    assert {"articles:preview", "articles:signed-preview", "articles:count-view"} <= names


@pytest.fixture
def newsroom(editor, reporter, section):
    """A story and a tag, so that routes taking an id or a slug find something."""
    article = factories.story(reporter, section=section, title="Bão số 3")
    article.tags.add("Đà Nẵng")
    return article


def with_nul(address):
    """``address`` with NUL in its last part (or after it, where a part is a number)."""
    if "/x/" in address or address.endswith("/x"):
        return address.replace("/x", "/%00", 1)
    if "x-1.html" in address:
        return address.replace("x-1.html", "%00-1.html")
    return address.rstrip("/") + "%00/"


@pytest.mark.django_db
@pytest.mark.parametrize("name, address", ROUTES, ids=[name for name, _a in ROUTES])
class TestEveryRoute:
    def test_nul_in_the_address(self, editor_client, newsroom, name, address):
        assert refused(editor_client.get(with_nul(address)), name)

    @pytest.mark.parametrize("query", ["q=%00", "page=1%00", "%00=1", "q=%FF", "q=%C3%28"])
    def test_nul_or_bad_bytes_in_the_query_string(
        self, editor_client, newsroom, name, address, query
    ):
        assert refused(editor_client.get(f"{address}?{query}"), name)

    def test_nul_in_a_form(self, editor_client, newsroom, name, address):
        response = editor_client.post(address, {"q": "\x00", "username": "a\x00b"})
        assert refused(response, name)

    def test_bad_bytes_in_a_form(self, editor_client, newsroom, name, address):
        response = editor_client.post(
            address, b"title=%FF%FE", content_type="application/x-www-form-urlencoded"
        )
        assert refused(response, name)

    def test_bad_bytes_in_the_address(self, editor_client, newsroom, name, address):
        # Django keeps them percent-encoded; what matters is that nothing fails.
        assert editor_client.get(with_nul(address).replace("%00", "%FF")).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/tag/%00/", "/tac-gia/%00/", "/tim-kiem/?q=%00", "/tim-kiem/?q=H%00", "/rss/?page=%00"],
)
def test_readers_typing_nul_get_a_400(client, page_cache, newsroom, address):  # noqa: F811
    assert client.get(address).status_code == 400


@pytest.mark.django_db
def test_a_session_cookie_with_nul_gets_a_400(client, newsroom):
    client.cookies["sessionid"] = "\x00" * 32
    assert client.get("/quan-tri/").status_code == 400


@pytest.mark.django_db
def test_admin_search_with_nul_gets_a_400(editor_client, newsroom):
    response = editor_client.get("/quan-tri/articles/article/?q=B%C3%A3o%00")
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_login_form_with_nul_gets_a_400(client, newsroom):
    response = client.post("/quan-tri/login/", {"username": "bientap\x00", "password": "x"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_an_upload_form_with_nul_in_a_field_gets_a_400(editor_client, newsroom):
    response = editor_client.post(
        "/quan-tri/images/image/add/",
        {"caption": "Ảnh\x00", "file": factories.uploaded_image()},
    )
    assert response.status_code == 400


# What people do type still works.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address", ["/tim-kiem/?q=B%C3%A3o+s%E1%BB%91+3", "/tim-kiem/?q=%EF%BF%BD", "/tag/da-nang/"]
)
def test_ordinary_readers_requests_still_work(client, page_cache, newsroom, address):  # noqa: F811
    story(title="Bão số 3 đổ bộ", tags=[Tag.objects.get(slug="da-nang")])
    assert client.get(address).status_code == 200


@pytest.mark.django_db
def test_a_replacement_character_pasted_into_a_story_is_kept(editor_client, newsroom):
    # U+FFFD typed (or pasted from a garbled page) is a character like any other.
    page = editor_client.get(change_url(newsroom))
    response = editor_client.post(change_url(newsroom), form_data(page, title="Bão � số 3"))
    assert response.status_code == 302
    assert Article.objects.get(pk=newsroom.pk).title == "Bão � số 3"


@pytest.mark.django_db
def test_the_bad_request_page_says_what_happened_in_vietnamese(client):
    response = client.get("/tag/%00/")
    assert response.status_code == 400
    assert "<h1>Không đọc được yêu cầu này</h1>" in response.content.decode()
