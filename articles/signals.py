"""What changes the ``stories`` cache tag (``newsroom.caching``): what readers see of
stories. A story counts when it is published (live or scheduled) before or after the
change; tags and sources whenever they change; an image or an author's name when a
published story shows it.

One tag for every story keeps this exact and simple: a change to a story shows on every
page's "latest" lists anyway, and a newsroom saves a few times a minute at most, each
costing one cache write and then one render per page readers ask for. Views ("most
read") change nothing here: the box's lifetime bounds them."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from taggit.models import Tag

from images.models import Image
from newsroom import caching

from .models import Article, Source, Status

# Only these fields of an account show on the site (bylines, author pages).
SHOWN_USER_FIELDS = {"username", "first_name", "last_name", "is_staff"}


def stories_changed(*paths, using=None):
    caching.changed("stories", paths=paths, using=using)


def next_publication(now):
    """When the next scheduled story goes live (a timestamp), if one is waiting."""
    moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
    upcoming = (
        Article.objects.scheduled(moment)
        .order_by("publication_at")
        .values_list("publication_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else None


def _published(using):
    return Article.objects.using(using).filter(status=Status.PUBLISHED)


def remember_story_before(sender, instance, raw=False, using=None, **kwargs):
    if raw or instance.pk is None:
        instance._before_save = None
        return
    instance._before_save = (
        Article.objects.using(using).filter(pk=instance.pk).values("status", "slug").first()
    )


def story_saved(sender, instance, raw=False, using=None, **kwargs):
    before = getattr(instance, "_before_save", None)
    was_published = before is not None and before["status"] == Status.PUBLISHED
    if not (was_published or instance.status == Status.PUBLISHED) or raw:
        return
    paths = [instance.get_absolute_url()]
    if before is not None and before["slug"] != instance.slug:
        paths.append(Article(pk=instance.pk, slug=before["slug"]).get_absolute_url())
    stories_changed(*paths, using=using)


def story_deleted(sender, instance, using=None, **kwargs):
    if instance.status == Status.PUBLISHED:
        stories_changed(instance.get_absolute_url(), using=using)


def story_links_changed(sender, instance, action, reverse, using=None, **kwargs):
    """Authors or tags added to or removed from a story (or stories of a person)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):
        if instance.status == Status.PUBLISHED:
            stories_changed(instance.get_absolute_url(), using=using)
    elif reverse:
        stories_changed(using=using)


def changed_unless_new(sender, instance, created=False, raw=False, using=None, **kwargs):
    """Tags and sources: a new one is on no page yet."""
    if not created and not raw:
        stories_changed(using=using)


def changed(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        stories_changed(using=using)


def image_changed(sender, instance, created=False, raw=False, using=None, **kwargs):
    """A photo's caption, alt text, credit or file, when a published story shows it (or
    gives it to the share card)."""
    if created or raw:
        return
    stories = _published(using)
    # Lookups each on its own index, rather than an OR across a join.
    if (
        stories.filter(featured_image_id=instance.pk).exists()
        or stories.filter(body_images=instance.pk).exists()
        or stories.filter(social_image_id=instance.pk).exists()
    ):
        stories_changed(using=using)


def person_changed(
    sender, instance, created=False, raw=False, using=None, update_fields=None, **kwargs
):
    """An author's name, as bylines and author pages show it (not a login's timestamp)."""
    if created or raw or (update_fields is not None and not SHOWN_USER_FIELDS & set(update_fields)):
        return
    if _published(using).filter(authors=instance).exists():
        stories_changed(using=using)


def connect():
    pre_save.connect(remember_story_before, sender=Article, dispatch_uid="page-cache-story-pre")
    post_save.connect(story_saved, sender=Article, dispatch_uid="page-cache-story")
    post_delete.connect(story_deleted, sender=Article, dispatch_uid="page-cache-story-delete")
    for through in (Article.authors.through, Article.tags.through):
        m2m_changed.connect(
            story_links_changed, sender=through, dispatch_uid=f"page-cache-{through._meta.label}"
        )
    for model in (Tag, Source):
        post_save.connect(
            changed_unless_new, sender=model, dispatch_uid=f"page-cache-{model._meta.label}"
        )
        post_delete.connect(
            changed, sender=model, dispatch_uid=f"page-cache-{model._meta.label}-delete"
        )
    post_save.connect(image_changed, sender=Image, dispatch_uid="page-cache-image")
    post_save.connect(person_changed, sender=get_user_model(), dispatch_uid="page-cache-person")
