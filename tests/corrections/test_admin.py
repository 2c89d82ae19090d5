"""Editors add corrections from the story's admin page and withdraw them (with a reason)
from the corrections list; reporters can do neither; nobody deletes one."""

import pytest
from django.urls import reverse

from articles.models import Article
from corrections.models import Correction, Kind
from tests import factories

from .conftest import correct

pytestmark = pytest.mark.django_db


def changelist():
    return reverse("admin:corrections_correction_changelist")


def correction_inline(response):
    return next(
        shown
        for shown in response.context["inline_admin_formsets"]
        if shown.formset.model is Correction
    )


def inline_data(response, **fields):
    data = factories.form_data(response)
    assert "corrections-TOTAL_FORMS" in data, "no corrections inline on the page"
    data["corrections-TOTAL_FORMS"] = str(int(data["corrections-TOTAL_FORMS"]) + 1)
    index = int(data["corrections-TOTAL_FORMS"]) - 1
    for name, value in fields.items():
        data[f"corrections-{index}-{name}"] = value
    return data


def test_an_editor_adds_a_correction_from_the_story_page(
    editor_client, editor, public_story, commit
):
    url = factories.change_url(public_story)
    response = editor_client.get(url)
    before = Article.objects.get(pk=public_story.pk).updated_at
    data = inline_data(
        response,
        kind=Kind.CORRECTION,
        text="Bài viết ghi nhầm tên cầu; đúng là cầu Trà Khúc.",
        at_0="04/12/2026",
        at_1="10:00:00",
    )
    with commit():
        response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"][-1].formset.forms
    ]
    correction = Correction.objects.get()
    assert correction.story == public_story
    assert correction.created_by == editor
    assert Article.objects.get(pk=public_story.pk).updated_at > before


def test_a_draft_has_no_correction_form(editor_client, draft_story):
    response = editor_client.get(factories.change_url(draft_story))
    assert response.status_code == 200
    assert not correction_inline(response).has_add_permission


def test_a_reporter_cannot_add_a_correction(reporter_client, reporter, section):
    story = factories.story(reporter, section=section, published=True)
    assert reporter_client.get(reverse("admin:corrections_correction_add")).status_code == 403
    response = reporter_client.post(
        reverse("admin:corrections_correction_add"),
        {
            "story": story.pk,
            "kind": Kind.CORRECTION,
            "text": "Sửa lén",
            "at_0": "04/12/2026",
            "at_1": "10:00",
        },
    )
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_a_reporter_cannot_slip_a_correction_into_a_story_form(reporter_client, reporter, section):
    story = factories.story(reporter, section=section, published=True)
    response = reporter_client.get(factories.change_url(story))
    assert "corrections-TOTAL_FORMS" not in response.content.decode()
    data = factories.form_data(response) if response.status_code == 200 else {}
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-0-kind": Kind.CORRECTION,
            "corrections-0-text": "Sửa lén",
            "corrections-0-at_0": "04/12/2026",
            "corrections-0-at_1": "10:00:00",
        }
    )
    reporter_client.post(factories.change_url(story), data)
    assert not Correction.objects.exists()


def test_nobody_deletes_a_correction(client, public_story):
    correction = correct(public_story)
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    delete_url = reverse("admin:corrections_correction_delete", args=[correction.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    response = client.post(
        changelist(),
        {"action": "delete_selected", "_selected_action": [correction.pk], "post": "yes"},
    )
    assert Correction.objects.filter(pk=correction.pk).exists()
    assert "delete_selected" not in client.get(changelist()).content.decode()
    assert response.status_code in (200, 302)


def test_withdrawing_asks_for_a_reason_then_keeps_the_record(
    editor_client, editor, public_story, commit
):
    correction = correct(public_story)
    response = editor_client.post(
        changelist(), {"action": "withdraw", "_selected_action": [correction.pk]}
    )
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    correction.refresh_from_db()
    assert correction.withdrawn_at is None

    with commit():
        response = editor_client.post(
            changelist(),
            {"action": "withdraw", "_selected_action": [correction.pk], "reason": "Nhầm bài"},
        )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.withdrawn_by == editor
    assert correction.withdraw_reason == "Nhầm bài"


def test_a_reporter_cannot_withdraw(reporter_client, public_story):
    correction = correct(public_story)
    response = reporter_client.post(
        changelist(),
        {"action": "withdraw", "_selected_action": [correction.pk], "reason": "Không thích"},
    )
    assert response.status_code == 403
    correction.refresh_from_db()
    assert correction.withdrawn_at is None
