"""Abstract illustrations for the demo newsroom, drawn with Pillow at seed time so that no
binary files live in the repository: a sky gradient, soft light, and a motif (hills,
skyline, orbits or waves) in colours derived from a hue."""

import colorsys
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1600, 900)


def _rgba(hue, saturation, value, alpha=255):
    red, green, blue = colorsys.hsv_to_rgb(hue % 1.0, saturation, value)
    return (round(red * 255), round(green * 255), round(blue * 255), alpha)


def _ridge(rnd, width, base, amplitude):
    """A smooth horizon: the sum of three sine waves of random phase."""
    waves = [
        (rnd.uniform(0.8, 1.6), rnd.uniform(0, math.tau), 0.6),
        (rnd.uniform(2.0, 3.5), rnd.uniform(0, math.tau), 0.3),
        (rnd.uniform(5.0, 8.0), rnd.uniform(0, math.tau), 0.1),
    ]
    points = []
    for x in range(0, width + 8, 8):
        t = x / width * math.tau
        y = base + amplitude * sum(w * math.sin(f * t + p) for f, p, w in waves)
        points.append((x, y))
    return points


def _over(image, draw):
    """Composite one translucent layer drawn by ``draw(ImageDraw)`` over ``image``."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw(ImageDraw.Draw(layer))
    return Image.alpha_composite(image, layer)


def _landscape(image, rnd, hue):
    width, height = image.size
    for i in range(3):
        ridge = _ridge(rnd, width, height * (0.55 + 0.14 * i), height * (0.09 - 0.02 * i))
        colour = _rgba(hue + 0.05 * i, 0.45 + 0.15 * i, 0.78 - 0.18 * i, 240)
        image = _over(image, lambda d, r=ridge, c=colour: d.polygon(_closed(r, width, height), c))
    return image


def _waves(image, rnd, hue):
    width, height = image.size
    for i in range(4):
        ridge = _ridge(rnd, width, height * (0.5 + 0.12 * i), height * 0.05)
        colour = _rgba(hue + 0.45 + 0.03 * i, 0.35 + 0.12 * i, 0.9 - 0.15 * i, 200)
        image = _over(image, lambda d, r=ridge, c=colour: d.polygon(_closed(r, width, height), c))
    return image


def _skyline(image, rnd, hue):
    width, height = image.size
    for row in range(2):
        colour = _rgba(hue + 0.6, 0.25 + 0.15 * row, 0.55 - 0.2 * row, 230)
        lift = 0 if row else height * 0.05
        tallest = 0.5 if row == 0 else 0.35

        def draw(d, colour=colour, lift=lift, tallest=tallest):
            x = -rnd.randint(0, 30)
            while x < width:
                building = rnd.randint(width // 30, width // 12)
                top = height - rnd.uniform(0.18, tallest) * height - lift
                d.rectangle((x, top, x + building, height), fill=colour)
                x += building + rnd.randint(2, width // 60)

        image = _over(image, draw)
    return image


def _orbits(image, rnd, hue):
    width, height = image.size
    cx, cy = rnd.uniform(0.3, 0.7) * width, rnd.uniform(0.4, 0.6) * height
    line, ring = max(2, width // 300), _rgba(hue + 0.5, 0.2, 1, 150)

    def draw(d):
        for k in range(1, 5):
            rx, ry = k * width * 0.11, k * height * 0.09
            d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=ring, width=line)
        for k in range(1, 5):
            angle = rnd.uniform(0, math.tau)
            px = cx + math.cos(angle) * k * width * 0.11
            py = cy + math.sin(angle) * k * height * 0.09
            r = rnd.uniform(0.012, 0.03) * width
            d.ellipse(
                (px - r, py - r, px + r, py + r), fill=_rgba(hue + rnd.uniform(0.3, 0.7), 0.5, 1)
            )
        r = width * 0.06
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_rgba(hue + 0.12, 0.55, 1))

    return _over(image, draw)


def _closed(ridge, width, height):
    return [(0, height), *ridge, (width, height)]


MOTIFS = {
    "landscape": _landscape,
    "skyline": _skyline,
    "orbits": _orbits,
    "waves": _waves,
}


def illustration(seed, hue, motif="landscape", size=None):
    """JPEG bytes of a ``size`` (default ``SIZE``) illustration; the same arguments give the
    same picture."""
    size = size or SIZE
    rnd = random.Random(seed)  # noqa: S311 -- pictures, not secrets
    width, height = size
    # Drawn at half size and scaled up: soft edges, and twice as fast.
    w, h = width // 2, height // 2
    sky = Image.composite(
        Image.new("RGB", (w, h), _rgba(hue + 0.07, 0.7, 0.6)[:3]),
        Image.new("RGB", (w, h), _rgba(hue, 0.3, 0.98)[:3]),
        Image.linear_gradient("L").resize((w, h)),
    ).convert("RGBA")

    def glow(d):
        for _ in range(rnd.randint(3, 6)):
            r = rnd.uniform(0.05, 0.22) * h
            x, y = rnd.uniform(0, w), rnd.uniform(0, h * 0.6)
            colour = _rgba(hue + rnd.uniform(-0.08, 0.12), 0.25, 1, rnd.randint(40, 80))
            d.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        if motif != "orbits":
            r = rnd.uniform(0.1, 0.16) * h
            x, y = rnd.uniform(0.2, 0.8) * w, rnd.uniform(0.18, 0.35) * h
            d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 244, 214, 235))

    image = MOTIFS[motif](_over(sky, glow), rnd, hue)
    image = image.convert("RGB").filter(ImageFilter.GaussianBlur(0.8))
    image = image.resize(size, Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
