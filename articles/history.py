"""A story's history as people read it: one row per step (a save, a hand-in, a return…)
in a sentence naming who did what and when, and a comparison of two versions as text with
the words added and removed.

Revisions come from django-simple-history, workflow steps from ``ArticleTransition``; a
workflow step saves the story too, so the revision it makes (and the edit saved in the same
request, just before it) are merged into the step's row. ``describes_blocks`` lets other
apps label the blocks they put in a body (embeds, galleries) in the comparison."""

import difflib
import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from newsroom.html import BLOCKS
from newsroom.models import Role
from newsroom.roles import ROLE_LABELS
from newsroom.templatetags.newsroom import VIETNAM

from .models import Article, Status

# Revisions one request saves (the admin saves the form, then its authors, then moves the
# story) are one step: they come within this of each other, and no one saves twice as fast.
SAME_STEP = timedelta(seconds=3)
# A change reason we write ourselves when a revision is restored (``ReadableHistoryMixin``).
RESTORED = "restored"
# When someone has several roles, the one named is the highest.
ROLE_ORDER = ["editor", "reporter"]


# Who


def person_name(user):
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


class People:
    """What the history says of the people in it, read in two queries whatever their
    number: their role, and whether they have a public author page."""

    def __init__(self, users, viewer):
        users = {u.pk: u for u in users if u is not None}
        self.viewer = viewer
        self.roles = {}
        for user_id, code in Role.objects.filter(group__user__in=users).values_list(
            "group__user", "code"
        ):
            known = self.roles.get(user_id)
            if known is None or _rank(code) < _rank(known):
                self.roles[user_id] = code
        self.with_author_page = set(
            Article.objects.public()
            .filter(authors__in=[pk for pk, u in users.items() if u.is_staff])
            .order_by()
            .values_list("authors", flat=True)
            .distinct()
        )
        model = get_user_model()
        self.may_open_accounts = viewer.has_perm(
            f"{model._meta.app_label}.change_{model._meta.model_name}"
        )

    def link(self, user):
        """The name, linked to a page the viewer may open, or plain."""
        name = person_name(user)
        url = self.url(user)
        if url is None:
            return format_html("{}", name)
        return format_html('<a href="{}">{}</a>', url, name)

    def url(self, user):
        if user is None:
            return None
        if user.pk in self.with_author_page:
            return reverse("articles:author", args=[user.get_username()])
        if self.may_open_accounts:
            model = get_user_model()
            try:
                return reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[user.pk],
                )
            except NoReverseMatch:
                return None
        return None

    def who(self, user):
        """``Biên tập viên <a>Lê Quang Huy</a>``: the role, then the linked name."""
        code = self.roles.get(getattr(user, "pk", None))
        if code is None:
            return self.link(user)
        return format_html("{} {}", ROLE_LABELS.get(code, code), self.link(user))


def _rank(code):
    return ROLE_ORDER.index(code) if code in ROLE_ORDER else len(ROLE_ORDER)


def vn_time(value):
    """``20:03 04/12/2026 (GMT+7)``: the time first, as a sentence says it (“lúc …”)."""
    return timezone.localtime(value, VIETNAM).strftime("%H:%M %d/%m/%Y") + " (GMT+7)"


# What: one row per step


@dataclass
class Step:
    """One row: who did what and when, the revision it left (if any), and what changed."""

    at: object
    user: object
    record: object = None  # the revision the step left: the version a comparison uses
    transition: object = None
    restored: bool = False
    kind: str = "~"  # of the row's first revision: "+" when it created the story
    previous: object = None  # the version before this one
    changed: list = field(default_factory=list)

    @property
    def reason(self):
        return self.transition.comment.strip() if self.transition else ""

    def verb(self):
        step = self.transition
        if step is not None:
            if step.to_status == Status.PUBLISHED:
                if step.publication_at and step.publication_at > step.at:
                    return _("scheduled the story to go live at %(time)s") % {
                        "time": vn_time(step.publication_at)
                    }
                return _("published the story")
            return {
                Status.IN_REVIEW: _("handed the story in"),
                Status.RETURNED: _("returned the story to the reporter"),
                Status.WITHDRAWN: _("withdrew the story from the site"),
                Status.DRAFT: _("moved the story back to draft"),
            }.get(step.to_status, _("moved the story"))
        if self.restored:
            return _("restored an earlier version")
        if self.kind == "+":
            return _("created the story")
        if self.kind == "-":
            return _("deleted the story")
        return _("edited the story")

    def sentence(self, people):
        """``Biên tập viên Lê Quang Huy trả lại phóng viên lúc 20:03 04/12/2026 (GMT+7)
        — Lý do: …``, escaped but for the link around the name."""
        text = format_html(
            _("{who} {verb} at {time}"),
            who=people.who(self.user),
            verb=self.verb(),
            time=vn_time(self.at),
        )
        if self.reason:
            text = format_html("{} — {}", text, format_html(_("Reason: {}"), self.reason))
        return text


