"""In the admin: the reporter pastes a link on its own line and saves; the embed is made
on save, and a provider that is down never stops the save."""

import pytest

from articles.models import Article
from tests import factories
from tests.embeds.conftest import YOUTUBE, X
from tests.factories import change_url, form_data

pytestmark = pytest.mark.django_db


def save_body(client, article, body):
    page = client.get(change_url(article))
    response = client.post(change_url(article), form_data(page, body=body))
    assert response.status_code == 302
    return Article.objects.get(pk=article.pk)


def test_a_reporter_pastes_a_youtube_link_and_saves_an_embed(reporter_client, reporter):
    article = factories.story(reporter)

    stored = save_body(
        reporter_client, article, f'<p>Mở đầu.</p><p><a href="{YOUTUBE}">{YOUTUBE}</a></p>'
    )

    assert 'data-embed="youtube"' in stored.body


def test_the_story_is_saved_with_a_link_when_the_provider_is_down(
    reporter_client, reporter, providers
):
    providers.down[YOUTUBE] = "timeout"
    article = factories.story(reporter)

    stored = save_body(reporter_client, article, f"<p>Mở đầu.</p><p>{YOUTUBE}</p><p>{X}</p>")

    assert f'<a href="{YOUTUBE}"' in stored.body
    assert 'data-embed="x"' in stored.body
