"""The editor's board screen in the admin: a board's draft edition with its slots, a story
search as you type, save / publish now / schedule / preview, cancel a schedule, the
board's history with restore, and the preview of an edition as readers would see the page.

The screen is a plain HTML form (``frontpage/static/frontpage/board.js`` only moves its
values around): each place of each slot posts ``<slot>-<position>-story`` (the story's
number) and the place's own ``-title``, ``-lead`` and ``-image``; the home page's board
posts ``topic``, the topic its box features (a ``<select>``, empty for none); the edition
and the version the editor started from travel with it. The rules are ``frontpage.editing``'s: a
bad form or a stale version saves nothing."""

import datetime
import operator
import re
from dataclasses import dataclass, field
from functools import reduce

from django.contrib import messages
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from articles import lists as article_lists
from articles.models import Article, Status
from articles.navigation import section_tree
from articles.search import clean
from articles.views import PER_PAGE, render_home, render_section
from newsroom.templatetags.newsroom import VIETNAM, vn_datetime
from newsroom.text import fold
from topics.models import Topic

from . import editing, layouts, lists
from .models import Board, Edition

ACTIONS = ("save", "preview", "publish", "schedule")
MAX_QUERY_LENGTH = 100
FOUND_AT_MOST = 20
HISTORY_PER_PAGE = 50
_FIELD = re.compile(r"([a-z]{1,20})-([0-9]{1,2})-(story|title|lead|image)")
_NUMBER = re.compile(r"[0-9]{1,9}")
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as PostgreSQL's parser sees words
TIME_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M")


def _number(text):
    text = (text or "").strip()
    return int(text) if _NUMBER.fullmatch(text) else None


# Finding stories -------------------------------------------------------------------------


def find_stories(text):
    """Published stories, public and scheduled, whose words begin with the words of
    ``text`` (accents optional: ``hoi ngh`` finds ``Hội nghị``), or whose number it is;
    the newest first, ``FOUND_AT_MOST`` of them."""
    words = _WORD.findall(fold(text))[:10]
    if not words:
        return []
    stories = Article.objects.published()
    if connections[stories.db].vendor == "postgresql":
        # The reader's search index; only letters and digits reach the query.
        prefixes = " & ".join(f"{word}:*" for word in words)
        match = Q(search_vector=SearchQuery(prefixes, config="simple", search_type="raw"))
    else:
        match = reduce(operator.and_, (Q(search_text__contains=word) for word in words))
    number = _number(text)
    if number is not None:
        match |= Q(pk=number)
    return list(
        stories.filter(match)
        .select_related("section")
        .only("pk", "title", "status", "publication_at", "section__name")
        .order_by("-publication_at", "-pk")[:FOUND_AT_MOST]
    )


def found_story(story):
    return {
        "id": story.pk,
        "title": story.title,
        "section": story.section.name if story.section_id else "",
        "time": vn_datetime(story.publication_at),
        "scheduled": story.is_scheduled,
        "url": reverse("admin:articles_article_change", args=[story.pk]),
    }


# The places of a board -------------------------------------------------------------------


@dataclass
class Place:
    """One story's place in a slot, as the form shows and posts it."""

    slot: str
    position: int = 0
    story_id: str = ""
    title: str = ""
    lead: str = ""
    image_id: str = ""
    story: Article | None = None
    flagged: bool = False
    errors: list = field(default_factory=list)

    @property
    def prefix(self):
        return f"{self.slot}-{self.position}"

    @property
    def flag(self):
        if not self.flagged or self.story is None:
            return ""
        if self.story.is_scheduled:
            return _(
                "Scheduled story: it goes live at %(time)s; until then this place shows the "
                "newest story."
            ) % {"time": vn_datetime(self.story.publication_at)}
        return _("Story withdrawn or not yet published: this place shows the newest story instead.")

    def entry(self):
        return {
            "story": int(self.story_id),
            "title": self.title,
            "lead": self.lead,
            "image": _number(self.image_id),
        }


@dataclass
class Group:
    """A slot of the layout with its places, as many as it takes."""

    name: str
    label: str
    capacity: int
    places: list

    @property
    def filled(self):
        return sum(1 for place in self.places if place.story_id)


