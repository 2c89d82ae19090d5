"""A correction: only on a published story, never empty, never deleted; adding or
withdrawing one moves the story's "updated" time."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from corrections.models import Correction, Kind

from .conftest import correct

pytestmark = pytest.mark.django_db


def test_a_draft_cannot_be_corrected_and_nothing_is_saved(draft_story):
    with pytest.raises(ValidationError) as raised:
        correct(draft_story)
    assert "story" in raised.value.message_dict
    assert not Correction.objects.exists()


def test_a_scheduled_story_cannot_be_corrected_before_its_time(scheduled_story):
    with pytest.raises(ValidationError):
        correct(scheduled_story)
    assert not Correction.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n "])
def test_text_is_required(public_story, text):
    with pytest.raises(ValidationError) as raised:
        correct(public_story, text=text)
    assert "text" in raised.value.message_dict
    assert not Correction.objects.exists()


def test_a_correction_cannot_be_dated_ahead_and_nothing_is_saved(public_story):
    with pytest.raises(ValidationError) as raised:
        correct(public_story, at=timezone.now() + datetime.timedelta(hours=2))
    assert "at" in raised.value.message_dict
    assert not Correction.objects.exists()


def test_adding_a_correction_moves_the_story_updated_time(public_story):
    moment = timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=5)
    with time_machine.travel(moment, tick=False):
        correct(public_story)
    assert Article.objects.get(pk=public_story.pk).updated_at == moment


def test_withdrawing_moves_the_updated_time_and_keeps_the_record(public_story, editor):
    correction = correct(public_story)
    later = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        correction.withdraw(editor, "Đính chính nhầm bài")
    correction.refresh_from_db()
    assert correction.withdrawn_at == later
    assert correction.withdrawn_by == editor
    assert correction.withdraw_reason == "Đính chính nhầm bài"
    assert Article.objects.get(pk=public_story.pk).updated_at == later
    assert list(Correction.objects.live()) == []
    assert Correction.objects.filter(pk=correction.pk).exists()
    kinds = [record.history_type for record in correction.history.order_by("history_id")]
    assert kinds == ["+", "~"]
    assert correction.history.earliest("history_id").withdrawn_at is None


def test_withdrawing_needs_a_reason(public_story, editor):
    correction = correct(public_story)
    with pytest.raises(ValidationError):
        correction.withdraw(editor, "  ")
    correction.refresh_from_db()
    assert correction.withdrawn_at is None


def test_a_correction_cannot_be_deleted(public_story):
    correction = correct(public_story, kind=Kind.UPDATE)
    with pytest.raises(ValidationError):
        correction.delete()
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_a_story_later_withdrawn_keeps_its_corrections_withdrawable(public_story, editor):
    correction = correct(public_story)
    Article.objects.filter(pk=public_story.pk).update(status="draft")
    correction.withdraw(editor, "Bài đã gỡ")
    assert Correction.objects.get(pk=correction.pk).is_withdrawn
