"""Each process keeps copies of the pages it served lately (newsroom.cache.pages): a page
served again reads only the content generation from the cache server, and a change saved
by any other process or machine is on this process's very next page all the same."""

import pytest

from articles.models import Article
from newsroom.cache import new_generation

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]


def test_a_page_served_again_reads_only_the_generation(reader, section, cache_calls):
    address = story(title="Mưa lớn ở Hà Nội", section=section).get_absolute_url()
    first = reader.get(address)
    cache_calls.clear()

    again = reader.get(address)

    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert cache_calls == ["get"]


def test_a_change_saved_elsewhere_is_on_the_next_page(reader, section):
    article = story(title="Mưa lớn ở Hà Nội", section=section)
    address = article.get_absolute_url()
    assert "Mưa lớn ở Hà Nội" in reader.get(address).content.decode()
    assert "Mưa lớn ở Hà Nội" in reader.get("/").content.decode()

    # Another process saves the story: the row changes and, once committed, a new
    # generation starts. Nothing tells this process.
    Article.objects.filter(pk=article.pk).update(title="Mưa đá ở Hà Nội")
    new_generation()

    assert "Mưa đá ở Hà Nội" in reader.get(address).content.decode()
    assert "Mưa đá ở Hà Nội" in reader.get("/").content.decode()
