"""Renditions: the sizes and formats readers are actually sent.

Every library image gets WebP renditions 320, 640, 1024 and 1600 pixels wide (never wider
than the original, whose width then stands in for the larger ones) with a JPEG fallback
(PNG when the picture has transparency), plus a 1200-wide JPEG for Open Graph. Each image
also gets crops of the ratios the site shows (16:9 cards, 1:1 thumbnails, 1.91:1 for
sharing), cut around the editor's focal point and inside the crop box (``images.framing``);
moving the focal point cuts them again (``recrop``).

Where the work happens: in ``Image.save``, in the uploader's own request, for new bytes
only, before anything is written to storage (so a failure stores nothing). There is no
worker in this project and renditions are never made on a reader's request. The fast path:
a JPEG is decoded by libjpeg at the smallest 1/2, 1/4 or 1/8 scale that is still larger
than the biggest rendition (``Image.draft``), other formats are first shrunk by an integer
factor (``reducing_gap``), and each smaller width is resampled from the previous one.
``bench/images/`` measures the result for a 24-megapixel photo.

Every rendition is a fresh encode of pixels only: EXIF (GPS position, camera serial…),
XMP, ICC profiles and comments of the original are not carried over. Colours are
converted to sRGB first (with the embedded ICC profile when there is one), so CMYK,
16-bit and palette sources look as they should once the profile is gone.

GIFs: renditions show the first frame. Animated GIFs in news are mostly decoration; a
still is what a phone should download (an animation is many times the bytes, and a story
that needs motion embeds a video), and the first frame keeps the work per upload bounded
however many frames a file has. The original stays in the library."""

import io
from dataclasses import dataclass

from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from . import framing as f

WIDTHS = (320, 640, 1024, 1600)
RESAMPLE = PILImage.Resampling.LANCZOS
OG_WIDTH = 1200
FALLBACK_SRC_WIDTH = 1024  # the <img src> for browsers that ignore srcset

