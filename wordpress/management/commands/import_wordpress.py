"""``manage.py import_wordpress export.xml``: move a WordPress site's archive in (see
``wordpress.importer`` for what becomes what).

    manage.py import_wordpress export.xml --media /path/to/wp-content/uploads
    manage.py import_wordpress export.xml --url-list photos.txt --dry-run

The export is WordPress's Tools → Export → "All content". Photos come from a copy of the
site's ``wp-content/uploads`` (``--media``) or are downloaded from the addresses a list
names (``--url-list``); without either, stories are imported without their photos, and the
summary names every photo left out. Run it again at any time: what was imported is not
imported twice."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from images.storage import StorageUnavailable
from wordpress import media
from wordpress.importer import Importer
from wordpress.wxr import ExportError


class Progress:
    """A progress line on stderr: rewritten in place on a terminal, every tenth of the
    way otherwise (a log keeps a few lines, not thousands)."""

    def __init__(self, total, stream):
        self.total, self.stream = max(total, 1), stream
        self.done, self.started, self.shown = 0, time.monotonic(), -1
        self.live = hasattr(stream, "isatty") and stream.isatty()

    def advance(self, count):
        self.done += count
        tenth = self.done * 10 // self.total
        if not self.live and tenth == self.shown:
            return
        self.shown = tenth
        elapsed = max(time.monotonic() - self.started, 1e-6)
        line = _("Posts: %(done)d/%(total)d (%(percent)d%%), %(rate).0f posts a second") % {
            "done": self.done,
            "total": self.total,
            "percent": self.done * 100 // self.total,
            "rate": self.done / elapsed,
        }
        self.stream.write(("\r" + line) if self.live else line + "\n")
        self.stream.flush()

    def finish(self):
        if self.live:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): sections, authors, tags, posts, photos, old addresses."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WordPress export file (Tools → Export).")
        parser.add_argument(
            "--media",
            metavar="DIR",
            help="A copy of the site's wp-content/uploads folder: photos are read from it.",
        )
        parser.add_argument(
            "--url-list",
            metavar="FILE",
            help=(
                "Photos to download: one address a line (or the export's address and the "
                "address to download it from, separated by a space). Nothing else is fetched."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read everything and say what an import would do; save nothing.",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=100,
            help="Posts saved per transaction (default 100).",
        )

    def handle(self, *args, **options):
        if options["batch"] < 1:
            raise CommandError(_("--batch must be at least 1."))
        sources = []
        if options["media"]:
            try:
                sources.append(media.Folder(options["media"]))
            except OSError as error:
                raise CommandError(str(error)) from None
            if not sources[-1].root.is_dir():
                raise CommandError(
                    _("The media folder %(path)s does not exist.") % {"path": options["media"]}
                )
        if options["url_list"]:
            try:
                sources.append(media.AddressList(options["url_list"]))
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(
                    _("The address list cannot be read: %(error)s") % {"error": error}
                ) from None
        stderr = getattr(self.stderr, "_out", sys.stderr)
        importer = Importer(
            options["export"],
            source=media.Either(sources) if sources else None,
            dry_run=options["dry_run"],
            batch=options["batch"],
            progress=lambda total: Progress(total, stderr),
        )
        try:
            report = importer.run()
        except FileNotFoundError:
            raise CommandError(
                _("There is no file %(path)s.") % {"path": options["export"]}
            ) from None
        except ExportError as error:
            raise CommandError(str(error)) from None
        except StorageUnavailable as error:
            raise CommandError(str(error.message)) from None
        if importer.progress is not None:
            importer.progress.finish()
        self.stdout.write("\n".join(report.lines()))
