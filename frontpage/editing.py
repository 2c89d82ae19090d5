"""What an editor does to a board, checked on the server: fill a draft edition's slots and
choose the topic its box features (refused whole on bad input or a stale version: nothing
saved), publish it now or at a later minute, cancel a schedule whose minute has not come,
restore an old edition into a new draft, find the board's draft to work on. A board has
one draft at a time."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from images.models import Image
from newsroom.templatetags.newsroom import vn_datetime
from newsroom.validators import validate_no_control_characters, validate_single_line
from topics.models import Topic

from . import layouts
from .models import Board, Edition, Slot

TITLE_LENGTH = Slot._meta.get_field("title").max_length
LEAD_LENGTH = 1000  # as a story's own lead
UNCHANGED = object()  # save_slots: the edition's topic is left as it is


def _check(layout, filling):
    for name, stories in filling.items():
        if name not in layout:
            raise ValidationError(_("There is no slot “%(name)s” on this page.") % {"name": name})
        if len(stories) > layout[name][1]:
            raise ValidationError(
                _("“%(label)s” takes at most %(count)d stories.")
                % {"label": layout[name][0], "count": layout[name][1]}
            )
    ids = [entry["story"] for stories in filling.values() for entry in stories]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("A story can fill only one slot."))
    # Public or scheduled stories only: drafts and stories in review are not offered.
    found = set(Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
    if set(ids) - found:
        raise ValidationError(_("Unknown or unpublished story."))
    entries = [entry for stories in filling.values() for entry in stories]
    for entry in entries:
        _check_overrides(entry)
    images = {entry["image"] for entry in entries if entry.get("image")}
    if images - set(Image.objects.filter(pk__in=images).values_list("pk", flat=True)):
        raise ValidationError(_("Unknown image: give the number of an image in the library."))


def _check_overrides(entry):
    title, lead = entry.get("title", ""), entry.get("lead", "")
    if len(title) > TITLE_LENGTH:
        raise ValidationError(
            _("A title in a slot has at most %(count)d characters.") % {"count": TITLE_LENGTH}
        )
    if len(lead) > LEAD_LENGTH:
        raise ValidationError(
            _("A lead in a slot has at most %(count)d characters.") % {"count": LEAD_LENGTH}
        )
    validate_single_line(title)
    validate_no_control_characters(title)
    validate_no_control_characters(lead)


def _check_topic(board, topic):
    """The topic ``topic`` (a pk, or None for no box) as ``board``'s box may feature it:
    an active topic, on the home page only."""
    if topic is None:
        return
    if not layouts.has_topic_box(board):
        raise ValidationError(_("Only the home page has a topic box."))
    if not Topic.objects.active().filter(pk=topic).exists():
        raise ValidationError(
            _("Unknown or inactive topic: choose an active topic or series, or none.")
        )


@transaction.atomic
def save_slots(edition, version, filling, topic=UNCHANGED):
    """Replace ``edition``'s slots with ``filling``: ``{slot name: [{"story": pk,
    "title": …, "lead": …, "image": pk or None}, …]}`` in order, and the topic its box
    features with ``topic`` (a pk, None for no box; left as it is unless given).
    ``version``: the edition's version the editor started from; another editor's save
    since refuses this one."""
    if edition.status != Edition.Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed: restore it into a new draft."))
    _check(layouts.for_board(edition.board), filling)
    if topic is not UNCHANGED:
        _check_topic(edition.board, topic)
    bumped = Edition.objects.filter(pk=edition.pk, version=version).update(version=F("version") + 1)
    if not bumped:
        raise ValidationError(
            _(
                "Someone else saved this board while you were editing it. Your changes were "
                "not saved: reload the board to see theirs."
            )
        )
    Slot.objects.filter(edition=edition).delete()
    Slot.objects.bulk_create(
        Slot(
            edition=edition,
            name=name,
            position=position,
            story_id=entry["story"],
            title=entry.get("title", ""),
            lead=entry.get("lead", ""),
            image_id=entry.get("image"),
        )
        for name, stories in filling.items()
        for position, entry in enumerate(stories)
    )
    edition.version = version + 1
    saved = ["version"]
    if topic is not UNCHANGED:
        edition.topic_id = topic
        saved.append("topic")
    edition.save(update_fields=saved)  # post_save tells the caches
    return edition


def publish(edition, at=None):
    """Publish ``edition`` now, or schedule it for the minute ``at`` (a minute to come)."""
    if edition.status not in (Edition.Status.DRAFT, Edition.Status.SCHEDULED):
        raise ValidationError(_("Only a draft can be published: restore it into a new draft."))
    now = timezone.now()
    if at is not None:
        at = at.replace(second=0, microsecond=0)
        if at <= now:
            raise ValidationError(_("That time has passed: choose a later minute, or publish now."))
    at = at or now
    edition.status = Edition.Status.SCHEDULED if at > now else Edition.Status.PUBLISHED
    edition.publish_at = at
    edition.version += 1
    edition.save(update_fields=["status", "publish_at", "version"])
    return edition


def _set_aside_drafts(board_id):
    """Archive the drafts of the board ``board_id``, kept in the history; their numbers."""
    drafts = Edition.objects.filter(board=board_id, status=Edition.Status.DRAFT)
    numbers = list(drafts.values_list("pk", flat=True))
    drafts.update(status=Edition.Status.ARCHIVED, version=F("version") + 1)
    return numbers


@transaction.atomic
def cancel_schedule(edition, version=None):
    """Take the scheduled ``edition`` off the schedule before its minute: it is the board's
    draft again, to change and publish or schedule anew; the draft being worked on (if
    any) is set aside, archived in the history, as restoring does: one draft per board.
    Readers never see it: it no longer counts for the clock of scheduled editions, and the
    save tells the caches. Refused once its minute has come (it is live, or was), for an
    edition that is not scheduled, and (``version`` given) when someone changed it since.
    Returns the numbers of the drafts set aside."""
    Board.objects.select_for_update().filter(pk=edition.board_id).first()
    locked = Edition.objects.select_for_update().filter(pk=edition.pk).first()
    if locked is None or locked.status != Edition.Status.SCHEDULED:
        raise ValidationError(
            _("Edition #%(number)s is not scheduled: there is no schedule to cancel.")
            % {"number": edition.pk}
        )
    if version is not None and locked.version != version:
        raise ValidationError(
            _(
                "Someone else changed edition #%(number)s since you opened this page: "
                "nothing was cancelled. Look at it again."
            )
            % {"number": edition.pk}
        )
    if locked.publish_at <= timezone.now():
        raise ValidationError(
            _(
                "Edition #%(number)s went live at %(time)s: its schedule can no longer be "
                "cancelled. To replace it, publish another edition."
            )
            % {"number": edition.pk, "time": vn_datetime(locked.publish_at)}
        )
    set_aside = _set_aside_drafts(locked.board_id)
    edition.status = Edition.Status.DRAFT
    edition.publish_at = None
    edition.version = locked.version + 1
    edition.save(update_fields=["status", "publish_at", "version"])  # post_save tells the caches
    return set_aside


@transaction.atomic
def restore(edition, user):
    """A new draft of ``edition``'s board, filled as ``edition`` was (any edition: a
    scheduled one too, which stays scheduled). The board's other drafts are set aside
    (archived, kept in the history): one draft to work on."""
    Board.objects.select_for_update().filter(pk=edition.board_id).first()
    _set_aside_drafts(edition.board_id)
    draft = Edition.objects.create(board=edition.board, created_by=user, topic_id=edition.topic_id)
    Slot.objects.bulk_create(
        Slot(
            edition=draft,
            name=slot.name,
            position=slot.position,
            story_id=slot.story_id,
            title=slot.title,
            lead=slot.lead,
            image_id=slot.image_id,
        )
        for slot in edition.slots.all()
    )
    return draft


def flagged(edition):
    """The slots of ``edition`` whose story readers cannot see now (withdrawn, or not yet
    published): the board marks them."""
    public = Article.objects.public()
    return list(edition.slots.exclude(story__in=public).select_related("story"))


@transaction.atomic
def current_draft(board, user):
    """The draft of ``board`` editors work on: its newest, else a new one filled as the
    live edition is (empty when none is live). One at a time: two editors opening the
    board together get the same draft."""
    Board.objects.select_for_update().filter(pk=board.pk).first()
    draft = board.editions.filter(status=Edition.Status.DRAFT).order_by("-created_at", "-pk")
    draft = draft.first()
    if draft is not None:
        return draft
    live = Edition.objects.live(board)
    if live is not None:
        return restore(live, user)
    return Edition.objects.create(board=board, created_by=user)
