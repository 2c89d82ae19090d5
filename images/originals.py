"""The stored original of a library image, with nothing private left in it.

A photo from a phone carries its GPS position, the camera's serial number, the owner's
name, maker notes, XMP and IPTC. For a newsroom that is a source-protection failure, so
``clean`` removes all of it from every original before it is stored (``Image.save``) and
from the originals stored before this existed (``manage.py clean_originals``). What stays:
the pixels, the colour profile and the orientation. Credit and caption are ours, typed by
staff into the image's fields; nothing is read from the file.

How each format is cleaned, chosen so that no picture loses quality:

- JPEG: the file is rewritten segment by segment and the compressed picture data is copied
  byte for byte, so it is not decoded or recompressed at all. Kept: the picture's own
  segments (tables, frame, scans), the ICC profile (APP2 ``ICC_PROFILE``), Adobe's APP14
  (it says how to read the colours of CMYK files) and JFIF's APP0 without its thumbnail.
  Dropped: every other APPn (EXIF with its thumbnail, XMP, IPTC/Photoshop, MPF, maker
  data), comments, and whatever follows the end of the picture (phones append depth maps
  and previews there, each with its own EXIF).
  A photo that must be turned (EXIF orientation 2–8) keeps its pixels as they are plus a
  new EXIF holding the orientation and nothing else. Turning the pixels instead would mean
  decoding and recompressing the photo (a quarter turn is lossless only when both sides
  are whole multiples of the 8- or 16-pixel blocks, which phone photos often are not), a
  second JPEG generation for every portrait shot from a phone. The orientation tag says
  nothing about who took the photo, and every browser and photo tool applies it; the
  renditions readers are sent are turned in their pixels anyway.
- PNG: the chunks that draw the picture are copied as they are (lossless), the text
  chunks (``tEXt``, ``zTXt``, ``iTXt``: XMP, software, author), ``eXIf``, ``tIME`` and
  unknown private chunks are dropped. A PNG whose EXIF asks for a turn is turned in its
  pixels and saved again: PNG is lossless, so nothing is lost.
- WebP: the ``EXIF`` and ``XMP`` chunks are dropped from the RIFF container and the
  header's flags say so; the compressed picture is copied as it is. A still WebP whose
  EXIF asks for a turn is turned and saved losslessly (the decoded pixels exactly, no
  second lossy generation).
- GIF: comments and application blocks (XMP) are dropped; the frames, the loop count and
  an ICC profile stay as they are.
- AVIF: Pillow cannot edit its boxes, so a file that holds EXIF or XMP is encoded once
  more at quality 90 without them, its orientation kept as AVIF's own rotation; one that
  holds neither is kept as it is. AVIF uploads are rare (exports from editing tools, not
  phones).
- HEIC/HEIF (iPhones): like AVIF, a file with EXIF or XMP (every phone photo) is encoded
  once more at quality 90 from its pixels, which pillow-heif has already turned upright,
  without them; the colour profile stays.

``clean`` of a cleaned file gives the same bytes back, so cleaning again changes nothing
and never recompresses anything a second time."""

import io
import struct

from PIL import ExifTags, ImageOps, ImageSequence
from PIL import Image as PILImage

ORIENTATION = ExifTags.Base.Orientation
AVIF_QUALITY = 90


def clean(data, info):
    """``data`` (the bytes of an image the gate accepted) without private metadata.

    ``info`` is the gate's ``ImageInfo`` for these bytes."""
    try:
        return _CLEANERS[info.format](data, info.orientation)
    except (ValueError, IndexError, struct.error):
        # Pillow decodes the file, but its structure strays from its format's (bytes
        # between JPEG segments, a GIF without its trailer): it is encoded once from its
        # pixels without any metadata, then cleaned as any other file of its format.
        return _CLEANERS[info.format](_reencoded(data, info.format), info.orientation)


# JPEG

_SOI, _EOI, _SOS, _COM, _APP0, _APP2, _APP14 = 0xD8, 0xD9, 0xDA, 0xFE, 0xE0, 0xE2, 0xEE
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn carry no length
_JFIF = b"JFIF\x00"