# Fields a comparison shows, in the form's order: (field, how to read its value).
TEXT_FIELDS = ["title", "lead"]
OTHER_FIELDS = [
    "section",
    "authors",
    "byline",
    "featured_image",
    "is_republished",
    "source",
    "source_url",
    "source_author",
    "source_published_at",
    "publication_at",
    "internal_note",
]
# What the row's "changed" summary looks at: values on the revision's own row, no query.
SUMMARY_FIELDS = [
    "title",
    "lead",
    "body",
    "section_id",
    "byline",
    "featured_image_id",
    "is_republished",
    "source_id",
    "source_url",
    "source_author",
    "source_published_at",
    "publication_at",
    "internal_note",
]


def steps(article, viewer):
    """The story's rows, newest first, with their people, in a bounded number of queries."""
    records = list(
        article.history.select_related("history_user").order_by("history_date", "history_id")
    )
    transitions = list(article.transitions.select_related("actor").order_by("at", "pk"))
    rows = merge(records, transitions)
    people = People([row.user for row in rows], viewer)
    for row in rows:
        row.text = row.sentence(people)
    return rows[::-1]


def merge(records, transitions):
    """Rows, oldest first: each transition joined to the revision its save left, and to the
    edit its actor saved just before in the same request."""
    unmatched = list(transitions)
    by_record = {}
    for record in reversed(records):
        for step in unmatched:
            if (
                step.actor_id == record.history_user_id
                and step.to_status == record.status
                and record.history_date <= step.at < record.history_date + SAME_STEP
            ):
                by_record[record.history_id] = step
                unmatched.remove(step)
                break
    rows = []
    previous = None
    for record in records:
        step = by_record.get(record.history_id)
        restored = record.history_change_reason == RESTORED
        last = rows[-1] if rows else None
        if (
            last is not None
            and last.record is not None
            and last.transition is None
            and not (last.restored or restored)
            and last.record.history_user_id == record.history_user_id
            and record.history_date - last.record.history_date < SAME_STEP
        ):
            # Saved in the same request (the form, then its authors, then the workflow
            # step): one row, whose version is the last one saved.
            last.at, last.record, last.transition = record.history_date, record, step
            last.changed = changed_fields(last.previous, record)
        else:
            rows.append(
                Step(
                    at=record.history_date,
                    user=record.history_user,
                    record=record,
                    transition=step,
                    restored=restored,
                    kind=record.history_type,
                    previous=previous,
                    changed=changed_fields(previous, record),
                )
            )
        previous = record
    # Steps recorded without a revision (imports, older data) still have their row.
    for step in unmatched:
        rows.append(Step(at=step.at, user=step.actor, transition=step))
    rows.sort(key=lambda row: row.at)
    return rows


def changed_fields(before, after):
    if before is None or after is None:
        return []
    names = [f for f in SUMMARY_FIELDS if getattr(before, f) != getattr(after, f)]
    return [str(Article._meta.get_field(n.removesuffix("_id")).verbose_name) for n in names]


# Comparing two versions

_LABELERS = {}


def describes_blocks(kind):
    """Register ``fn(value, attrs)`` returning the label a comparison shows for a body block
    of ``kind`` (a key of ``newsroom.html.BLOCKS``: ``"embed"``, ``"gallery"``), ``value``
    being its ``data-…`` attribute; the last registered wins. Used as a decorator."""

    def register(fn):
        _LABELERS[kind] = fn
        return fn

    return register


@describes_blocks("embed")
def _embed_label(value, attrs):
    return _("[Embed: %(what)s]") % {"what": value}


@describes_blocks("gallery")
def _gallery_label(value, attrs):
    return _("[Gallery #%(id)s]") % {"id": value}


def block_label(kind, value, attrs):
    try:
        return str(_LABELERS[kind](value, attrs))
    except Exception:  # another app's labeller must not break the history page
        return f"[{kind}: {value}]"


def image_label(caption):
    caption = " ".join(caption.split())
    return _("[Image: %(caption)s]") % {"caption": caption} if caption else _("[Image]")


_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "figure",
    "div", "table", "ul", "ol", "hr", "br",
}  # fmt: skip
_BLOCK_ATTRIBUTES = {attribute: kind for kind, attribute in BLOCKS.items()}


