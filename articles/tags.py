"""Tags as the newsroom types them, and the rule that every tag has an address.

A comma (or Enter, in the widget) ends a tag; spaces never do: ``Đà Nẵng, Huế`` is two
tags. taggit reads and writes the field's text through ``parse_tags`` and
``format_tags`` (the ``TAGGIT_TAGS_FROM_STRING`` and ``TAGGIT_STRING_FROM_TAGS``
settings). A tag whose name has no letter or digit would have an empty slug and no
address: the form refuses it with a message, and ``check_tag`` refuses it whatever
saves it (an import, the shell)."""

import csv
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidgetMixin
from taggit.models import Tag

from newsroom.text import numbered_slug
from newsroom.validators import validate_no_control_characters

# taggit's name and slug columns.
MAX_LENGTH = 100

_SPACES = re.compile(r"\s+")


def clean_name(name):
    """One spelling per tag: composed accents (NFC), single spaces, no edge spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()


def parse_tags(text):
    """``Đà Nẵng, Huế`` → ``["Đà Nẵng", "Huế"]``: commas and line breaks separate tags,
    spaces never do; a name in double quotes may hold a comma. Repeats (in any case)
    count once, in the order typed."""
    if not text:
        return []
    line = text.replace("\r", ",").replace("\n", ",")
    names = {}
    try:
        parts = next(csv.reader([line], skipinitialspace=True), [])
    except csv.Error:  # a field past csv's size limit: no quoting to honour in such text
        parts = line.split(",")
    for part in parts:
        name = clean_name(part)
        names.setdefault(name.casefold(), name)
    names.pop("", None)
    return list(names.values())


def format_tags(tags):
    """The field's text for ``tags``, which ``parse_tags`` reads back the same."""
    return ", ".join(_quoted(name) for name in sorted(tag.name for tag in tags))


def _quoted(name):
    if "," in name or '"' in name:
        return '"' + name.replace('"', '""') + '"'
    return name


def slug_for(name):
    """The address taggit gives a tag named ``name`` (transliterated, see the
    ``TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING`` setting); empty when it has none."""
    return Tag().slugify(name)[:MAX_LENGTH].strip("-_")


def name_problem(name):
    """Why ``name`` cannot be a tag, or ``None``."""
    if len(name) > MAX_LENGTH:
        return ValidationError(
            _(
                "“%(name)s…” is too long for a tag: at most %(limit)d characters "
                "(it has %(length)d)."
            ),
            code="tag_too_long",
            params={"name": name[:30], "limit": MAX_LENGTH, "length": len(name)},
        )
    if not slug_for(name):
        return ValidationError(
            _(
                "“%(name)s” cannot be a tag: a tag needs at least one letter or digit, "
                "which its address is made of."
            ),
            code="tag_without_address",
            params={"name": name},
        )
    return None


def has_usable_slug(tag):
    if not tag.slug or len(tag.slug) > MAX_LENGTH:
        return False
    try:
        validate_unicode_slug(tag.slug)
    except ValidationError:
        return False
    return True


def unique_slug(name, taken):
    """A slug for ``name`` not in ``taken`` (a container of slugs), cut to fit."""
    return numbered_slug(slug_for(name) or "the", taken, MAX_LENGTH)


def check_tag(sender, instance, raw=False, **kwargs):
    """Before any tag is saved: refuse a name that cannot have an address, and give the
    tag a slug if it has none that works (taggit's own is cut to fit the column)."""
    if raw:
        return
    problem = name_problem(instance.name)
    if problem is not None:
        raise problem
    if not has_usable_slug(instance):
        others = Tag.objects.exclude(pk=instance.pk)
        taken = set(
            others.filter(slug__startswith=slug_for(instance.name)[:20]).values_list(
                "slug", flat=True
            )
        )
        instance.slug = unique_slug(instance.name, taken)


def connect():
    pre_save.connect(check_tag, sender=Tag, dispatch_uid="articles.tags.check_tag")


class TagInput(TagWidgetMixin, forms.TextInput):
    """A comma-separated text field; ``tag-input.js`` shows each tag as a removable chip
    as it is typed (a comma or Enter closes it). Without JavaScript, the text field."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "class": "vTextField tag-input",
                "autocomplete": "off",
                "data-remove-label": _("Remove tag"),
                "data-typing-label": _("Add a tag"),
                **(attrs or {}),
            }
        )

    class Media:
        js = ["articles/tag-input.js"]
        css = {"all": ["articles/tag-input.css"]}


# All of a story's tags as typed, at most: fifty tags of a hundred characters.
TAGS_TEXT_MAX = 5000


class TagField(forms.CharField):
    """The names of a story's tags, each one able to have an address."""

    widget = TagInput
    default_validators = [validate_no_control_characters]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Tags"))
        kwargs.setdefault(
            "help_text",
            _(
                "Separate tags with commas; a tag may have several words "
                "(“Đà Nẵng, Bão số 3”). At most 100 characters each."
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > TAGS_TEXT_MAX:
            raise ValidationError(
                _("Too many tags: at most %(max)s characters in all."),
                code="max_length",
                params={"max": TAGS_TEXT_MAX},
            )
        return parse_tags(text)

    def validate(self, value):
        super().validate(value)
        problems = [p for p in map(name_problem, value) if p is not None]
        if problems:
            raise ValidationError(problems)

    def run_validators(self, value):
        super().run_validators(", ".join(value))

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        before = sorted(tag.name if isinstance(tag, Tag) else tag for tag in initial or [])
        return before != sorted(parse_tags(data or ""))
