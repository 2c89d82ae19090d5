"""``manage.py make_renditions``: make the renditions that images uploaded before
renditions existed (or bulk-created without ``Image.save``) lack. Uploads make their own;
this is for upgrades and imports only."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from images import renditions
from images.models import Image


class Command(BaseCommand):
    help = "Make missing image renditions (or, with --all, every image's renditions again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Make renditions again for every image."
        )

    def handle(self, *args, **options):
        images = Image.objects.order_by("pk")
        if not options["all"]:
            images = images.annotate(count=Count("renditions")).filter(count=0)
        made = failed = 0
        for image in images.iterator(chunk_size=100):
            try:
                with transaction.atomic():
                    renditions.regenerate(image)
            except Exception as error:  # one bad file must not stop the rest
                failed += 1
                self.stderr.write(f"{image.pk} {image.file.name}: {error}")
            else:
                made += 1
        self.stdout.write(f"Renditions made for {made} images; {failed} failed.")
