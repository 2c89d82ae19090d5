"""Readers' personal data: their email, address and browser are kept
``COMMENT_PERSONAL_DATA_DAYS`` days, then erased by a scheduled command (the comment and
the moderators' decisions stay); and a writer removes their comment with the link they
were given once, after sending it (mailed too, when the site says so)."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import Comment, Status
from tests import factories

from .conftest import comment, send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]


def old_and_new(story, settings):
    now = timezone.now()
    days = settings.COMMENT_PERSONAL_DATA_DAYS
    old = comment(
        story,
        text="Ý kiến cũ",
        ip_address="203.0.113.5",
        user_agent="Firefox",
        created_at=now - datetime.timedelta(days=days, minutes=1),
    )
    new = comment(
        story,
        text="Ý kiến mới",
        ip_address="203.0.113.6",
        user_agent="Chrome",
        created_at=now - datetime.timedelta(days=days) + datetime.timedelta(minutes=1),
    )
    return old, new


def test_personal_data_older_than_the_setting_is_erased(public_story, settings, moderator):
    old, new = old_and_new(public_story, settings)
    old.moderate(moderator, Status.APPROVED)
    out = StringIO()

    call_command("erase_comment_personal_data", stdout=out)

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.email, old.ip_address, old.user_agent) == ("", None, "")
    assert (new.email, new.ip_address, new.user_agent) == (
        "binh@example.vn",
        "203.0.113.6",
        "Chrome",
    )
    # The comment, the name its writer chose and who approved it stay.
    assert (old.text, old.name, old.moderated_by) == ("Ý kiến cũ", "Lê Thị Bình", moderator)
    assert "Erased the personal data of 1 comments" in out.getvalue()


def test_the_history_keeps_no_personal_data(public_story, settings):
    old, _new = old_and_new(public_story, settings)
    historical = old.history.model
    assert not {"email", "ip_address", "user_agent"} & {f.name for f in historical._meta.fields}


def test_a_dry_run_only_counts_and_a_second_run_finds_nothing(public_story, settings):
    old_and_new(public_story, settings)
    out = StringIO()

    call_command("erase_comment_personal_data", "--dry-run", stdout=out)
    assert "1 comments hold personal data" in out.getvalue()
    assert Comment.objects.filter(email="").count() == 0

    call_command("erase_comment_personal_data", stdout=StringIO())
    again = StringIO()
    call_command("erase_comment_personal_data", stdout=again)
    assert "of 0 comments" in again.getvalue()


def test_the_days_kept_can_be_given(public_story, settings):
    old_and_new(public_story, settings)
    call_command("erase_comment_personal_data", "--days", "0", stdout=StringIO())
    assert Comment.objects.exclude(email="").count() == 0


def removal_link(response):
    found = re.search(
        r'href="(http://testserver/api/binh-luan/go/[^"]+/)"', response.content.decode()
    )
    assert found, "no removal link on the page"
    return found.group(1).removeprefix("http://testserver")


def test_the_writer_removes_their_comment_with_the_link_shown_once(client, public_story):
    link = removal_link(send(client, public_story, text="Tôi muốn gỡ ý kiến này"))
    stranger = Client()

    page = stranger.get(link)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert "Tôi muốn gỡ ý kiến này" in page.content.decode()
    assert Comment.objects.get().status == Status.PENDING  # a GET changes nothing

    assert stranger.post(link).status_code == 200

    removed = Comment.objects.get()
    assert removed.status == Status.REMOVED
    assert (removed.text, removed.name, removed.email, removed.ip_address) == ("", "", "", None)
    assert removed.removed_at is not None
    kept = removed.history.values_list("name", "text")
    assert kept.count() >= 2 and set(kept) == {("", "")}
    assert "Tôi muốn gỡ ý kiến này" not in stranger.get(link).content.decode()


def test_removing_an_approved_comment_takes_it_off_the_page(
    public_story, moderator, settings, commit
):
    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    reader = Client()
    link = removal_link(send(reader, public_story, text="Đã duyệt rồi gỡ"))
    with commit():
        Comment.objects.get().moderate(moderator, Status.APPROVED)
    assert "Đã duyệt rồi gỡ" in reader.get(public_story.get_absolute_url()).content.decode()

    with commit():
        reader.post(link)

    assert "Đã duyệt rồi gỡ" not in reader.get(public_story.get_absolute_url()).content.decode()


@pytest.mark.parametrize("token", ["gia-mao", "1:abc", "x" * 300])
def test_a_forged_removal_link_is_not_found(client, public_story, token):
    comment(public_story)
    assert client.get(f"/api/binh-luan/go/{token}/").status_code == 404
    assert client.post(f"/api/binh-luan/go/{token}/").status_code == 404
    assert Comment.objects.get().status == Status.APPROVED


def test_the_link_is_mailed_when_the_site_says_so(client, public_story, settings):
    settings.COMMENT_REMOVAL_EMAILS = True
    link = removal_link(send(client, public_story))

    (message,) = mail.outbox
    assert message.to == ["an@example.vn"]
    assert link in message.body


def test_no_mail_by_default(client, public_story):
    send(client, public_story)
    assert mail.outbox == []


def test_the_removal_page_is_in_vietnamese(client, public_story):
    link = removal_link(send(client, public_story))
    text = client.get(link).content.decode()
    assert factories.in_vietnamese("Remove my comment") in text
    assert "Remove my comment" not in text
