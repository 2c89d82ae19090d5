"""``manage.py clean_originals``: remove private metadata (GPS position, camera serial,
owner, XMP…) from the originals stored before uploads were cleaned (``images.originals``).

Each original is replaced in place, at once, under the same name: stories' bodies and
the renditions keep pointing at it. A file already clean is left alone, so the command
can run again at any time. Caches in front of ``/media/`` (nginx, a CDN) still hold the
old bytes until they are purged."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from images import originals
from images.models import Image
from images.storage import overwrite
from images.validation import validate_image_file

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Remove private metadata (GPS, camera serial, XMP…) from stored image originals."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say how many originals would be cleaned, and change nothing.",
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        # Bulk-made records may share one original: each file is read once.
        names = list(
            Image.objects.exclude(file="")
            .order_by("file")
            .values_list("file", flat=True)
            .distinct()
        )
        cleaned = already_clean = failed = 0
        for done, name in enumerate(names, start=1):
            try:
                changed = self.clean(name, dry_run)
            except Exception as error:  # one bad file must not stop the rest
                failed += 1
                self.stderr.write(f"\n{name}: {error}")
            else:
                cleaned += changed
                already_clean += not changed
            self.progress(done, len(names))
        if names:
            self.stderr.write("")
        summary = _(
            "Originals checked: %(total)d; cleaned: %(cleaned)d; already clean: %(clean)d; "
            "failed: %(failed)d."
        )
        if dry_run:
            summary = _(
                "Dry run, nothing changed. Originals checked: %(total)d; to clean: "
                "%(cleaned)d; already clean: %(clean)d; failed: %(failed)d."
            )
        self.stdout.write(
            summary
            % {"total": len(names), "cleaned": cleaned, "clean": already_clean, "failed": failed}
        )

    def clean(self, name, dry_run):
        """Whether the original ``name`` held metadata (and, unless ``dry_run``, was
        replaced by its clean bytes)."""
        storage = Image._meta.get_field("file").storage
        with storage.open(name, "rb") as file:
            data = file.read()
            file.seek(0)
            info = validate_image_file(file)
        clean = originals.clean(data, info)
        if clean == data:
            return False
        if not dry_run:
            overwrite(storage, name, clean)
            Image.objects.filter(file=name).update(file_size=len(clean))
        return True

    def progress(self, done, total):
        # At most about a hundred redraws, however many images there are.
        if done != total and done % max(1, total // 100):
            return
        filled = BAR_WIDTH * done // total
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        self.stderr.write(f"\r{bar} {done}/{total}", ending="")
