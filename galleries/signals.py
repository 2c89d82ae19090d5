"""The one cache rule of galleries: a gallery, one of its photos (added, moved, captioned,
taken out), a story's main gallery, or a library photo a gallery shows, saved or deleted.
Every story part depends on the ``galleries`` tag; the published stories that show the
gallery are named for a CDN that purges by address."""

from django.db.models.signals import post_delete, post_save

from articles.models import Article
from images.models import Image
from newsroom import caching

from .models import Gallery, GalleryImage, StoryGallery


def _pages(gallery_pk, using):
    if gallery_pk is None:
        return []
    stories = Article.objects.using(using).public()
    shown = stories.filter(main_gallery__gallery_id=gallery_pk) | stories.filter(
        body__contains=f'data-gallery="{gallery_pk}"'
    )
    return [story.get_absolute_url() for story in shown.only("pk", "slug")[:50]]


def gallery_changed(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    # The stories' addresses are looked up for the gallery and a story's main gallery: a
    # photo's row is saved with its gallery (the admin saves the gallery first), and the
    # site's surrogate key purges every page anyway.
    if isinstance(instance, GalleryImage):
        paths = []
    else:
        paths = _pages(getattr(instance, "gallery_id", instance.pk), using)
    caching.changed("galleries", paths=paths, using=using)


def image_changed(sender, instance, created=False, raw=False, using=None, **kwargs):
    """A library photo's caption, alt text, credit or file, when a gallery shows it."""
    if created or raw:
        return
    if GalleryImage.objects.using(using).filter(image_id=instance.pk).exists():
        caching.changed("galleries", using=using)


def connect():
    for model in (Gallery, GalleryImage, StoryGallery):
        for signal in (post_save, post_delete):
            signal.connect(
                gallery_changed,
                sender=model,
                dispatch_uid=f"galleries-{model._meta.label}-{signal}",
            )
    post_save.connect(image_changed, sender=Image, dispatch_uid="galleries-image")
