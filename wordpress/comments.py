"""Readers' comments of the imported posts.

What readers saw under a post are its approved comments (``wxr.Comment.is_approved_comment``:
approved, and not a pingback or trackback); those become approved comments here, in the
export's order and at their WordPress time. Pending, spam and trashed comments, and pingbacks,
are not imported: nobody had read them for publication.

- WordPress threads go as deep as its settings allow; here a reply answers a top-level
  comment, so a reply to a reply goes under the thread's first comment. A reply whose parent
  was not approved becomes a comment of its own.
- The text becomes plain text with its paragraphs; links stay plain text, as for any comment
  until a moderator allows them.
- The writer's email and address are personal data kept ``COMMENT_PERSONAL_DATA_DAYS`` days:
  older comments come without them (the nightly erasure would blank them anyway).
- Each is recorded as ``ImportedItem(kind="comment")``: a later export of the same site brings
  the comments written since, and none twice.
- The comments' history says where each came from ("Imported from WordPress"): nobody here
  approved them."""

import datetime
import html
import ipaddress
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from comments.models import Comment, Status
from newsroom.validators import strip_control_characters

NAME_MAX = Comment._meta.get_field("name").max_length
_BREAKS = re.compile(r"(?i)<br\s*/?>|</p\s*>")
_HIDDEN = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def approved(comments):
    """The comments readers saw, in the export's order."""
    return [comment for comment in comments if comment.is_approved_comment]


def plain_text(markup):
    """A WordPress comment as our comments keep it: plain text, one paragraph a line."""
    text = _BREAKS.sub("\n", _HIDDEN.sub("", markup or ""))
    text = html.unescape(_TAGS.sub("", text))
    text = strip_control_characters(unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _name(comment):
    name = " ".join(
        strip_control_characters(unicodedata.normalize("NFC", comment.author or "")).split()
    )
    return name[:NAME_MAX].strip() or gettext("A reader")


def _email(comment):
    try:
        validate_email(comment.email)
    except ValidationError:
        return ""
    return comment.email.strip()


def _address(comment):
    try:
        return str(ipaddress.ip_address((comment.ip or "").strip()))
    except ValueError:
        return None


def save_comments(story, comments, known, now=None):
    """Save ``story``'s approved ``comments`` that ``known`` (WordPress comment id as a
    string → our comment's pk, for this site) does not have yet. Returns ``{WordPress id:
    Comment}`` of those saved."""
    shown = {comment.id: comment for comment in approved(comments)}
    new = [comment for comment in shown.values() if str(comment.id) not in known]
    if not new:
        return {}
    now = now or timezone.now()
    kept_since = now - datetime.timedelta(days=settings.COMMENT_PERSONAL_DATA_DAYS)

    def thread_start(comment):
        seen = {comment.id}
        while comment.parent in shown and comment.parent not in seen:
            comment = shown[comment.parent]
            seen.add(comment.id)
        return comment

    def record(comment, parent_pk):
        created = comment.date or story.created_at
        personal = created >= kept_since
        return Comment(
            story_id=story.pk,
            parent_id=parent_pk,
            name=_name(comment),
            email=_email(comment) if personal else "",
            ip_address=_address(comment) if personal else None,
            text=plain_text(comment.content) or "…",
            status=Status.APPROVED,
            moderated_at=created,
            created_at=created,
        )

    def create(wordpress_comments, records):
        made = bulk_create_with_history(
            records, Comment, default_change_reason=gettext("Imported from WordPress")
        )
        saved.update(
            (comment.id, record) for comment, record in zip(wordpress_comments, made, strict=True)
        )

    saved = {}
    # Thread starts first, so that their replies know their pk.
    starts = [comment for comment in new if thread_start(comment) is comment]
    create(starts, [record(comment, None) for comment in starts])
    replies = []
    for comment in new:
        start = thread_start(comment).id
        if start != comment.id:
            parent_pk = saved[start].pk if start in saved else known.get(str(start))
            if parent_pk is not None:
                replies.append((comment, parent_pk))
    create([c for c, _ in replies], [record(c, parent_pk) for c, parent_pk in replies])
    return saved
