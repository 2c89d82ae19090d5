"""Pictures made on the spot with Pillow, for the image tests: no binary files in the repo."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageCms, PngImagePlugin
from PIL import Image as PILImage

GPS_IFD = ExifTags.IFD.GPSInfo
EXIF_IFD = ExifTags.IFD.Exif
SERIAL = "SN-4242-TOASOAN"
SECRET_COMMENT = b"toasoan-secret-comment"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>toasoan-xmp-marker</rdf:RDF></x:xmpmeta>'


def encode(picture, fmt, **options):
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(data, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def solid(size=(64, 48), color=(200, 30, 30), mode="RGB"):
    return PILImage.new(mode, size, color)


def photo(fmt="JPEG", size=(64, 48), color=(200, 30, 30), mode="RGB", **options):
    return encode(solid(size, color, mode), fmt, **options)


def telltale_exif(orientation=None):
    """EXIF with a GPS position and a camera serial number, and an orientation if given."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif[GPS_IFD] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (21.0, 1.0, 42.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (105.0, 51.0, 12.0),
    }
    exif[EXIF_IFD] = {ExifTags.Base.BodySerialNumber: SERIAL}
    return exif


def halves(size=(60, 40), left=(255, 0, 0), right=(0, 0, 255)):
    """Left half one colour, right half another: shows where a rotation put things."""
    picture = PILImage.new("RGB", size, right)
    picture.paste(left, (0, 0, size[0] // 2, size[1]))
    return picture


def swapped_primaries_profile():
    """An RGB ICC profile like sRGB but with red and green primaries swapped: a pixel
    stored as pure red *means* sRGB green. Shows whether a profile was applied."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack(">I", data[128:132])
    entries = {}
    for index in range(count):
        at = 132 + 12 * index
        entries[bytes(data[at : at + 4])] = at
    red, green = entries[b"rXYZ"], entries[b"gXYZ"]
    data[red + 4 : red + 12], data[green + 4 : green + 12] = (
        data[green + 4 : green + 12],
        data[red + 4 : red + 12],
    )
    return bytes(data)


def png_claiming_size(width, height):
    """A tiny PNG whose header claims ``width``×``height`` pixels: a decompression bomb
    in the making."""
    data = bytearray(photo("PNG", size=(1, 1)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def animated_gif():
    first, second = solid((40, 30), (255, 0, 0)), solid((40, 30), (0, 0, 255))
    return encode(first, "GIF", save_all=True, append_images=[second], duration=100, loop=0)


def open_bytes(data):
    picture = PILImage.open(io.BytesIO(data))
    picture.load()
    return picture


# Files as they arrive from phones and editing tools, full of what must not be stored.

OWNER = "Nguyen Van Nguon"
ICC = swapped_primaries_profile()
# Words that must not survive anywhere in a stored original's bytes.
TELLTALES = [SERIAL.encode(), b"toasoan-xmp-marker", SECRET_COMMENT, b"Canon"]


def phone_exif(orientation=None):
    """``telltale_exif`` with the owner's name too."""
    exif = telltale_exif(orientation)
    exif[ExifTags.Base.Artist] = OWNER
    return exif


def with_segments(jpeg, *segments):
    """``jpeg`` with extra APPn/COM segments right after its SOI."""
    extra = b"".join(struct.pack(">BBH", 0xFF, m, len(p) + 2) + p for m, p in segments)
    return jpeg[:2] + extra + jpeg[2:]


def phone_jpeg(orientation=None, picture=None):
    """A photo as a phone makes it: EXIF with GPS, serial and owner (and its orientation),
    XMP, IPTC, a comment, an ICC profile, and a second picture after the first one's end."""
    picture = picture or halves((64, 48))
    data = encode(picture, "JPEG", quality=90, exif=phone_exif(orientation), icc_profile=ICC)
    data = with_segments(
        data,
        (0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP),
        (0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10" + OWNER.encode()),
        (0xFE, SECRET_COMMENT),
    )
    trailer = encode(solid((8, 8)), "JPEG", exif=phone_exif())
    return data + trailer


def telltale_png(orientation=None, picture=None):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    info.add_text("Comment", SECRET_COMMENT.decode(), zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return encode(
        picture or halves((64, 48)),
        "PNG",
        pnginfo=info,
        exif=phone_exif(orientation),
        icc_profile=ICC,
    )


def telltale_webp(picture=None, **options):
    return encode(
        picture or halves((64, 48)),
        "WEBP",
        exif=phone_exif(),
        xmp=XMP,
        icc_profile=ICC,
        **options,
    )


def telltale_gif():
    first, second = solid((40, 30), (255, 0, 0)), solid((40, 30), (0, 0, 255))
    data = encode(
        first,
        "GIF",
        save_all=True,
        append_images=[second],
        duration=100,
        loop=0,
        comment=SECRET_COMMENT,
    )
    # XMP as GIF carries it: an application block right before the trailer.
    xmp = XMP
    blocks = b"".join(
        bytes([len(xmp[i : i + 255])]) + xmp[i : i + 255] for i in range(0, len(xmp), 255)
    )
    return data[:-1] + b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00\x3b"


def telltale_avif():
    return encode(
        halves((64, 48)),
        "AVIF",
        exif=phone_exif(),
        xmp=XMP,
        icc_profile=ICC,
        quality=90,
    )
