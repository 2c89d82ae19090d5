"""``manage.py make_renditions``: make the renditions that images uploaded before
renditions existed (or bulk-created without ``Image.save``) lack. Uploads make their own;
this is for upgrades and imports only. ``--crops`` cuts the ratio crops (16:9, 1:1,
1.91:1, around each image's focal point) for images that have renditions but no crops
yet, those uploaded before crops existed."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from images import renditions
from images.models import Image


class Command(BaseCommand):
    help = (
        "Make missing image renditions (or, with --all, every image's renditions again; "
        "with --crops, the missing crops of each ratio)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Make renditions again for every image."
        )
        parser.add_argument(
            "--crops",
            action="store_true",
            help="Cut the 16:9, 1:1 and 1.91:1 crops of images that have none yet.",
        )

    def handle(self, *args, **options):
        images = Image.objects.order_by("pk")
        if options["crops"]:
            make, what = renditions.recrop, "Crops"
            if not options["all"]:
                images = images.annotate(count=Count("crops")).filter(count=0)
        else:
            make, what = renditions.regenerate, "Renditions"
            if not options["all"]:
                images = images.annotate(count=Count("renditions")).filter(count=0)
        made = failed = 0
        for image in images.iterator(chunk_size=100):
            try:
                with transaction.atomic():
                    make(image)
            except Exception as error:  # one bad file must not stop the rest
                failed += 1
                self.stderr.write(f"{image.pk} {image.file.name}: {error}")
            else:
                made += 1
        self.stdout.write(f"{what} made for {made} images; {failed} failed.")