def arrange(layout, found):
    """The layout's slots, each with its places: ``found`` (``{slot: [Place]}``) in order,
    then empty places up to the slot's capacity. Places beyond it are not shown."""
    groups = []
    for name, (label, capacity) in layout.items():
        places = found.get(name, [])[:capacity]
        places += [Place(name) for _n in range(capacity - len(places))]
        for position, place in enumerate(places):
            place.position = position
        groups.append(Group(name, str(label), capacity, places))
    return groups


def places_of(edition):
    """``{slot: [Place]}`` of a saved edition, its flagged slots marked."""
    flagged = {slot.pk for slot in editing.flagged(edition)}
    found = {}
    for slot in edition.slots.select_related("story__section").order_by("name", "position"):
        found.setdefault(slot.name, []).append(
            Place(
                slot.name,
                story_id=str(slot.story_id),
                title=slot.title,
                lead=slot.lead,
                image_id=str(slot.image_id or ""),
                story=slot.story,
                flagged=slot.pk in flagged,
            )
        )
    return found


def read_places(data):
    """``{slot: [Place]}`` as posted, in each slot's order; empty places left out, each
    place's bad numbers in its ``errors``."""
    posted = {}
    for key in data:
        match = _FIELD.fullmatch(key)
        if match:
            posted.setdefault((match[1], int(match[2])), {})[match[3]] = data.get(key, "")
    found = {}
    for (name, _position), values in sorted(posted.items()):
        place = Place(
            name,
            story_id=values.get("story", "").strip(),
            title=values.get("title", "").strip(),
            lead=values.get("lead", "").strip(),
            image_id=values.get("image", "").strip(),
        )
        if not place.story_id:
            continue
        if _number(place.story_id) is None:
            place.errors.append(_("A story's number is digits only."))
        if place.image_id and _number(place.image_id) is None:
            place.errors.append(_("An image's number is digits only (or leave it empty)."))
        found.setdefault(name, []).append(place)
    numbers = {_number(p.story_id) for places in found.values() for p in places} - {None}
    stories = Article.objects.select_related("section").in_bulk(numbers)
    for place in (p for places in found.values() for p in places):
        story = stories.get(_number(place.story_id))
        if not place.errors and (story is None or story.status != Status.PUBLISHED):
            place.errors.append(_("No published or scheduled story has this number."))
        place.story = story
        place.flagged = story is not None and not story.is_public()
    return found


def read_time(text):
    """The aware minute an editor typed, in Vietnam time."""
    text = (text or "").strip()
    for format_ in TIME_FORMATS:
        try:
            moment = datetime.datetime.strptime(text, format_)
        except ValueError:
            continue
        if 1990 <= moment.year < 2100:
            return moment.replace(tzinfo=VIETNAM)
    raise ValidationError(_("Enter the time to publish as dd/mm/yyyy hh:mm (Vietnam time)."))


def read_topic(data):
    """``(topic, problem)`` as posted: ``editing.UNCHANGED`` when the form has no topic
    field, None for none, else the topic's number (checked by ``editing.save_slots``)."""
    if "topic" not in data:
        return editing.UNCHANGED, None
    text = data.get("topic", "").strip()
    if not text:
        return None, None
    number = _number(text)
    if number is None:
        return editing.UNCHANGED, _(
            "Unknown or inactive topic: choose an active topic or series, or none."
        )
    return number, None


@dataclass
class TopicBox:
    """The home board's topic box as the form shows it: the active topics to choose from
    (and the chosen one, whatever it has become), the chosen one's number and the topic
    itself (None if gone), what is wrong with it for readers."""

    label: str
    count: int
    topics: list
    chosen: int | None
    topic: Topic | None = None
    flag: str = ""


def topic_box(board, chosen):
    """The ``TopicBox`` of ``board``'s form with the topic ``chosen`` (a number or None);
    None for a board whose page has no box."""
    if not layouts.has_topic_box(board):
        return None
    label, count = layouts.TOPIC_BOX
    topics = list(Topic.objects.active())
    box = TopicBox(str(label), count, topics, chosen)
    if chosen is None:
        return box
    found = next((topic for topic in topics if topic.pk == chosen), None)
    if found is None:
        # Chosen, then made inactive: still shown as chosen, and flagged.
        found = Topic.objects.filter(pk=chosen).first()
        if found is not None:
            topics.append(found)
    box.topic = found
    if found is None or not found.is_active:
        box.flag = _(
            "This topic is inactive or gone: readers see no topic box. Choose another, or none."
        )
    elif lists.topic_box(found.pk) is None:
        box.flag = _("This topic has no public story yet: readers see no box until it has one.")
    return box


