"""Tags: a comma ends one and a space never does, every tag has an address, and no tag
(however it was typed or saved) can make a story's page fail."""

import pytest
from django.core.exceptions import ValidationError
from taggit.models import Tag

from articles.models import Article
from articles.tags import format_tags, parse_tags
from tests import factories
from tests.cache.conftest import page_cache  # noqa: F401 (a fixture)
from tests.factories import add_url, change_url, form_data
from tests.site.conftest import story


@pytest.fixture(params=["caches off", "caches on"])
def caches(request, settings):
    """Each reader's test twice: as the suite runs, and with the page and fragment caches
    on as in production."""
    if request.param == "caches on":
        request.getfixturevalue("page_cache")
        settings.FRAGMENT_CACHE = True


@pytest.mark.parametrize(
    "typed, tags",
    [
        ("Đà Nẵng", ["Đà Nẵng"]),
        ("Đà Nẵng, Huế", ["Đà Nẵng", "Huế"]),
        ("  Bão   số 3 ,, Miền Trung,", ["Bão số 3", "Miền Trung"]),
        ("Hà Nội, hà nội, HÀ NỘI", ["Hà Nội"]),
        ("Tie\u0302\u0301ng Vie\u0323\u0302t, Tiếng Việt", ["Tiếng Việt"]),
        ('"Hà Nội, Việt Nam", Huế', ["Hà Nội, Việt Nam", "Huế"]),
        ("Hà Nội\r\nHuế", ["Hà Nội", "Huế"]),
        ("", []),
    ],
)
def test_a_comma_ends_a_tag_and_a_space_never_does(typed, tags):
    assert parse_tags(typed) == tags


def test_the_field_shows_tags_as_it_reads_them_back():
    names = ["Đà Nẵng", "Hà Nội, Việt Nam", 'Phở "ngon"']
    text = format_tags([Tag(name=name) for name in names])
    assert sorted(parse_tags(text)) == sorted(names)


@pytest.fixture
def article(reporter):
    return factories.story(reporter, title="Mưa lớn ở miền Trung")


def save_tags(client, article, typed):
    page = client.get(change_url(article))
    return client.post(change_url(article), form_data(page, tags=typed))


def tag_names(article):
    return sorted(Article.objects.get(pk=article.pk).tags.names())


def test_a_multi_word_vietnamese_tag_is_one_tag(reporter_client, article):
    response = save_tags(reporter_client, article, "Đà Nẵng")
    assert response.status_code == 302
    assert tag_names(article) == ["Đà Nẵng"]
    assert Tag.objects.get().slug == "da-nang"


def test_the_change_form_shows_the_tags_as_they_were_typed(reporter_client, article):
    article.tags.add("Đà Nẵng", "Bão số 3")
    page = reporter_client.get(change_url(article))
    assert form_data(page)["tags"] == "Bão số 3, Đà Nẵng"
    # Saved again untouched, they stay two tags.
    reporter_client.post(change_url(article), form_data(page))
    assert tag_names(article) == ["Bão số 3", "Đà Nẵng"]


def test_the_tag_field_is_a_chip_widget_with_its_rule_in_the_help_text(reporter_client):
    page = reporter_client.get(add_url()).content.decode()
    assert 'class="vTextField tag-input"' in page
    assert "/static/articles/tag-input.js" in page
    assert "/static/articles/tag-input.css" in page
    assert "Đà Nẵng, Bão số 3" in page  # the help text's example
    assert '<label for="id_tags">Thẻ:</label>' in page  # capitalised like its neighbours


@pytest.mark.parametrize("typed", ["!!!", "🔥", "Huế, 🌀🌀", "—", "“…”"])
def test_a_tag_that_cannot_have_an_address_is_refused_with_a_message(
    reporter_client, article, typed
):
    response = save_tags(reporter_client, article, typed)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["tags"]
    assert "letter or digit" in " ".join(errors) or "chữ cái" in " ".join(errors)
    assert tag_names(article) == []
    assert not Tag.objects.exists()


def test_a_tag_longer_than_the_column_is_refused_with_a_message(reporter_client, article):
    response = save_tags(reporter_client, article, "Huế, " + "Ừ" * 101)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["tags"])
    assert "100" in errors and "101" in errors
    assert tag_names(article) == []


