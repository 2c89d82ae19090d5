"""Writing image files to media storage so that a failure leaves nothing behind.

A full disk, a read-only mount, a missing directory or an unreachable bucket raises
``StorageUnavailable``, which the editor's upload and the admin turn into a message for
the editor (not a server error). A file that was half written when the storage failed is
removed again."""

import contextlib
import errno
import logging
import os
import stat
import tempfile

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

try:  # django-storages' S3 backend, when it is installed
    from botocore.exceptions import BotoCoreError, ClientError

    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - depends on the optional s3 extra
    STORAGE_ERRORS = (OSError,)

logger = logging.getLogger(__name__)


class StorageUnavailable(Exception):
    """The media storage refused to store a file. ``reason`` is for the log."""

    message = _(
        "The image could not be stored: the media storage is full or cannot be written to. "
        "Nothing was saved. Please tell the technical team."
    )

    def __init__(self, error):
        super().__init__(str(error))
        code = getattr(error, "errno", None)
        self.reason = (
            errno.errorcode.get(code, type(error).__name__) if code else type(error).__name__
        )


def save_new(storage, name, data):
    """Store ``data`` under ``name`` (or a free name like it) and return the stored name.

    Raises ``StorageUnavailable``; a partly written file is removed first."""
    name = storage.get_available_name(name)
    try:
        return storage.save(name, ContentFile(data))
    except STORAGE_ERRORS as error:
        discard(storage, name)
        raise StorageUnavailable(error) from error


def discard(storage, name):
    """Delete ``name`` if it can be deleted; a cleanup must not hide the first error."""
    try:
        if storage.exists(name):
            storage.delete(name)
    except Exception:
        logger.exception("Could not remove %s after a failed store", name)


def overwrite(storage, name, data):
    """Replace the stored file ``name`` with ``data``, all at once: a reader (or a crash)
    sees the old bytes or the new ones, never a mix, and a failure keeps the old file.

    On disk: a temporary file in the same folder, with the old file's owner and mode, then
    a rename. In a bucket (django-storages with ``file_overwrite``): one upload to the same
    key. Other storages cannot do it safely, and raise ``NotImplementedError``."""
    try:
        path = storage.path(name)
    except NotImplementedError:
        path = None
    if path is None:
        if not getattr(storage, "file_overwrite", False):
            raise NotImplementedError(f"{type(storage).__name__} cannot replace a file in place")
        try:
            stored = storage.save(name, ContentFile(data))
        except STORAGE_ERRORS as error:
            raise StorageUnavailable(error) from error
        if stored != name:
            raise StorageUnavailable(OSError(errno.EEXIST, f"stored as {stored}"))
        return
    try:
        old = os.stat(path)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".cleaning-")
    except OSError as error:
        raise StorageUnavailable(error) from error
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, stat.S_IMODE(old.st_mode))
        with contextlib.suppress(PermissionError):  # not root: the file stays ours
            os.chown(temporary, old.st_uid, old.st_gid)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise StorageUnavailable(error) from error
