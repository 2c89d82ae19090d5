"""The export's photos: where their files are read from, and the library records they
become.

An export names its photos by address (``https://site/wp-content/uploads/2021/11/a.jpg``)
and holds no file. The files come from a copy of the site's ``wp-content/uploads`` folder
(``--media DIR``: each file by its path under it) or are downloaded from a list of
addresses (``--url-list FILE``: one address a line, or the export's address and the one to
download it from instead, separated by a space). Nothing else is ever fetched: an address
the list does not hold is not downloaded, so an export cannot make the server ask
anything it was not told to.

Each photo becomes one library record, whatever number of posts show it, and a photo that
cannot be had (missing, not an image, too large) is named once in the summary: the posts
that show it are imported without it."""

import re
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from images.models import Image
from images.validation import validate_image_file

UPLOADS = "/wp-content/uploads/"
# WordPress's smaller copies: ``photo-300x200.jpg`` is ``photo.jpg`` resized.
_SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
_SCALED = re.compile(r"-scaled(?=\.[A-Za-z0-9]+$)")
DOWNLOAD_TIMEOUT = 20


class Unavailable(Exception):
    """Why a photo's file could not be had."""


def upload_path(url):
    """A photo's path under ``wp-content/uploads``, from its address (``None`` when it is
    not in an uploads folder)."""
    path = unquote(urlsplit(url or "").path)
    if UPLOADS not in path:
        return None
    return path.split(UPLOADS, 1)[1]


def original_path(path):
    """The original's path of one of WordPress's resized copies."""
    return _SCALED.sub("", _SIZED.sub("", path))


class Folder:
    """Files from a copy of ``wp-content/uploads``."""

    def __init__(self, folder):
        self.root = Path(folder).resolve()

    def read(self, path, url):
        if not path:
            raise Unavailable(_("not in the site's uploads folder"))
        candidate = (self.root / path).resolve()
        # An export naming ../../etc/passwd reads nothing outside the folder.
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            raise Unavailable(_("not in the media folder"))
        if candidate.stat().st_size > settings.IMAGE_MAX_BYTES:
            raise Unavailable(_("larger than the image limit"))
        return candidate.read_bytes()


class AddressList:
    """Files downloaded from the addresses a list names, and no other."""

    def __init__(self, list_file, fetch=None):
        self.addresses = {}
        for line in Path(list_file).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            self.addresses[parts[0]] = parts[-1]
        self.fetch = fetch or download

    def read(self, path, url):
        source = self.addresses.get(url)
        if source is None:
            raise Unavailable(_("not in the address list"))
        return self.fetch(source)