def orientation_exif(orientation):
    """An EXIF block (as JPEG's APP1 holds it) with the orientation and nothing else."""
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8)
    tiff += struct.pack(">H", 1) + struct.pack(">HHIHH", ORIENTATION, 3, 1, orientation, 0)
    return tiff + struct.pack(">I", 0)


def _segment(marker, payload):
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _jpeg(data, orientation):
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = [b"\xff\xd8"]
    position = 2
    exif_done = orientation == 1
    while True:
        # Between segments an encoder may pad with 0xFF bytes.
        while data[position] == 0xFF and data[position + 1] == 0xFF:
            position += 1
        if data[position] != 0xFF:
            raise ValueError("JPEG marker expected")
        marker = data[position + 1]
        if marker == _EOI:
            out.append(b"\xff\xd9")
            return b"".join(out)  # anything after the picture's end is dropped
        if marker in _STANDALONE or marker == _SOI:
            out.append(data[position : position + 2])
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        payload = data[position + 4 : end]
        if not exif_done and marker != _APP0:
            # Right after SOI and JFIF's APP0, where EXIF belongs.
            out.append(_segment(0xE1, b"Exif\x00\x00" + orientation_exif(orientation)))
            exif_done = True
        if marker == _APP0:
            if payload.startswith(_JFIF) and len(payload) >= 14:
                # Version, units and density; the thumbnail (if any) is dropped.
                out.append(_segment(_APP0, payload[:12] + b"\x00\x00"))
        elif marker == _APP2:
            if payload.startswith(b"ICC_PROFILE\x00"):
                out.append(data[position:end])
        elif marker == _APP14:
            if payload.startswith(b"Adobe"):
                out.append(data[position:end])
        elif 0xE0 <= marker <= 0xEF or marker == _COM:
            pass
        else:
            out.append(data[position:end])
        position = end
        if marker == _SOS:
            position = _entropy_end(data, position)
            out.append(data[end:position])


