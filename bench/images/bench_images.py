"""Image benchmark.

1. Upload to renditions: how long a reporter waits for a 24-megapixel camera JPEG (and a
   12-megapixel phone photo) to become a library image with every rendition, measured
   end to end through the editor's upload view (multipart parsing, validation, decoding,
   resampling, encoding, storage, database), with a breakdown.
2. Page weight on a phone: the bytes a 360-px-wide phone (DPR 2 and 3) downloads for the
   images of the demo home page (``manage.py seed_demo``), from the candidates a browser
   picks out of each ``srcset``/``sizes``; next to what the page sends without renditions
   (the originals).

Runs on a throwaway in-memory SQLite database and a temporary media folder; nothing of
the developer's own data is touched. From the repository root:

    .venv/bin/python bench/images/bench_images.py            # 5 uploads of each photo
    .venv/bin/python bench/images/bench_images.py --runs 10 --markdown

The results of the last run on our machine are in bench/images/RESULTS.md."""

import argparse
import io
import math
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="toasoan-bench-media-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from PIL import ExifTags, ImageFilter  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import __version__ as PILLOW_VERSION  # noqa: E402

from images import renditions  # noqa: E402
from images.models import Image  # noqa: E402
from images.validation import validate_image_file  # noqa: E402

PHONE_WIDTH = 360
# The ``sizes`` we recommend for each story card (templates/includes/story_card.html),
# used for pictures the home page does not yet render with {% picture %}.
CARD_SIZES = {
    "lead": "(min-width: 62em) 720px, 100vw",
    "tile": "(min-width: 62em) 300px, (min-width: 48em) 25vw, 100vw",
    "row": "(min-width: 48em) 200px, 120px",
}


# 1. Upload to renditions