WEBP, JPEG, PNG = "webp", "jpeg", "png"
EXTENSIONS = {WEBP: "webp", JPEG: "jpg", PNG: "png"}
CONTENT_TYPES = {WEBP: "image/webp", JPEG: "image/jpeg", PNG: "image/png"}
ENCODER_OPTIONS = {
    WEBP: {"format": "WEBP", "quality": 80, "method": 4},
    JPEG: {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    PNG: {"format": "PNG", "compress_level": 6},
}

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_SIXTEEN_BIT = {"I;16", "I;16L", "I;16B", "I;16N", "I"}
_WITH_ALPHA = {"RGBA", "RGBa", "LA", "La", "PA"}


def srcset_widths(width):
    """The widths of an image ``width`` pixels wide in its srcset."""
    return sorted({min(w, width) for w in WIDTHS}) if width > 0 else []


def og_width(width):
    return min(OG_WIDTH, width)


def draft_size(stored_size, shown_width, scale=None):
    """The size to ask libjpeg for (``Image.draft``): the smallest DCT scale still at least
    as wide as the largest rendition, in the file's own (not yet rotated) orientation.
    ``scale``: the fraction of the picture's width needed instead (crops need more)."""
    if scale is None:
        scale = srcset_widths(shown_width)[-1] / shown_width
    scale = min(1.0, scale)
    return (max(1, int(stored_size[0] * scale)), max(1, int(stored_size[1] * scale)))


def height_for(width, original_width, original_height):
    return max(1, round(original_height * width / original_width))


@dataclass(frozen=True)
class Encoded:
    """One rendition, made and encoded but not yet stored."""

    width: int
    height: int
    format: str
    data: bytes
    ratio: str = ""  # "" for the picture's own shape, else a key of framing.RATIOS
    framing: str = ""  # the framing's key, for a crop's file name


def render(source, info, framing=None):
    """Make every rendition of ``source`` (a file object at any position) in memory: the
    picture's own shape and, with a ``framing.Framing``, the crops of every ratio.

    ``info`` is the ``ImageInfo`` the validation gate returned for these bytes."""
    needed = [srcset_widths(info.width)[-1] / info.width]
    if framing is not None:
        needed.append(_crop_scale(info, framing))
    picture = _decode(source, info, max(needed))
    fallback = PNG if picture.mode == "RGBA" else JPEG
    encoded = _plain(picture, info, fallback)
    if framing is not None:
        encoded += _crops(picture, info, framing, fallback)
    return encoded


def render_crops(source, info, framing):
    """Only the crops of ``source`` for ``framing`` (the editor moved the focal point)."""
    picture = _decode(source, info, _crop_scale(info, framing))
    return _crops(picture, info, framing, PNG if picture.mode == "RGBA" else JPEG)


def _crop_scale(info, framing):
    # The fraction of the picture's width to decode so that no crop is cut from fewer
    # pixels than it is sent at.
    scales = []
    for ratio in f.RATIOS:
        left, _top, right, _bottom = f.crop_rect(info.width, info.height, ratio, framing)
        widest = f.output_sizes(ratio, right - left)[-1][0]
        scales.append(widest / (right - left))
    return max(scales)


def _decode(source, info, scale):
    from .validation import take_decoded

    decoded = take_decoded(source)
    if decoded is None:
        source.seek(0)
        decoded = PILImage.open(source, formats=[info.format])
        if info.format == "JPEG":
            decoded.draft(None, draft_size(decoded.size, info.width, scale))
        decoded.load()
    picture = ImageOps.exif_transpose(decoded) if info.orientation != 1 else decoded
    return to_srgb(picture)


def _crops(picture, info, framing, fallback):
    """Each ratio's renditions, cut around the focal point. The rectangle is worked out on
    the picture's shown size and scaled to the decoded one (libjpeg may decode smaller)."""
    scale_x, scale_y = picture.width / info.width, picture.height / info.height
    encoded = []
    for ratio in f.RATIOS:
        left, top, right, bottom = f.crop_rect(info.width, info.height, ratio, framing)
        box = (left * scale_x, top * scale_y, right * scale_x, bottom * scale_y)
        formats = [JPEG] if ratio == f.SOCIAL else [WEBP, fallback]
        frame = None
        # The widest is cut from the decoded picture, each narrower one from the last.
        for size in reversed(f.output_sizes(ratio, right - left)):
            if frame is None:
                frame = picture.resize(size, RESAMPLE, box=box, reducing_gap=3.0)
            else:
                frame = frame.resize(size, RESAMPLE, reducing_gap=3.0)
            for fmt in formats:
                made = _encode(frame, fmt)
                encoded.append(Encoded(made.width, made.height, fmt, made.data, ratio, framing.key))
    return encoded


def _plain(picture, info, fallback):
    targets = sorted(set(srcset_widths(info.width)) | {og_width(info.width)}, reverse=True)

    frames = {}
    current = picture
    for width in targets:
        size = (width, height_for(width, info.width, info.height))
        if current.size != size:
            current = current.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        frames[width] = current

    encoded = []
    for width in srcset_widths(info.width):
        encoded.append(_encode(frames[width], WEBP))
        encoded.append(_encode(frames[width], fallback))
    og = og_width(info.width)
    if fallback != JPEG or og not in srcset_widths(info.width):
        encoded.append(_encode(frames[og], JPEG))
    return encoded


def to_srgb(picture):
    """``picture`` as 8-bit sRGB: ``RGB``, or ``RGBA`` when it has visible transparency."""
    icc = picture.info.get("icc_profile")
    mode = picture.mode
    if mode in _SIXTEEN_BIT:
        # Pillow clips 16-bit values to 255 when converting to 8 bits; scale instead.
        picture = picture.convert("I").point(lambda value: value / 256).convert("L")
    elif mode == "1":
        picture = picture.convert("L")
    elif mode == "P":
        picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
    elif mode in _WITH_ALPHA:
        picture = picture.convert("RGBA")
    elif mode not in {"L", "RGB", "RGBA", "CMYK"}:
        picture = picture.convert("RGB")

    target = "RGBA" if picture.mode == "RGBA" else "RGB"
    converted = None
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(picture, source_profile, _SRGB, outputMode=target)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None  # a broken or mismatched profile: fall back to Pillow's maths
    picture = converted if converted is not None else picture.convert(target)

    if picture.mode == "RGBA" and picture.getchannel("A").getextrema()[0] == 255:
        picture = picture.convert("RGB")  # an opaque picture needs no PNG fallback
    picture.info = {}
    return picture


def _encode(frame, fmt):
    if fmt == JPEG and frame.mode != "RGB":
        flattened = PILImage.new("RGB", frame.size, (255, 255, 255))
        flattened.paste(frame, mask=frame.getchannel("A"))
        frame = flattened
    frame.info = {}  # nothing of the original's metadata travels with the pixels
    buffer = io.BytesIO()
    frame.save(buffer, **ENCODER_OPTIONS[fmt])
    return Encoded(frame.width, frame.height, fmt, buffer.getvalue())


def rendition_name(image, width, fmt, ratio="", framing=""):
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if ratio:  # "16:9" → "-16x9-<framing>": a new framing is a new address
        stem += f"-{ratio.replace(':', 'x')}-{framing}"
    return image.uploaded_at.strftime(f"renditions/%Y/%m/{stem}-{width}w.{EXTENSIONS[fmt]}")


def store(image, encoded):
    """Write ``encoded`` renditions and crops of ``image`` to storage and record them.

    Returns the new ``Rendition`` and ``Crop`` rows. If anything fails, the files written
    so far are removed again (``StorageUnavailable`` when the storage refused one)."""
    from .models import Crop, Rendition
    from .storage import save_new

    plain, crops = [], []
    try:
        for item in encoded:
            name = save_new(
                default_storage,
                rendition_name(image, item.width, item.format, item.ratio, item.framing),
                item.data,
            )
            facts = {
                "image": image,
                "width": item.width,
                "height": item.height,
                "format": item.format,
                "file": name,
                "file_size": len(item.data),
            }
            if item.ratio:
                crops.append(Crop(ratio=item.ratio, **facts))
            else:
                plain.append(Rendition(**facts))
        created = Rendition.objects.bulk_create(plain) if plain else []
        cut = Crop.objects.bulk_create(crops) if crops else []
        remember(image, created, cut)
        return created + cut
    except BaseException:
        for row in plain + crops:
            default_storage.delete(row.file.name)
        raise


def remember(image, rows, crops=()):
    """Keep the renditions' facts on the image row itself (see ``Image.rendition_rows``
    and ``Image.crop_rows``): ``rows`` when there are any (or no crops either), ``crops``
    when there are any."""
    changed = {}
    if rows or not crops:
        image.rendition_list = changed["rendition_list"] = [
            [r.width, r.height, r.format, r.file.name, r.file_size]
            for r in sorted(rows, key=lambda r: (r.format, r.width))
        ]
    if crops:
        image.crop_list = changed["crop_list"] = [
            [r.ratio, r.width, r.height, r.format, r.file.name, r.file_size]
            for r in sorted(crops, key=lambda r: (r.ratio, r.format, r.width))
        ]
    type(image).objects.filter(pk=image.pk).update(**changed)


def recrop(image):
    """Cut ``image``'s crops again from the stored original, for its framing now (the
    editor moved the focal point or the crop box). The old crops go (their files once
    the transaction commits); the picture's own renditions stay as they are."""
    from .validation import validate_image_file

    with image.file.open("rb") as original:
        info = validate_image_file(original)
        encoded = render_crops(original, info, f.Framing.of(image))
    image.crops.all().delete()
    return store(image, encoded)


def regenerate(image):
    """Make and store ``image``'s renditions again from the stored original (for images
    that predate renditions, or after the rendition settings change)."""
    from .validation import validate_image_file

    with image.file.open("rb") as original:
        info = validate_image_file(original)
        encoded = render(original, info, f.Framing.of(image))
    image.renditions.all().delete()
    image.crops.all().delete()
    image.width, image.height = info.width, info.height
    type(image).objects.filter(pk=image.pk).update(width=info.width, height=info.height)
    return store(image, encoded)


# Choosing among an image's renditions. Each reads ``image.rendition_rows()``, which
# answers from the image row itself, without a query.


@dataclass(frozen=True)
class Candidates:
    webp: list
    fallback: list


def candidates(image, renditions=None, ratio=""):
    """The WebP and fallback renditions of ``image``'s srcset, narrowest first; with a
    ``ratio``, its crops (none when they are not made yet: the caller falls back)."""
    if ratio:
        crops = image.crop_rows(ratio)
        fallback_format = PNG if any(r.format == PNG for r in crops) else JPEG
        return Candidates(
            webp=sorted((r for r in crops if r.format == WEBP), key=lambda r: r.width),
            fallback=sorted(
                (r for r in crops if r.format == fallback_format), key=lambda r: r.width
            ),
        )
    renditions = image.rendition_rows() if renditions is None else renditions
    widths = set(srcset_widths(image.width))
    chosen = [r for r in renditions if r.width in widths]
    fallback_format = PNG if any(r.format == PNG for r in chosen) else JPEG
    return Candidates(
        webp=sorted((r for r in chosen if r.format == WEBP), key=lambda r: r.width),
        fallback=sorted((r for r in chosen if r.format == fallback_format), key=lambda r: r.width),
    )


def fallback_src(renditions):
    """The rendition for ``<img src>``: the widest up to 1024 pixels, else the narrowest."""
    fitting = [r for r in renditions if r.width <= FALLBACK_SRC_WIDTH]
    return fitting[-1] if fitting else renditions[0]


def og_rendition(image):
    """The JPEG for Open Graph: the 1.91:1 crop around the focal point (1200 wide, or
    narrower for a small original); for an image whose crops are not made yet, the
    1200-wide JPEG of its own shape; else None."""
    crops = [r for r in image.crop_rows(f.SOCIAL) if r.format == JPEG]
    if crops:
        return max(crops, key=lambda r: r.width)
    wanted = og_width(image.width)
    for rendition in image.rendition_rows():
        if rendition.format == JPEG and rendition.width == wanted:
            return rendition
    return None


def og_image_url(image, request=None):
    """The absolute URL of ``image``'s Open Graph rendition ('' when it has none: no
    public address points at an original)."""
    rendition = og_rendition(image) if image is not None else None
    if rendition is None:
        return ""
    url = rendition.file.url
    if request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url


def largest_fallback(image):
    """The widest JPEG (PNG for a transparent picture) of the srcset, at most 1600 pixels:
    the address the editor's upload answers with. None without renditions."""
    fallback = candidates(image).fallback
    return fallback[-1] if fallback else None


def thumbnail(image):
    """The narrowest WebP rendition, for the admin's lists and picker; None without."""
    webp = [r for r in image.rendition_rows() if r.format == WEBP]
    return min(webp, key=lambda r: r.width) if webp else None
