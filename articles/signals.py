"""What makes the reader's pages change, told to the page cache (``newsroom.cache``).

A story counts when it is published (live or scheduled) before or after the change. The
rest counts whenever it changes: sections, tags, sources, the site settings and masthead,
an image or an author's name shown in a published story.

One content generation for the whole site keeps this exact and simple: a change to a
story shows on every page's "latest" lists anyway, and a newsroom saves a few times a
minute at most, each costing one cache write and then one render per page readers ask
for. Views ("most read") change nothing here: the page cache's timeout bounds them."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from taggit.models import Tag

from images.models import Image
from newsroom.cache import content_changed
from newsroom.models import Masthead, SiteSettings, forget_settings
from sections.models import Section

from .models import Article, Source, Status

# Only these fields of an account show on the site (bylines, author pages).
SHOWN_USER_FIELDS = {"username", "first_name", "last_name", "is_staff"}


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
    content_changed(*paths, using=using)


def story_deleted(sender, instance, using=None, **kwargs):
    if instance.status == Status.PUBLISHED:
        content_changed(instance.get_absolute_url(), using=using)


def story_links_changed(sender, instance, action, reverse, using=None, **kwargs):
    """Authors or tags added to or removed from a story (or stories of a person)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):
        if instance.status == Status.PUBLISHED:
            content_changed(instance.get_absolute_url(), using=using)
    elif reverse:
        content_changed(using=using)


def changed_unless_new(sender, instance, created=False, raw=False, using=None, **kwargs):
    """Tags and sources: a new one is on no page yet."""
    if not created and not raw:
        content_changed(using=using)


def changed(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        content_changed(using=using)


def site_settings_changed(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    # The cached settings row goes first: a page made between the new generation and
    # that would show the old row under the new generation.
    transaction.on_commit(forget_settings, using=using)
    content_changed(using=using)


def section_changed(sender, instance, raw=False, using=None, **kwargs):
    """A section's name, place or visibility shows in every page's menu."""
    if not raw:
        content_changed(instance.get_absolute_url(), using=using)


def image_changed(sender, instance, created=False, raw=False, using=None, **kwargs):
    """A photo's caption, alt text, credit or file, when a published story shows it."""
    if created or raw:
        return
    stories = _published(using)
    # Two lookups, each on its own index, rather than an OR across a join.
    if (
        stories.filter(featured_image_id=instance.pk).exists()
        or stories.filter(body_images=instance.pk).exists()
    ):
        content_changed(using=using)


def person_changed(
    sender, instance, created=False, raw=False, using=None, update_fields=None, **kwargs
):
    """An author's name, as bylines and author pages show it (not a login's timestamp)."""
    if created or raw or (update_fields is not None and not SHOWN_USER_FIELDS & set(update_fields)):
        return
    if _published(using).filter(authors=instance).exists():
        content_changed(using=using)


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
    for model in (SiteSettings, Masthead):
        post_save.connect(
            site_settings_changed, sender=model, dispatch_uid=f"page-cache-{model._meta.label}"
        )
        post_delete.connect(
            site_settings_changed,
            sender=model,
            dispatch_uid=f"page-cache-{model._meta.label}-delete",
        )
    post_save.connect(section_changed, sender=Section, dispatch_uid="page-cache-section")
    post_delete.connect(changed, sender=Section, dispatch_uid="page-cache-section-delete")
    post_save.connect(image_changed, sender=Image, dispatch_uid="page-cache-image")
    post_save.connect(person_changed, sender=get_user_model(), dispatch_uid="page-cache-person")