@pytest.mark.parametrize("typed", ["a" * 140_000, "Huế, " * 2_000])
def test_pages_of_tags_are_refused_with_a_message_not_a_500(reporter_client, article, typed):
    response = save_tags(reporter_client, article, typed)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["tags"])
    assert "5000" in errors
    assert tag_names(article) == []


def test_parsing_a_tag_past_the_csv_field_limit_still_gives_tags():
    assert parse_tags("Huế, " + "a" * 140_000) == ["Huế", "a" * 140_000]


def test_a_tag_at_the_column_length_is_fine(reporter_client, article):
    response = save_tags(reporter_client, article, "Ừ" * 100)
    assert response.status_code == 302
    assert tag_names(article) == ["Ừ" * 100]


def test_control_characters_in_tags_are_refused(reporter_client, article):
    response = save_tags(reporter_client, article, "Huế\x1b[31m")
    assert response.status_code == 200
    assert "tags" in response.context["adminform"].form.errors
    assert not Tag.objects.exists()


@pytest.mark.parametrize("name", ["!!!", "🔥", ",", "", "Ừ" * 101])
def test_a_tag_saved_outside_the_form_without_an_address_is_refused(db, name):
    with pytest.raises(ValidationError):
        Tag.objects.create(name=name)
    assert not Tag.objects.exists()


def test_an_importer_adding_an_unusable_tag_to_a_story_is_refused(reporter):
    article = factories.story(reporter)
    with pytest.raises(ValidationError):
        article.tags.add("Huế", "!!!")
    assert not Tag.objects.filter(name="!!!").exists()


@pytest.mark.parametrize("slug", ["", "a/b", "có dấu cách", "x" * 101])
def test_a_tag_saved_with_an_unusable_slug_gets_one_from_its_name(db, slug):
    tag = Tag.objects.create(name="Đà Nẵng", slug=slug)
    assert tag.slug == "da-nang"


def test_tags_whose_names_make_the_same_address_get_different_ones(db):
    first = Tag.objects.create(name="Đà Nẵng")
    second = Tag.objects.create(name="Da Nang!")
    assert first.slug == "da-nang"
    assert second.slug not in ("", "da-nang")


def test_a_long_name_that_transliterates_longer_still_fits_its_slug(db):
    tag = Tag.objects.create(name="ß" * 100)  # ß → ss
    assert 0 < len(tag.slug) <= 100
    assert Tag.objects.get(pk=tag.pk).slug == tag.slug


def test_the_tag_admin_refuses_a_name_without_an_address(editor_client):
    response = editor_client.post("/quan-tri/taggit/tag/add/", {"name": "!!!", "slug": "x"})
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert not Tag.objects.exists()


@pytest.mark.django_db
def test_a_story_with_a_tag_saved_around_the_model_still_shows(client, caches):
    # bulk_create skips save(): an importer could still store an empty slug.
    bad, good = Tag.objects.bulk_create([Tag(name="!!!", slug=""), Tag(name="Huế", slug="hue")])
    article = story(tags=[bad, good])

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "<li>!!!</li>" in page
    assert '<a href="/tag/hue/" rel="tag">Huế</a>' in page


@pytest.mark.django_db
def test_a_multi_word_tag_has_one_address_readers_can_open(client, caches):
    article = story(tags=["Đà Nẵng"])
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/tag/da-nang/" rel="tag">Đà Nẵng</a>' in page
    listing = client.get("/tag/da-nang/")
    assert listing.status_code == 200
    assert article.title in listing.content.decode()


@pytest.mark.django_db
def test_the_migration_gives_tags_without_a_slug_an_address(client, caches):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("articles.migrations.0007_tags_have_an_address")
    bad, slashed, good = Tag.objects.bulk_create(
        [Tag(name="!!!", slug=""), Tag(name="a/b", slug="a/b"), Tag(name="Huế", slug="hue")]
    )

    migration.give_tags_an_address(apps, None)

    assert Tag.objects.get(pk=bad.pk).slug == f"the-{bad.pk}"
    assert Tag.objects.get(pk=slashed.pk).slug == f"the-{slashed.pk}"
    assert Tag.objects.get(pk=good.pk).slug == "hue"
    article = story(tags=[bad])
    assert f'href="/tag/the-{bad.pk}/"' in client.get(article.get_absolute_url()).content.decode()
