"""What an editor does to a board, checked on the server: bad input refused whole,
another editor's save never lost, publish now or at a minute, restore into a new draft,
withdrawn stories flagged."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Status
from frontpage import editing
from frontpage.models import Edition, Slot
from tests import factories

from .conftest import edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(stories):
    return edition(status=Edition.Status.DRAFT, lead=[stories[0]])


def test_an_editor_fills_the_slots_of_a_draft(draft, stories):
    editing.save_slots(
        draft,
        draft.version,
        {
            "lead": [{"story": stories[2].pk, "title": "Tiêu đề riêng"}],
            "subleads": [{"story": stories[0].pk}, {"story": stories[1].pk}],
        },
    )
    draft.refresh_from_db()
    assert draft.version == 2
    assert [(s.name, s.position, s.story_id, s.title) for s in draft.slots.all()] == [
        ("lead", 0, stories[2].pk, "Tiêu đề riêng"),
        ("subleads", 0, stories[0].pk, ""),
        ("subleads", 1, stories[1].pk, ""),
    ]


@pytest.mark.parametrize(
    "filling",
    [
        {"nowhere": [{"story": "first"}]},  # no such slot
        {"lead": [{"story": "first"}, {"story": "second"}]},  # more stories than slots
        {"lead": [{"story": 999_999}]},  # no such story
        {"lead": [{"story": "draft"}]},  # a draft is not offered
        {"lead": [{"story": "first"}], "subleads": [{"story": "first"}]},  # twice
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(draft, stories, section, filling):
    unpublished = factories.ArticleFactory(section=section, status=Status.DRAFT)
    named = {"first": stories[0].pk, "second": stories[1].pk, "draft": unpublished.pk}
    filling = {
        name: [{"story": named.get(e["story"], e["story"])} for e in entries]
        for name, entries in filling.items()
    }
    before = list(Slot.objects.values_list("name", "position", "story_id"))
    with pytest.raises(ValidationError):
        editing.save_slots(draft, draft.version, filling)
    assert list(Slot.objects.values_list("name", "position", "story_id")) == before
    draft.refresh_from_db()
    assert draft.version == 1


def test_a_stale_version_is_refused_with_a_clear_message(draft, stories):
    seen_by_both = draft.version
    editing.save_slots(draft, seen_by_both, {"lead": [{"story": stories[1].pk}]})
    with pytest.raises(ValidationError, match="Một người khác đã lưu bảng bố trí này"):
        editing.save_slots(draft, seen_by_both, {"lead": [{"story": stories[5].pk}]})
    assert list(draft.slots.values_list("story_id", flat=True)) == [stories[1].pk]


def test_publish_now_or_at_a_minute(draft):
    at = timezone.now() + datetime.timedelta(hours=3, seconds=17)
    editing.publish(draft, at)
    assert draft.status == Edition.Status.SCHEDULED
    assert draft.publish_at == at.replace(second=0, microsecond=0)
    assert Edition.objects.live("home") is None
    editing.publish(draft)
    assert draft.status == Edition.Status.PUBLISHED
    assert Edition.objects.live("home") == draft


def test_restore_copies_an_old_edition_into_a_new_draft(stories, editor):
    old = edition(lead=[(stories[4], {"title": "Cũ"})], subleads=stories[:2])
    draft = editing.restore(old, editor)
    assert draft.status == Edition.Status.DRAFT and draft.created_by == editor
    assert list(draft.slots.values_list("name", "position", "story_id", "title")) == list(
        old.slots.values_list("name", "position", "story_id", "title")
    )
    assert old.slots.count() == 3


def test_a_withdrawn_story_is_flagged_on_the_board(stories):
    live = edition(lead=[stories[0]], subleads=stories[1:3])
    assert editing.flagged(live) == []
    stories[1].status = Status.DRAFT
    stories[1].save()
    assert [slot.story_id for slot in editing.flagged(live)] == [stories[1].pk]
