#!/usr/bin/env python3
"""Time ``manage.py import_wordpress`` on a 10,000-post WordPress export.

    .venv/bin/python bench/import_wordpress.py                  # SQLite, in a temporary folder
    .venv/bin/python bench/import_wordpress.py --database-url postgres:///toasoan_wp_bench

The export is the test suite's (``tests/wordpress/wxr.py``: a Vietnamese news site, every
post status, shortcodes, galleries, broken HTML, photos under ``wp-content/uploads`` with
some missing), written with its photos into a temporary folder; the database is migrated
empty first (the PostgreSQL one must exist and be empty). YouTube's oEmbed answer is the
recorded one: nothing reaches the network.

Measured, in this process: the dry run, the import, and the second run (which finds
everything imported and creates nothing), each in posts per second, with the peak memory.
The export's photos are small (48 × 32): the import's own work is measured, and the cost
of a real photo's renditions is measured apart on a few 1600 × 1067 JPEGs
(``Image.save``), so the time for an archive with N photos can be worked out.

The numbers go to ``bench/results/import-wordpress-<posts>.json`` and are printed as the
Markdown of ``bench/RESULTS.md``'s section "Import from WordPress"."""

import argparse
import datetime
import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url, media_root):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = media_root
    import micawber.providers

    from tests.wordpress.conftest import fake_fetch

    micawber.providers.fetch = fake_fetch


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def photo_cost(count=10):
    """Seconds per realistic photo stored through ``Image.save`` (its renditions made)."""
    from django.core.files.base import ContentFile
    from django.db import transaction
    from PIL import Image as PILImage
    from PIL import ImageDraw

    from images.models import Image

    buffer = io.BytesIO()
    picture = PILImage.new("RGB", (1600, 1067), (40, 90, 160))
    draw = ImageDraw.Draw(picture)
    for n in range(0, 1600, 40):  # detail, so that the encoders have something to do
        draw.line([(n, 0), (1600 - n, 1067)], fill=(n % 256, 200, 80), width=3)
    picture.save(buffer, format="JPEG", quality=85)
    data = buffer.getvalue()
    with transaction.atomic():
        started = time.perf_counter()
        for n in range(count):
            Image(file=ContentFile(data, name=f"anh-{n}.jpg"), alt_text="Ảnh").save()
        seconds = (time.perf_counter() - started) / count
        transaction.set_rollback(True)
    return seconds, len(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--database-url", help="Default: a new SQLite file in a temp folder.")
    parser.add_argument("--label", default=None)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="toasoan-wp-bench-"))
    database_url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    setup(database_url, folder / "media")

    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from images.models import Image
    from tests.wordpress import wxr
    from wordpress import media
    from wordpress.importer import Importer

    print(f"Database: {connection.vendor}; folder {folder}", flush=True)
    call_command("migrate", verbosity=0)
    export, write_seconds = timed(
        lambda: wxr.write_export(folder / "export.xml", posts=args.posts, media=folder / "uploads")
    )
    size = export.path.stat().st_size
    print(f"Export: {args.posts} posts, {size / 1e6:.1f} MB, written in {write_seconds:.0f} s")

    def run(dry_run=False):
        return Importer(export.path, source=media.Folder(export.media), dry_run=dry_run).run()

    results = {"posts": args.posts, "database": connection.vendor, "export_bytes": size}
    for name, dry_run in (("dry_run", True), ("import", False), ("second_run", False)):
        report, seconds = timed(lambda dry_run=dry_run: run(dry_run))
        results[name] = {
            "seconds": round(seconds, 1),
            "posts_per_second": round(args.posts / seconds, 1),
            "stories": report.stories,
            "photos": report.created["photos"],
            "galleries": report.created["galleries"],
            "already_imported": report.existing["posts"],
        }
        print(f"{name}: {results[name]}", flush=True)
    results["stories_in_database"] = Article.objects.count()
    results["photos_in_database"] = Image.objects.count()
    results["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    seconds, photo_bytes = photo_cost()
    results["realistic_photo"] = {"seconds": round(seconds, 3), "bytes": photo_bytes}
    results["date"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    results["machine"] = {"cpus": os.cpu_count(), "load_before": os.getloadavg()[0]}

    label = args.label or f"import-wordpress-{args.posts // 1000}k"
    out = ROOT / "bench" / "results" / f"{label}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(ROOT)}\n")
    print(markdown(results))


def markdown(r):
    rows = [
        ("dry run (everything read and checked, rolled back)", r["dry_run"]),
        ("import", r["import"]),
        ("second run (finds everything imported, creates nothing)", r["second_run"]),
    ]
    lines = [
        f"{r['posts']:,} posts ({r['export_bytes'] / 1e6:.0f} MB export), {r['database']}, "
        f"{r['date']}:",
        "",
        "| run | time | posts/second | stories | photos | galleries |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in rows:
        lines.append(
            f"| {name} | {row['seconds']:.0f} s | {row['posts_per_second']:.0f} | "
            f"{row['stories']:,} | {row['photos']:,} | {row['galleries']:,} |"
        )
    lines += [
        "",
        f"Peak memory {r['peak_memory_mb']} MB. A realistic 1600 × 1067 JPEG "
        f"({r['realistic_photo']['bytes'] // 1000} KB) costs "
        f"{r['realistic_photo']['seconds'] * 1000:.0f} ms to store with its renditions.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
