"""Validators shared by every model that stores text or times from editors, and the
staff's password rules (``AUTH_PASSWORD_VALIDATORS``)."""

import datetime
import re
import string
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode

# C0 and C1 control characters other than tab, newline and carriage return: they are
# invalid in XML 1.0 (feeds, sitemaps) and never typed on purpose.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control_characters(value):
    """``value`` without the characters ``validate_no_control_characters`` refuses (text
    brought in from elsewhere, cleaned rather than refused)."""
    return _CONTROL.sub("", value or "")


def validate_no_control_characters(value):
    if value and _CONTROL.search(value):
        raise ValidationError(
            _(
                "This text contains invisible control characters. Retype it or paste it as "
                "plain text."
            ),
            code="control_characters",
        )


def validate_single_line(value):
    if value and ("\n" in value or "\r" in value):
        raise ValidationError(_("This field must be a single line."), code="multiline")


# An address that leaves our site (a canonical URL, say): the web's two schemes only, so
# that ``javascript:`` or ``data:`` can never reach a page's head as a link.
validate_web_address = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a full web address starting with http:// or https://."),
)


EARLIEST_PUBLICATION = datetime.datetime(1990, 1, 1, tzinfo=datetime.UTC)
LATEST_PUBLICATION = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


def validate_publication_time(value):
    if value is None:
        return
    if not (EARLIEST_PUBLICATION <= value < LATEST_PUBLICATION):
        raise ValidationError(
            _("Publication time must be between 1990 and 2099."), code="out_of_range"
        )


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords and ours of passwords common in Vietnam
    (``newsroom/passwords/common-vi.txt``), compared without case, accents or spaces and
    with the digits and symbols at either end left out: ``Mật khẩu 2024!`` is
    ``matkhau``, and a common password with a number added is still a common password."""

    VIETNAMESE_LIST_PATH = Path(__file__).resolve().parent / "passwords" / "common-vi.txt"

    def __init__(self, password_list_path=None, vietnamese_list_path=None):
        super().__init__(password_list_path or self.DEFAULT_PASSWORD_LIST_PATH)
        text = Path(vietnamese_list_path or self.VIETNAMESE_LIST_PATH).read_text(encoding="utf-8")
        self.passwords |= {
            line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"
        }

    def validate(self, password, user=None):
        plain = "".join(unidecode(password).lower().split())
        core = plain.strip(string.digits + string.punctuation)
        if plain in self.passwords or core in self.passwords or password.lower() in self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")
