"""Validators shared by every model that stores text or times from editors."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters other than tab, newline and carriage return: they are
# invalid in XML 1.0 (feeds, sitemaps) and never typed on purpose.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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


EARLIEST_PUBLICATION = datetime.datetime(1990, 1, 1, tzinfo=datetime.UTC)
LATEST_PUBLICATION = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


def validate_publication_time(value):
    if value is None:
        return
    if not (EARLIEST_PUBLICATION <= value < LATEST_PUBLICATION):
        raise ValidationError(
            _("Publication time must be between 1990 and 2099."), code="out_of_range"
        )
