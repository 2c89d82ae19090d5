"""Framing: the editor's focal point and crop box, and the rectangle of the picture each
ratio shows.

The focal point (``focal_x``, ``focal_y``) and the crop box (``x``, ``y``, ``w``, ``h``) are
fractions of the picture as it is shown (after its EXIF orientation), so they stay true
whatever size the picture is decoded at. Pure arithmetic: no Django, no Pillow."""

from dataclasses import dataclass

# The ratios the site shows, by the name templates use: cards, thumbnails, sharing.
RATIOS = {"16:9": (16, 9), "1:1": (1, 1), "1.91:1": (191, 100)}
CARD, THUMBNAIL, SOCIAL = "16:9", "1:1", "1.91:1"

# The widths made of each ratio (never wider than the rectangle it is cut from). Sharing
# needs one JPEG 1200 pixels wide; the others are srcsets.
WIDTHS = {CARD: (320, 640, 1024, 1600), THUMBNAIL: (160, 320, 640), SOCIAL: (1200,)}


@dataclass(frozen=True)
class Framing:
    focal_x: float = 0.5
    focal_y: float = 0.5
    crop: tuple | None = None  # (x, y, w, h), fractions

    @classmethod
    def of(cls, image):
        box = (image.crop_x, image.crop_y, image.crop_w, image.crop_h)
        return cls(
            _fraction(image.focal_x, 0.5),
            _fraction(image.focal_y, 0.5),
            box if None not in box else None,
        )

    @property
    def key(self):
        """A short, stable name for this framing: crops' file names carry it, so a new
        framing is a new address and no cache anywhere can show the old crop."""
        values = (self.focal_x, self.focal_y, *(self.crop or ()))
        text = ",".join(f"{value:.4f}" for value in values)
        return format(_fnv(text), "08x")


def _fraction(value, default):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return default
    return min(1.0, max(0.0, value)) if value == value else default  # NaN: the default


def _fnv(text):
    # FNV-1a, 32 bits: stable across processes (unlike hash()), and short.
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def crop_rect(width, height, ratio, framing=Framing()):
    """``(left, top, right, bottom)`` in pixels of a ``width``×``height`` picture: the
    largest rectangle of ``ratio`` inside the crop box (the whole picture without one),
    centred on the focal point as far as the box allows, so the point is always in frame."""
    rw, rh = RATIOS[ratio]
    if framing.crop:
        x, y, w, h = (_fraction(value, 0) for value in framing.crop)
        left, top = min(round(x * width), width - 1), min(round(y * height), height - 1)
        box_w = max(1, min(round(w * width), width - left))
        box_h = max(1, min(round(h * height), height - top))
    else:
        left, top, box_w, box_h = 0, 0, width, height
    if box_w * rh > box_h * rw:  # the box is wider than the ratio: full height
        crop_h, crop_w = box_h, max(1, min(box_w, round(box_h * rw / rh)))
    else:
        crop_w, crop_h = box_w, max(1, min(box_h, round(box_w * rh / rw)))
    centre_x, centre_y = framing.focal_x * width, framing.focal_y * height
    crop_left = _clamp(round(centre_x - crop_w / 2), left, left + box_w - crop_w)
    crop_top = _clamp(round(centre_y - crop_h / 2), top, top + box_h - crop_h)
    return (crop_left, crop_top, crop_left + crop_w, crop_top + crop_h)


def _clamp(value, low, high):
    return max(low, min(value, high))


def output_sizes(ratio, crop_width):
    """The ``(width, height)`` of each rendition of ``ratio`` cut ``crop_width`` pixels
    wide: the ratio's widths, never wider than the cut (a small picture is not blown
    up), the height from the ratio itself so every size has exactly its shape."""
    rw, rh = RATIOS[ratio]
    widths = sorted({min(w, crop_width) for w in WIDTHS[ratio]})
    return [(w, max(1, round(w * rh / rw))) for w in widths]


def problems(focal_x, focal_y, crop):
    """What is wrong with a framing, as ``{field: message}`` (messages are lazy gettext):
    empty when it is right. ``crop`` is ``(x, y, w, h)`` with ``None`` for a missing value."""
    from django.utils.translation import gettext_lazy as _

    found = {}
    for name, value in (("focal_x", focal_x), ("focal_y", focal_y)):
        if value is not None and not 0 <= value <= 1:
            found[name] = _("The focal point must be inside the picture (0 to 1).")
    names = ("crop_x", "crop_y", "crop_w", "crop_h")
    given = [value is not None for value in crop]
    if any(given) and not all(given):
        for name, present in zip(names, given, strict=True):
            if not present:
                found[name] = _("Give all four values of the crop box, or none.")
        return found
    if not any(given):
        return found
    x, y, w, h = crop
    for name, value in zip(names, crop, strict=True):
        if not 0 <= value <= 1:
            found[name] = _("The crop box must be inside the picture (0 to 1).")
    if found:
        return found
    if w <= 0 or h <= 0:
        found["crop_w" if w <= 0 else "crop_h"] = _("The crop box cannot be empty.")
    elif x + w > 1.0001 or y + h > 1.0001:
        found["crop_w" if x + w > 1.0001 else "crop_h"] = _(
            "The crop box must end inside the picture."
        )
    elif (
        focal_x is not None
        and focal_y is not None
        and not (x <= focal_x <= x + w and y <= focal_y <= y + h)
    ):
        found["focal_x"] = _("The focal point must be inside the crop box.")
    return found