def download(url):
    """The bytes at ``url`` (http or https only), at most the image limit."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise Unavailable(_("not a web address"))
    # Checked above: http or https, never file: or a custom scheme.
    request = urllib.request.Request(url, headers={"User-Agent": "toasoan-import/1"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as answer:  # noqa: S310
            data = answer.read(settings.IMAGE_MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        raise Unavailable(_("download failed (%(error)s)") % {"error": error}) from None
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise Unavailable(_("larger than the image limit"))
    return data


class Either:
    """The first of ``sources`` that has the file."""

    def __init__(self, sources):
        self.sources = sources

    def read(self, path, url):
        reasons = []
        for source in self.sources:
            try:
                return source.read(path, url)
            except Unavailable as reason:
                reasons.append(str(reason))
        raise Unavailable("; ".join(reasons))


class Nowhere:
    """No ``--media`` and no ``--url-list``: posts are imported without their photos."""

    def read(self, path, url):
        raise Unavailable(_("no media folder or address list was given"))


@dataclass(frozen=True)
class Found:
    """A library photo, or none; ``dry_run``: the file is there, but a dry run stores
    nothing."""

    image: Image | None = None
    dry_run: bool = False


NOT_FOUND = Found()


class Photos:
    """The library photos of one import: found by attachment id or by address, each made
    once. ``known`` maps ``("attachment", id)`` and ``("file", path)`` to image ids
    imported by an earlier run; ``remember(kind, key, image)`` records a new one."""

    def __init__(self, catalogue, source, known, remember, problem, dry_run=False, counted=None):
        self.catalogue, self.source = catalogue, source
        self.known, self.remember, self.problem = known, remember, problem
        self.dry_run = dry_run
        self.counted = counted or (lambda: None)  # called for each new photo, dry run or not
        self.by_file = {a.file: a for a in catalogue.attachments.values() if a.file}
        self.made = {}  # (kind, key) → Found, this run
        self.reasons = {}  # (kind, key) → why it is missing
        self.pending = {}  # made in the current post's savepoint, not yet for good
        self.uploaded_by = None  # the account of the post being imported

    # What the importer asks

    def for_attachment(self, attachment_id, uploaded_by=None):
        attachment = self.catalogue.attachments.get(attachment_id)
        if attachment is None:
            self.problem(
                ("attachment", attachment_id),
                _("Photo #%(id)s: not in the export.") % {"id": attachment_id},
            )
            return NOT_FOUND
        path = attachment.file or upload_path(attachment.url)
        return self._get(("attachment", attachment_id), path, attachment, uploaded_by)

    def for_img(self, src, attachment_id=None, uploaded_by=None):
        if attachment_id in self.catalogue.attachments:
            return self.for_attachment(attachment_id, uploaded_by)
        path = upload_path(src)
        if path is None:
            self.problem(
                ("address", src),
                _("Photo %(url)s: not one of the site's uploads, left out.") % {"url": src[:200]},
            )
            return NOT_FOUND
        attachment = self.by_file.get(original_path(path)) or self.by_file.get(path)
        if attachment is not None:
            return self.for_attachment(attachment.id, uploaded_by)
        return self._get(("file", original_path(path)), original_path(path), None, uploaded_by)

    # The savepoint of one post: what it made counts only once it is saved for good

    def commit(self):
        self.made.update(self.pending)
        self.pending.clear()

    def rollback(self):
        self.pending.clear()

    # Finding or making a record

    def _get(self, key, path, attachment, uploaded_by):
        if key in self.made:
            if key in self.reasons:  # missing: the summary names this post too
                self.problem(key, self.reasons[key])
            return self.made[key]
        if key in self.pending:
            return self.pending[key]
        image_id = self.known.get(key)
        if image_id is not None:
            image = Image.objects.filter(pk=image_id).first()
            if image is not None:
                self.made[key] = Found(image)
                return self.made[key]
        found = self._make(key, path, attachment, uploaded_by)
        if found.image is None and not found.dry_run:
            self.made[key] = found  # a missing file is looked for once
        else:
            self.pending[key] = found
        return found

    def _make(self, key, path, attachment, uploaded_by):
        url = attachment.url if attachment else ""
        name = path or url
        label = (
            _("Photo #%(id)s (%(file)s)") % {"id": attachment.id, "file": name}
            if attachment
            else _("Photo %(file)s") % {"file": name}
        )
        try:
            data = self.source.read(path, url or self._address(path))
            upload = ContentFile(data, name=Path(path or "anh").name)
            if self.dry_run:
                validate_image_file(upload)
                self.counted()
                return Found(dry_run=True)
            image = Image(
                file=upload,
                caption=_one_line(attachment.caption if attachment else "", 500),
                alt_text=_one_line(attachment.alt if attachment else "", 300),
                uploaded_by=uploaded_by or self.uploaded_by,
            )
            image.save()
        except Unavailable as reason:
            return self._missing(
                key, _("%(photo)s: %(reason)s.") % {"photo": label, "reason": reason}
            )
        except ValidationError as error:
            reason = " ".join(error.messages)
            return self._missing(
                key, _("%(photo)s: %(reason)s") % {"photo": label, "reason": reason}
            )
        self.remember(key[0], key[1], image)
        self.counted()
        return Found(image)

    def _missing(self, key, text):
        self.reasons[key] = text
        self.problem(key, text)
        return NOT_FOUND

    def _address(self, path):
        base = self.catalogue.site_url.rstrip("/")
        return f"{base}{UPLOADS}{path}" if path else ""


def _one_line(text, limit):
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text or "")
    return " ".join(text.split())[:limit]
