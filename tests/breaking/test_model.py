"""A banner's rules: a short plain text, an end after its start, and one definition of
what is live now."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from breaking.models import Banner, Level

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2026, 3, 1, 8, 0))
END = START + datetime.timedelta(hours=2)
SECOND = datetime.timedelta(seconds=1)


def make(**kwargs):
    values = {"text": "Cháy lớn ở chợ Đồng Xuân", "starts_at": START, "ends_at": END}
    values.update(kwargs)
    return Banner.objects.create(**values)


def test_the_end_must_come_after_the_start():
    for ends_at in (START, START - SECOND):
        with pytest.raises(ValidationError) as raised:
            Banner(text="Tin", starts_at=START, ends_at=ends_at).full_clean()
        assert "ends_at" in raised.value.message_dict


def test_the_text_is_at_most_160_characters():
    Banner(text="a" * 160, starts_at=START, ends_at=END).full_clean()
    with pytest.raises(ValidationError) as raised:
        Banner(text="a" * 161, starts_at=START, ends_at=END).full_clean()
    assert "text" in raised.value.message_dict


@pytest.mark.parametrize(
    ("moment", "live"),
    [
        (START - SECOND, False),
        (START, True),
        (END - SECOND, True),
        (END, False),
        (END + SECOND, False),
    ],
)
def test_a_banner_is_live_from_its_start_to_its_end(moment, live):
    shown = make()
    assert (shown in Banner.objects.live(moment)) is live


def test_breaking_comes_before_developing_then_the_newest_start():
    older_breaking = make(text="cũ", level=Level.BREAKING, starts_at=START)
    developing = make(text="đang diễn biến", level=Level.DEVELOPING, starts_at=START + SECOND * 120)
    newer_breaking = make(text="mới", level=Level.BREAKING, starts_at=START + SECOND * 60)
    at = START + datetime.timedelta(minutes=5)
    assert list(Banner.objects.live(at)) == [newer_breaking, older_breaking, developing]


def test_the_next_change_is_the_next_start_or_end():
    make(starts_at=START, ends_at=END)
    later = START + datetime.timedelta(hours=1)
    make(starts_at=later, ends_at=later + datetime.timedelta(hours=5))
    assert Banner.objects.next_change(START - SECOND) == START
    assert Banner.objects.next_change(START) == later
    assert Banner.objects.next_change(later) == END
    assert Banner.objects.next_change(later + datetime.timedelta(hours=5)) is None


@pytest.mark.parametrize("text", ["Hai\ndòng", "Ký tự\x00lạ"])
def test_the_text_is_one_line_of_plain_text(text):
    with pytest.raises(ValidationError) as raised:
        Banner(text=text, starts_at=START, ends_at=END).full_clean()
    assert "text" in raised.value.message_dict