# The admin's views -----------------------------------------------------------------------


class BoardScreen:
    """A ``ModelAdmin`` of ``Board`` with the board screen and its history, each view
    checking the editor's permissions on the server."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "stories/",
                view(self.stories_view),
                name="frontpage_board_stories",
            ),
            path(
                "<int:board_id>/board/",
                view(self.board_view),
                name="frontpage_board_screen",
            ),
            path(
                "<int:board_id>/editions/",
                view(self.editions_view),
                name="frontpage_board_editions",
            ),
            path(
                "<int:board_id>/editions/<int:edition_id>/",
                view(self.edition_view),
                name="frontpage_board_edition",
            ),
            path(
                "<int:board_id>/editions/<int:edition_id>/restore/",
                view(self.restore_view),
                name="frontpage_board_restore",
            ),
            path(
                "<int:board_id>/editions/<int:edition_id>/cancel/",
                view(self.cancel_view),
                name="frontpage_board_cancel",
            ),
            path(
                "<int:board_id>/editions/<int:edition_id>/preview/",
                view(self.preview_view),
                name="frontpage_board_preview",
            ),
            path(
                "<int:board_id>/editions/<int:edition_id>/preview/page/",
                view(xframe_options_sameorigin(self.preview_page_view)),
                name="frontpage_board_preview_page",
            ),
            *super().get_urls(),
        ]

    # Helpers

    def _board(self, request, board_id, *permissions):
        if not request.user.has_perms(permissions):
            raise PermissionDenied
        return get_object_or_404(Board.objects.select_related("section"), pk=board_id)

    def _context(self, request, board, title, **more):
        return {
            **self.admin_site.each_context(request),
            "opts": Board._meta,
            "board": board,
            "title": title,
            "can_change": request.user.has_perms(
                ["frontpage.change_edition", "frontpage.add_edition"]
            ),
            "can_cancel": request.user.has_perm("frontpage.change_edition"),
            "now": timezone.now(),
            "screen_url": reverse("admin:frontpage_board_screen", args=[board.pk]),
            "editions_url": reverse("admin:frontpage_board_editions", args=[board.pk]),
            **more,
        }

    # The board

    def board_view(self, request, board_id):
        board = self._board(request, board_id, "frontpage.change_edition", "frontpage.add_edition")
        if request.method == "POST":
            return self._post_board(request, board)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        draft = editing.current_draft(board, request.user)
        groups = arrange(layouts.for_board(board), places_of(draft))
        return self._render_board(request, board, draft, draft.version, groups, draft.topic_id)

    def _post_board(self, request, board):
        data = request.POST
        draft = board.editions.filter(pk=_number(data.get("edition"))).first()
        version = _number(data.get("version"))
        action = data.get("action") or "save"
        found = read_places(data)
        groups = arrange(layouts.for_board(board), found)
        topic, problem = read_topic(data)
        problems, at = _form_problems(data, draft, version, action, found)
        if problem:
            problems.insert(0, problem)
        if not problems:
            filling = {name: [place.entry() for place in places] for name, places in found.items()}
            try:
                with transaction.atomic():
                    editing.save_slots(draft, version, filling, topic)
                    if action in ("publish", "schedule"):
                        editing.publish(draft, at)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            for problem in problems:
                messages.error(request, problem)
            shown = draft or editing.current_draft(board, request.user)
            if topic is editing.UNCHANGED:
                topic = shown.topic_id
            return self._render_board(
                request,
                board,
                shown,
                version,
                groups,
                topic,
                publish_at=data.get("publish_at", ""),
            )
        return self._saved(request, board, draft, action)

    def _saved(self, request, board, draft, action):
        if action == "preview":
            return redirect("admin:frontpage_board_preview", board.pk, draft.pk)
        if action == "publish":
            messages.success(request, _("Published: readers see this edition now."))
        elif action == "schedule":
            messages.success(
                request,
                _("Scheduled: this edition goes live at %(time)s.")
                % {"time": vn_datetime(draft.publish_at)},
            )
        else:
            messages.success(request, _("Draft saved. Readers see it once it is published."))
        return redirect("admin:frontpage_board_screen", board.pk)

    def _render_board(self, request, board, draft, version, groups, topic, publish_at=""):
        query = clean(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
        now = timezone.now()
        upcoming = board.editions.filter(status=Edition.Status.SCHEDULED, publish_at__gt=now)
        context = self._context(
            request,
            board,
            _("Board: %(board)s") % {"board": board},
            current="screen",
            draft=draft,
            version=version,
            groups=groups,
            topic_box=topic_box(board, topic),
            live=Edition.objects.live(board, now),
            upcoming=upcoming.order_by("publish_at"),
            query=query,
            results=find_stories(query) if query else [],
            publish_at=publish_at,
            search_url=reverse("admin:frontpage_board_stories"),
            preview_url=reverse("admin:frontpage_board_preview", args=[board.pk, draft.pk]),
            images_url=reverse("admin:images_image_changelist"),
            texts={
                "add": _("Add"),
                "number": _("No. %(number)s"),
                "scheduled": _("Scheduled"),
                "nothing": _("No published or scheduled story matches."),
                "searching": _("Searching…"),
                "failed": _("The search failed: try again."),
                "already": _("This story is already on the board."),
                "added": _("Added to “%(slot)s”: save the draft to keep it."),
                "moved": _("Moved: save the draft to keep it."),
                "removed": _("Removed: save the draft to keep it."),
                "dropped": _("“%(title)s” no longer fits and left the board."),
            },
        )
        return TemplateResponse(request, "admin/frontpage/board/board.html", context)

    def stories_view(self, request):
        """``?q=…``: JSON of the published and scheduled stories matching the words."""
        if not request.user.has_perm("frontpage.change_edition"):
            raise PermissionDenied
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"error": _("Search with GET.")}, status=405)
        raw = request.GET.get("q", "")
        if len(raw) > MAX_QUERY_LENGTH:
            error = _("The search is too long: at most %(count)d characters.")
            return JsonResponse({"error": error % {"count": MAX_QUERY_LENGTH}}, status=400)
        text = clean(raw)
        if not _WORD.search(text):
            return JsonResponse(
                {"error": _("Type a few letters of a title, or a story's number.")}, status=400
            )
        return JsonResponse({"results": [found_story(story) for story in find_stories(text)]})

    # History

    def editions_view(self, request, board_id):
        board = self._board(request, board_id, "frontpage.view_edition")
        editions = (
            board.editions.select_related("created_by")
            .annotate(stories=Count("slots"))
            .order_by("-created_at", "-pk")
        )
        page = Paginator(editions, HISTORY_PER_PAGE).get_page(request.GET.get("page"))
        live = Edition.objects.live(board)
        return TemplateResponse(
            request,
            "admin/frontpage/board/editions.html",
            self._context(
                request,
                board,
                _("History: %(board)s") % {"board": board},
                current="editions",
                page=page,
                live=live,
            ),
        )

    def edition_view(self, request, board_id, edition_id):
        board = self._board(request, board_id, "frontpage.view_edition")
        edition = get_object_or_404(board.editions.select_related("created_by"), pk=edition_id)
        return TemplateResponse(
            request,
            "admin/frontpage/board/edition.html",
            self._context(
                request,
                board,
                _("Edition #%(number)s: %(board)s") % {"number": edition.pk, "board": board},
                edition=edition,
                live=Edition.objects.live(board),
                groups=arrange(layouts.for_board(board), places_of(edition)),
                topic_box=topic_box(board, edition.topic_id),
            ),
        )

    def restore_view(self, request, board_id, edition_id):
        board = self._board(request, board_id, "frontpage.change_edition", "frontpage.add_edition")
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        edition = get_object_or_404(board.editions, pk=edition_id)
        draft = editing.restore(edition, request.user)
        messages.success(
            request,
            _("Edition #%(old)s is the new draft #%(new)s. Readers see it once it is published.")
            % {"old": edition.pk, "new": draft.pk},
        )
        return redirect("admin:frontpage_board_screen", board.pk)

    def cancel_view(self, request, board_id, edition_id):
        """POST: a scheduled edition whose minute has not come is the board's draft again
        (``editing.cancel_schedule``); readers never see it."""
        board = self._board(request, board_id, "frontpage.change_edition")
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        edition = get_object_or_404(board.editions, pk=edition_id)
        back = {
            "screen": reverse("admin:frontpage_board_screen", args=[board.pk]),
            "edition": reverse("admin:frontpage_board_edition", args=[board.pk, edition.pk]),
        }.get(request.POST.get("back"), reverse("admin:frontpage_board_editions", args=[board.pk]))
        version = _number(request.POST.get("version"))
        if version is None:
            messages.error(request, _("The form is incomplete: reload the board and try again."))
            return redirect(back)
        try:
            set_aside = editing.cancel_schedule(edition, version)
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
            return redirect(back)
        done = _(
            "Schedule cancelled: edition #%(number)s is the board's draft again; readers "
            "do not see it."
        ) % {"number": edition.pk}
        if set_aside:
            done += " " + _(
                "The draft being worked on (#%(numbers)s) was set aside: it is in the history."
            ) % {"numbers": ", #".join(str(number) for number in set_aside)}
        messages.success(request, done)
        if request.user.has_perm("frontpage.add_edition"):
            return redirect("admin:frontpage_board_screen", board.pk)
        return redirect("admin:frontpage_board_editions", board.pk)

    # Preview

    def preview_view(self, request, board_id, edition_id):
        board = self._board(request, board_id, "frontpage.view_edition")
        edition = get_object_or_404(board.editions, pk=edition_id)
        phone = request.GET.get("width") == "phone"
        return TemplateResponse(
            request,
            "admin/frontpage/board/preview.html",
            self._context(
                request,
                board,
                _("Preview of edition #%(number)s: %(board)s")
                % {"number": edition.pk, "board": board},
                edition=edition,
                phone=phone,
                previewable=previewable(board),
                page_url=reverse("admin:frontpage_board_preview_page", args=[board.pk, edition.pk]),
                here=reverse("admin:frontpage_board_preview", args=[board.pk, edition.pk]),
            ),
        )

    def preview_page_view(self, request, board_id, edition_id):
        board = self._board(request, board_id, "frontpage.view_edition")
        edition = get_object_or_404(board.editions, pk=edition_id)
        if not previewable(board):
            return render(request, "admin/frontpage/board/no_preview.html", status=404)
        response = render_preview(request, board, edition)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def _form_problems(data, draft, version, action, found):
    """What is wrong with a board's form before anything is saved, and the minute asked
    for when scheduling: ``(problems, at)``."""
    problems, at = [], None
    if draft is None or version is None:
        problems.append(_("The form is incomplete: reload the board and try again."))
    if action not in ACTIONS:
        problems.append(_("Unknown action: nothing was saved."))
    if any(place.errors for places in found.values() for place in places):
        problems.append(_("Nothing was saved: correct the places marked below."))
    if action == "schedule":
        try:
            at = read_time(data.get("publish_at"))
        except ValidationError as error:
            problems.extend(error.messages)
    return problems, at


def previewable(board):
    """Whether this board's page can be previewed (a section's board whose section is
    gone, or is no longer top-level, cannot)."""
    return board.section_id is None or board.section.parent_id is None


def render_preview(request, board, edition):
    """The page of ``board`` as readers would see it with ``edition`` live; made afresh
    (a preview keeps nothing, and is not kept: the admin's views are never cached)."""
    tree = section_tree(request)
    if board.section_id is None:
        made = lists.for_home(tree, edition=edition)
        return render_home(request, *(made or (*article_lists._home(tree), [])))
    # The section's first page, as ``articles.views.section`` makes it, the edition on top.
    section = tree.by_id[board.section_id]
    section_ids = tree.descendant_ids(section)
    stories = article_lists.card_stories().in_sections(section_ids)
    top = lists.for_section(tree, section, edition=edition) or []
    return render_section(request, tree, section, Paginator(stories, PER_PAGE).page(1), top)