class _Blocks(HTMLParser):
    """The body as a list of text blocks (paragraphs, headings, items), images and the
    blocks other apps make as one label each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.text = [], []
        self.skip = 0  # depth inside a labelled block whose content is not text
        self.figure = None  # [caption parts, alt] of the figure being read
        self.in_caption = False

    def flush(self):
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append(text)
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skip:
            if tag not in _VOID:
                self.skip += 1
            return
        kind = next((k for a, k in _BLOCK_ATTRIBUTES.items() if a in attrs), None)
        if kind is not None:
            self.flush()
            self.blocks.append(block_label(kind, attrs[BLOCKS[kind]] or "", attrs))
            self.skip = 1
            return
        if tag == "figure":
            self.flush()
            self.figure = [[], ""]
        elif tag == "figcaption" and self.figure is not None:
            self.in_caption = True
        elif tag == "img":
            alt = attrs.get("alt") or ""
            if self.figure is not None:
                self.figure[1] = self.figure[1] or alt
            else:
                self.text.append(f" {image_label(alt)} ")
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.skip and tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
            return
        if tag == "figcaption":
            self.in_caption = False
        elif tag == "figure" and self.figure is not None:
            caption = "".join(self.figure[0]).strip() or self.figure[1]
            text = " ".join("".join(self.text).split())
            self.text = []
            self.blocks.append(image_label(caption) if not text else f"{text}")
            self.figure = None
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_caption:
            self.figure[0].append(data)
        else:
            self.text.append(data)


_VOID = {"img", "br", "hr", "source", "wbr"}


def body_blocks(html):
    parser = _Blocks()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.blocks


_TOKEN = re.compile(r"\[[^\[\]]*\]|\S+|\s+")


def diff_blocks(old, new):
    """``[[(op, text), …], …]``: one list of pieces per block, ``op`` being ``"equal"``,
    ``"insert"`` or ``"delete"``; changed blocks are compared word by word."""
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [[("equal", block)] for block in old[i1:i2]]
        elif op == "delete":
            out += [[("delete", block)] for block in old[i1:i2]]
        elif op == "insert":
            out += [[("insert", block)] for block in new[j1:j2]]
        else:
            out += _diff_replaced(old[i1:i2], new[j1:j2])
    return out


def _similar(a, b):
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= 0.5


def _diff_replaced(old, new):
    """Blocks replaced by others: an edited paragraph is compared word by word with the one
    it became, and paragraphs added or removed around it are shown whole."""
    out, i, j = [], 0, 0
    while i < len(old) and j < len(new):
        if _similar(old[i], new[j]):
            out.append(diff_words(old[i], new[j]))
            i, j = i + 1, j + 1
        elif any(_similar(old[i], later) for later in new[j + 1 :]):
            out.append([("insert", new[j])])
            j += 1
        else:
            out.append([("delete", old[i])])
            i += 1
    out += [[("delete", block)] for block in old[i:]]
    out += [[("insert", block)] for block in new[j:]]
    return out


def diff_words(old, new):
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return pieces


@dataclass
class FieldChange:
    name: str
    label: str
    blocks: list  # as ``diff_blocks`` gives them


def compare(older, newer):
    """What changed from revision ``older`` to ``newer``: the fields that differ only, title,
    lead and body first, each as blocks of pieces."""
    changes = []
    for name in TEXT_FIELDS:
        old, new = getattr(older, name) or "", getattr(newer, name) or ""
        if old != new:
            changes.append(_change(name, [old] if old else [], [new] if new else []))
    if older.body != newer.body:
        changes.append(_change("body", body_blocks(older.body), body_blocks(newer.body)))
    for name in OTHER_FIELDS:
        old, new = field_text(older, name), field_text(newer, name)
        if old != new:
            changes.append(_change(name, [old] if old else [], [new] if new else []))
    return changes


def _change(name, old, new):
    label = str(Article._meta.get_field(name).verbose_name)
    return FieldChange(name, label[:1].upper() + label[1:], diff_blocks(old, new))


def field_text(record, name):
    """A field of a revision as the comparison shows it (a related record by its name)."""
    if name == "authors":
        return ", ".join(
            sorted(person_name(link.user) for link in record.authors.select_related("user"))
        )
    model_field = Article._meta.get_field(name)
    if model_field.is_relation:
        related_id = getattr(record, model_field.attname)
        if related_id is None:
            return ""
        found = model_field.related_model._default_manager.filter(pk=related_id).first()
        if found is None:
            return f"#{related_id}"
        if name == "featured_image":
            return image_label(getattr(found, "caption", "") or str(found))
        return str(found)
    value = getattr(record, name)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if hasattr(value, "tzinfo"):
        return vn_time(value)
    return str(value)