def camera_photo(width, height, seed=7):
    """A photo-like JPEG: soft colour fields, edges and sensor noise, so that encoders
    and file sizes behave as with a real photo (a flat image would flatter them)."""
    small = PILImage.effect_noise((width // 64, height // 64), 90).convert("L")
    fields = [
        small.rotate(angle, expand=False).resize((width, height), PILImage.Resampling.BICUBIC)
        for angle in (0, 90, 180)
    ]
    picture = PILImage.merge("RGB", fields).filter(ImageFilter.GaussianBlur(1))
    edges = PILImage.effect_mandelbrot((width, height), (-2.2, -1.2, 1.0, 1.2), 60 + seed)
    picture = PILImage.blend(picture, edges.convert("RGB"), 0.25)
    # Colour noise like a sensor's at ISO 800: gives the 8 MB a real 24 MP JPEG weighs.
    noise = PILImage.merge("RGB", [PILImage.effect_noise((width, height), 40) for _ in "RGB"])
    picture = PILImage.blend(picture, noise, 0.2)
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 6D Mark II"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (21.0, 1.0, 42.0),
    }
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def time_uploads(data, runs):
    user = get_user_model().objects.get(username="bench")
    client = Client()
    client.force_login(user)
    url = reverse("images:editor-upload")
    totals = []
    for _run in range(runs):
        upload = SimpleUploadedFile("IMG_0001.JPG", data, content_type="image/jpeg")
        start = time.perf_counter()
        response = client.post(url, {"upload": upload})
        totals.append(time.perf_counter() - start)
        assert response.status_code == 200, response.content
    image = Image.objects.latest("pk")
    return totals, image


def time_stages(data, runs):
    """Validation, rendering (decode + resample + encode) and storage, one by one."""
    stages = {"validate": [], "render": [], "store": []}
    for _run in range(runs):
        upload = SimpleUploadedFile("IMG_0001.JPG", data, content_type="image/jpeg")
        start = time.perf_counter()
        info = validate_image_file(upload)
        validated = time.perf_counter()
        encoded = renditions.render(upload, info)
        rendered = time.perf_counter()
        names = [
            default_storage.save(f"bench/{n}.{e.format}", io.BytesIO(e.data))
            for n, e in enumerate(encoded)
        ]
        stored = time.perf_counter()
        for name in names:
            default_storage.delete(name)
        stages["validate"].append(validated - start)
        stages["render"].append(rendered - validated)
        stages["store"].append(stored - rendered)
    return stages


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


# 2. Page weight on a phone


def parse_sizes(sizes, viewport):
    """The slot width in CSS pixels that ``sizes`` gives at ``viewport`` pixels wide
    (media conditions with min-width/max-width in px or em; lengths in px or vw)."""
    for entry in (e.strip() for e in sizes.split(",")):
        match = re.match(r"\((min|max)-width:\s*([\d.]+)(px|em)\)\s*(.+)", entry)
        if match:
            kind, number, unit, length = match.groups()
            limit = float(number) * (16 if unit == "em" else 1)
            applies = viewport >= limit if kind == "min" else viewport <= limit
            if not applies:
                continue
            entry = length
        return length_px(entry, viewport)
    return viewport


def length_px(length, viewport):
    length = length.strip()
    if length.endswith("vw"):
        return float(length[:-2]) * viewport / 100
    return float(length.removesuffix("px"))


def choose(candidates, slot, dpr, rule):
    """The candidate ``(url, width)`` a browser picks for a slot ``slot`` CSS px wide.

    ``strict``: the narrowest at least slot × DPR wide (the spec's simple reading).
    ``chromium``: Chrome's rule: the narrower of two neighbours while the DPR is below the
    geometric mean of their densities."""
    ordered = sorted(candidates, key=lambda c: c[1])
    densities = [width / slot for _url, width in ordered]
    if rule == "strict":
        for candidate, density in zip(ordered, densities, strict=True):
            if density >= dpr:
                return candidate
        return ordered[-1]
    for index in range(len(ordered) - 1):
        if math.sqrt(densities[index] * densities[index + 1]) >= dpr or densities[index] >= dpr:
            return ordered[index]
    return ordered[-1]


def parse_srcset(srcset):
    return [
        (url, int(width[:-1]))
        for url, width in (c.strip().rsplit(" ", 1) for c in srcset.split(",") if c.strip())
    ]


class PageImages(HTMLParser):
    """Each picture of a page: its card size, WebP srcset/sizes (if any) and plain src."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.card, self.source = [], "row", None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        for name in classes:
            if name.startswith("card--"):
                self.card = name.removeprefix("card--")
        if tag == "source" and attrs.get("type") == "image/webp":
            self.source = attrs
        elif tag == "img":
            self.found.append({"card": self.card, "source": self.source, "img": attrs})
            self.source = None

    handle_startendtag = handle_starttag


def size_of(url):
    name = url.removeprefix(settings.MEDIA_URL)
    return default_storage.size(name) if default_storage.exists(name) else 0


def page_weight(html, dpr, rule):
    """``(bytes now, bytes with renditions, pictures)`` for one page on one phone."""
    parser = PageImages()
    parser.feed(html)
    now = with_renditions = 0
    count = 0
    for item in parser.found:
        img = item["img"]
        if not (img.get("src") or "").startswith(settings.MEDIA_URL):
            continue
        count += 1
        if item["source"]:
            source = item["source"]
            slot = parse_sizes(source.get("sizes") or "100vw", PHONE_WIDTH)
            url, _w = choose(parse_srcset(source["srcset"]), slot, dpr, rule)
            now += size_of(url)
            with_renditions += size_of(url)
            continue
        now += size_of(img["src"])
        image = Image.objects.with_renditions().filter(
            file=img["src"].removeprefix(settings.MEDIA_URL)
        )
        image = image.first()
        found = renditions.candidates(image) if image else None
        if not found or not found.webp:
            with_renditions += size_of(img["src"])
            continue
        slot = parse_sizes(CARD_SIZES.get(item["card"], "100vw"), PHONE_WIDTH)
        chosen = choose([(r.file.url, r.width) for r in found.webp], slot, dpr, rule)
        with_renditions += size_of(chosen[0])
    return now, with_renditions, count


def kb(size):
    return f"{size / 1024:,.0f} KB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    options = parser.parse_args()

    setup_test_environment()  # the test client's host, in-memory e-mail
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="add_image"))

    print(
        f"Python {platform.python_version()}, Pillow {PILLOW_VERSION}, Django "
        f"{django.get_version()}, {os.cpu_count()} CPU(s) {platform.machine()}; "
        f"storage {settings.STORAGES['default']['BACKEND']}"
    )
    print()
    print("## Upload to renditions (editor upload view, end to end)")
    print()
    print("| photo | file | median | min | max | validate | render | store |")
    print("|---|---|---|---|---|---|---|---|")
    for label, size in (("24 MP camera JPEG", (6000, 4000)), ("12 MP phone JPEG", (4000, 3000))):
        data = camera_photo(*size)
        totals, image = time_uploads(data, options.runs)
        stages = time_stages(data, options.runs)
        print(
            f"| {label} ({size[0]}×{size[1]}) | {len(data) / 1_048_576:.1f} MB "
            f"| {ms(statistics.median(totals))} | {ms(min(totals))} | {ms(max(totals))} "
            f"| {ms(statistics.median(stages['validate']))} "
            f"| {ms(statistics.median(stages['render']))} "
            f"| {ms(statistics.median(stages['store']))} |"
        )
    made = sorted(image.renditions.all(), key=lambda r: (r.format, r.width))
    print()
    print(
        "Renditions of the last upload: "
        + ", ".join(f"{r.width}w {r.format} {kb(r.file_size)}" for r in made)
    )

    print()
    print("## Images of the demo home page on a 360 px phone")
    print()
    call_command(
        "seed_demo",
        force=True,
        credentials_file=Path(tempfile.mkdtemp(prefix="toasoan-bench-")) / "credentials",
        stdout=io.StringIO(),
    )
    html = Client().get("/").content.decode()
    print("| phone | browser rule | pictures | originals (no srcset) | with renditions |")
    print("|---|---|---|---|---|")
    for dpr in (2, 3):
        for rule in ("chromium", "strict"):
            now, better, count = page_weight(html, dpr, rule)
            print(
                f"| 360 px, DPR {dpr} | {rule} | {count} | {kb(now)} | {kb(better)} "
                f"({100 * better / now:.0f} %) |"
            )


if __name__ == "__main__":
    main()