def _entropy_end(data, position):
    """Where the compressed data that starts at ``position`` ends: at the first marker
    that is not a stuffed 0xFF00 or a restart marker."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            raise ValueError("JPEG ends inside its picture data")
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position


# PNG

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What draws the picture (and animates an APNG), its colours and its pixel density.
_PNG_KEPT = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
    b"sBIT", b"bKGD", b"pHYs", b"cICP", b"mDCV", b"cLLI", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip


def _png(data, orientation):
    if orientation != 1:
        data = _turned(data, "PNG", {})
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG")
    out = [_PNG_SIGNATURE]
    position = len(_PNG_SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind in _PNG_KEPT:
            out.append(data[position:end])
        position = end
        if kind == b"IEND":
            break
    return b"".join(out)


# WebP

_WEBP_KEPT = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def _webp(data, orientation):
    if orientation != 1 and not _is_animated(data):
        data = _turned(data, "WEBP", {"lossless": True, "exact": True})
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    (riff_size,) = struct.unpack("<I", data[4:8])
    end_of_riff = min(len(data), 8 + riff_size)
    chunks = []
    position = 12
    while position + 8 <= end_of_riff:
        kind = data[position : position + 4]
        (size,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + size + (size & 1)
        chunk = data[position:end]
        if kind == b"VP8X":
            flags = chunk[8] & ~(_VP8X_EXIF | _VP8X_XMP)
            chunk = chunk[:8] + bytes([flags]) + chunk[9:]
        if kind in _WEBP_KEPT:
            chunks.append(chunk)
        position = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# GIF

_GIF_KEPT_APPLICATIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"}


def _gif(data, orientation):
    if data[:6] not in {b"GIF87a", b"GIF89a"}:
        raise ValueError("not a GIF")
    flags = data[10]
    position = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = [data[:position]]
    while True:
        introducer = data[position]
        if introducer == 0x3B:  # the end; anything after it is dropped
            out.append(b"\x3b")
            return b"".join(out)
        if introducer == 0x2C:  # an image: descriptor, local colours, LZW data
            local = data[position + 9]
            start = position
            position += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            position = _sub_blocks_end(data, position)
            out.append(data[start:position])
            continue
        if introducer != 0x21:
            raise ValueError("GIF block expected")
        label = data[position + 1]
        start = position
        position = _sub_blocks_end(data, position + 2)
        block = data[start:position]
        if label == 0xFE:  # a comment
            continue
        if label == 0xFF and block[3:14] not in _GIF_KEPT_APPLICATIONS:
            continue  # XMP and other applications' data
        out.append(block)


def _sub_blocks_end(data, position):
    while data[position]:
        position += data[position] + 1
    return position + 1


# AVIF


def _avif(data, orientation):
    with PILImage.open(io.BytesIO(data), formats=["AVIF"]) as picture:
        exif = picture.getexif()
        private = {tag for tag in exif if tag != ORIENTATION}
        if not private and not picture.info.get("xmp"):
            return data
        frames, durations = [], []
        for frame in ImageSequence.Iterator(picture):
            frames.append(frame.copy())
            durations.append(frame.info.get("duration", 0))
        icc = picture.info.get("icc_profile")
    kept = PILImage.Exif()
    if orientation != 1:
        kept[ORIENTATION] = orientation  # Pillow writes it as AVIF's own rotation
    buffer = io.BytesIO()
    frames[0].info = {}
    frames[0].save(
        buffer,
        format="AVIF",
        quality=AVIF_QUALITY,
        icc_profile=icc or b"",
        exif=kept.tobytes() if orientation != 1 else b"",
        save_all=len(frames) > 1,
        append_images=frames[1:],
        duration=durations if len(frames) > 1 else 0,
    )
    return buffer.getvalue()


# HEIC/HEIF


def _heif(data, orientation):
    with PILImage.open(io.BytesIO(data), formats=["HEIF"]) as picture:
        private = {tag for tag in picture.getexif() if tag != ORIENTATION}
        if not private and not picture.info.get("xmp"):
            return data
        icc = picture.info.get("icc_profile")
        picture.load()
        pixels = picture.copy()
    pixels.info = {}
    buffer = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    pixels.save(buffer, format="HEIF", quality=AVIF_QUALITY, **options)
    return buffer.getvalue()


# Files the cleaners cannot read segment by segment

# What Pillow would write back from a file's own info: none of it may stay.
_PRIVATE_INFO = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "extension", "photoshop")


def _reencoded(data, fmt):
    """The file encoded once more by Pillow, its metadata left behind. A JPEG keeps its own
    quantisation tables and subsampling (``quality="keep"``), the closest an encoder comes
    to the original: one new generation, never more (the result is cleaned losslessly
    from then on). Frames, durations and the loop count of an animation stay."""
    with PILImage.open(io.BytesIO(data), formats=[fmt]) as picture:
        orientation = picture.getexif().get(ORIENTATION, 1)
        for key in _PRIVATE_INFO:
            picture.info.pop(key, None)
        options = {}
        if fmt == "JPEG":
            options["quality"] = "keep"
            if orientation != 1:
                options["exif"] = orientation_exif_block(orientation)
        elif getattr(picture, "n_frames", 1) > 1:
            options["save_all"] = True
        elif fmt in ("PNG", "WEBP"):
            options["lossless"] = True
        buffer = io.BytesIO()
        picture.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def orientation_exif_block(orientation):
    """The orientation-only EXIF as Pillow's ``exif=`` option takes it."""
    return b"Exif\x00\x00" + orientation_exif(orientation)


# Turning a lossless format in its pixels


def _is_animated(data):
    with PILImage.open(io.BytesIO(data)) as picture:
        return getattr(picture, "n_frames", 1) > 1


def _turned(data, fmt, options):
    with PILImage.open(io.BytesIO(data), formats=[fmt]) as picture:
        icc = picture.info.get("icc_profile")
        transparency = picture.info.get("transparency")
        turned = ImageOps.exif_transpose(picture)
    turned.info = {}
    kept = {"icc_profile": icc} if icc else {}
    if transparency is not None and fmt == "PNG":
        kept["transparency"] = transparency
    buffer = io.BytesIO()
    turned.save(buffer, format=fmt, **kept, **options)
    return buffer.getvalue()


_CLEANERS = {
    "JPEG": _jpeg,
    "PNG": _png,
    "WEBP": _webp,
    "GIF": _gif,
    "AVIF": _avif,
    "HEIF": _heif,
}
