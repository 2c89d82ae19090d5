"""``manage.py link_body_images``: name, in every story's body, the library record of each
photo the library holds (``data-image``, see ``images.body``), and list the body's photos
as the story's images, for the stories saved before body photos were linked.

A story is changed only when one of its photos gains or corrects its id, so the command
can run again at any time and then changes nothing. Photos from elsewhere stay as they
are and are counted. The stories' "updated" time is not touched: nothing a reader reads
changed."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from images.body import linked
from images.models import stories_manager
from newsroom.html import sanitize


class Command(BaseCommand):
    help = "Link the photos in stories' bodies to their image-library records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say how many stories and photos would be linked, and change nothing.",
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        stories = stories_manager().filter(body__contains="<img").only("pk", "body")
        checked = changed = photos = outside = 0
        for story in stories.order_by("pk").iterator(chunk_size=200):
            checked += 1
            result = linked(story.body, complete=not dry_run)
            outside += result.outside
            if not result.linked:
                continue
            changed += 1
            photos += result.linked
            if dry_run:
                continue
            with transaction.atomic():
                # The stored body stays what Article.save keeps: cleaned by the allow-list.
                body = sanitize(result.html)
                type(story)._default_manager.filter(pk=story.pk).update(body=body)
                story.body = body
                story.sync_body_images()
        counts = {"checked": checked, "changed": changed, "photos": photos, "outside": outside}
        if dry_run:
            summary = _(
                "Dry run, nothing changed. Stories with photos: %(checked)d; to link: "
                "%(changed)d (%(photos)d photos); photos not in the library: %(outside)d."
            )
        else:
            summary = _(
                "Stories with photos: %(checked)d; linked: %(changed)d (%(photos)d photos); "
                "photos not in the library: %(outside)d."
            )
        self.stdout.write(summary % counts)
