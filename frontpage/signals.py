"""The boards' one invalidation rule: a saved or deleted board, edition or slot, a photo
that a live or scheduled slot shows instead of its story's (or that is the cover of the
topic such an edition features), and the clock of scheduled editions."""

import datetime

from django.urls import reverse

from newsroom import caching


def next_edition(now):
    """The timestamp a scheduled edition goes live next, or None."""
    from .models import Edition

    moment = Edition.objects.next_publication(datetime.datetime.fromtimestamp(now, datetime.UTC))
    return moment.timestamp() if moment else None


def _page(instance, using):
    """The address of the page ``instance`` (a board, an edition or a slot) is on."""
    from .models import Board, Edition

    if isinstance(instance, Board):
        board = instance
    else:
        which = (
            {"pk": instance.board_id}
            if isinstance(instance, Edition)
            else {"editions": instance.edition_id}
        )
        board = Board.objects.using(using).filter(**which).select_related("section").first()
    if board is None or board.section_id is None or board.section is None:
        return reverse("articles:home")
    return board.section.get_absolute_url()


def board_changed(sender, instance, using=None, **kwargs):
    paths = {reverse("articles:home"), _page(instance, using)}
    caching.changed("boards", paths=sorted(paths), using=using)


def image_changed(sender, instance, created=False, raw=False, using=None, **kwargs):
    """A photo's caption, alt text, credit or file, when a slot that is live or scheduled
    shows it in place of its story's, or it is the cover of the topic a live or scheduled
    edition features in the home page's box (no story shows it, so ``stories`` does not
    change)."""
    from .models import Edition, Slot

    if created or raw:
        return
    shown = [Edition.Status.SCHEDULED, Edition.Status.PUBLISHED]
    # Two lookups, each on its own index, rather than an OR across joins.
    if (
        Slot.objects.using(using).filter(image=instance, edition__status__in=shown).exists()
        or Edition.objects.using(using).filter(topic__cover=instance, status__in=shown).exists()
    ):
        caching.changed("boards", using=using)


def connect():
    from django.db.models.signals import post_delete, post_save

    for model in ("frontpage.Board", "frontpage.Edition", "frontpage.Slot"):
        for signal in (post_save, post_delete):
            signal.connect(board_changed, sender=model, dispatch_uid=f"{model}-{signal}")
    post_save.connect(image_changed, sender="images.Image", dispatch_uid="frontpage-image")
