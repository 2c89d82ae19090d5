"""``manage.py link_body_images``: the stories saved before body photos were library photos
get each photo's record id, and list their photos as the story's images; running it again
changes nothing; ``--dry-run`` only counts."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article
from images.models import Image
from tests import factories
from tests.images import pictures

OUTSIDE = '<figure class="image"><img src="https://example.com/a.jpg" alt="Ngoài"></figure>'


def library_photo(**fields):
    image = Image(file=pictures.upload(pictures.photo()), **fields)
    image.save()
    return image


def stored_before_linking(body):
    """A story as it was stored before this issue: its body saved around the model."""
    article = factories.ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body=body)
    article.body_images.clear()
    return Article.objects.get(pk=article.pk)


def run(*args):
    """The command's report, read in English (it speaks the site's language, Vietnamese)."""
    out = StringIO()
    with translation.override("en"):
        call_command("link_body_images", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_stories(db):
    first, second = library_photo(), library_photo()
    linked = stored_before_linking(
        f'<figure class="image"><img src="{first.file.url}" alt="Một"></figure>{OUTSIDE}'
    )
    # A rendition's address, as the editor's upload answers with one.
    rendition = second.rendition_list[0][3]
    also = stored_before_linking(f'<p><img src="/media/{rendition}" alt="Hai"></p>')
    stored_before_linking("<p>Không có ảnh.</p>")
    return {"linked": linked, "also": also, "first": first, "second": second}


def test_old_bodies_get_their_photos_ids(old_stories):
    output = run()

    linked, also = (Article.objects.get(pk=old_stories[k].pk) for k in ("linked", "also"))
    assert f'data-image="{old_stories["first"].pk}"' in linked.body
    assert OUTSIDE in linked.body
    assert f'data-image="{old_stories["second"].pk}"' in also.body
    assert list(linked.body_images.all()) == [old_stories["first"]]
    assert list(also.body_images.all()) == [old_stories["second"]]
    assert "Stories with photos: 2; linked: 2 (2 photos); photos not in the library: 1." in output


def test_running_it_again_changes_nothing(old_stories):
    run()
    bodies = dict(Article.objects.values_list("pk", "body"))

    output = run()

    assert dict(Article.objects.values_list("pk", "body")) == bodies
    assert "linked: 0 (0 photos)" in output


def test_a_dry_run_counts_and_changes_nothing(old_stories):
    bodies = dict(Article.objects.values_list("pk", "body"))

    output = run("--dry-run")

    assert dict(Article.objects.values_list("pk", "body")) == bodies
    assert not old_stories["first"].used_in_body.exists()
    assert Image.objects.get(pk=old_stories["first"].pk).alt_text == ""
    assert "Dry run, nothing changed." in output and "to link: 2 (2 photos)" in output


def test_the_library_learns_the_alt_text_of_old_bodies(old_stories):
    run()
    assert Image.objects.get(pk=old_stories["first"].pk).alt_text == "Một"


def test_linking_does_not_mark_the_story_updated(old_stories):
    before = Article.objects.get(pk=old_stories["linked"].pk).updated_at
    run()
    assert Article.objects.get(pk=old_stories["linked"].pk).updated_at == before
