"""Bulk steps in the story list: hand in, return with one reason, schedule, withdraw, move to
a section, add a tag. Each selected story goes through the same workflow rules and
permissions as its own buttons; a story that cannot take the step is left as it was and
named in the message, the others go ahead."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleTransition, Status
from tests import factories
from tests.factories import changelist_url


def in_state(author, state, **kwargs):
    article = factories.story(author, **kwargs)
    Article.objects.filter(pk=article.pk).update(
        status=state,
        publication_at=timezone.now() - datetime.timedelta(hours=1)
        if state == Status.PUBLISHED
        else None,
    )
    article.refresh_from_db()
    return article


def act(client, action, stories, **data):
    return client.post(
        changelist_url(),
        {"action": action, "_selected_action": [s.pk for s in stories], **data},
        follow=True,
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def status(article):
    return Article.objects.get(pk=article.pk).status


def offered(client):
    response = client.get(changelist_url())
    return {name for name, _label in response.context["action_form"].fields["action"].choices}


def test_a_reporter_is_offered_only_what_a_reporter_may_do(reporter_client, reporter):
    factories.story(reporter)
    assert offered(reporter_client) == {"", "hand_in_selected", "move_selected", "tag_selected"}


def test_an_editor_is_offered_every_step(editor_client, reporter):
    factories.story(reporter)
    assert {
        "publish_now",
        "hand_in_selected",
        "return_selected",
        "schedule_selected",
        "withdraw_selected",
        "move_selected",
        "tag_selected",
    } <= offered(editor_client)


# Hand in


def test_reporter_hands_in_drafts_and_the_unready_one_is_named(reporter_client, reporter):
    ready = factories.story(reporter)
    no_lead = factories.story(reporter, lead="")
    response = act(reporter_client, "hand_in_selected", [ready, no_lead])
    assert (status(ready), status(no_lead)) == (Status.IN_REVIEW, Status.DRAFT)
    shown = messages_of(response)
    assert any(no_lead.title in m for m in shown), shown
    assert any("1" in m and no_lead.title not in m for m in shown), shown
    assert ArticleTransition.objects.filter(article=no_lead).count() == 0


def test_a_reporter_cannot_hand_in_a_colleagues_story(reporter_client, other_reporter):
    theirs = factories.story(other_reporter)
    act(reporter_client, "hand_in_selected", [theirs])
    assert status(theirs) == Status.DRAFT


# Return with one reason


def test_return_asks_for_one_reason_then_returns_each(editor_client, reporter, other_reporter):
    first = in_state(reporter, Status.IN_REVIEW)
    second = in_state(other_reporter, Status.IN_REVIEW)
    draft = factories.story(reporter)
    page = act(editor_client, "return_selected", [first, second, draft])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="reason"' in html and first.title in html and second.title in html
    assert (status(first), status(second)) == (Status.IN_REVIEW, Status.IN_REVIEW)

    response = act(
        editor_client,
        "return_selected",
        [first, second, draft],
        reason="Thiếu nguồn ảnh.",
        apply="1",
    )
    assert (status(first), status(second), status(draft)) == (
        Status.RETURNED,
        Status.RETURNED,
        Status.DRAFT,
    )
    comments = set(
        ArticleTransition.objects.filter(to_status=Status.RETURNED).values_list(
            "comment", flat=True
        )
    )
    assert comments == {"Thiếu nguồn ảnh."}
    assert any(draft.title in m for m in messages_of(response))


def test_return_without_a_reason_changes_nothing(editor_client, reporter):
    story = in_state(reporter, Status.IN_REVIEW)
    page = act(editor_client, "return_selected", [story], reason="  ", apply="1")
    assert page.status_code == 200
    assert page.context["form"].errors["reason"]
    assert status(story) == Status.IN_REVIEW


def test_a_reporter_cannot_return_by_a_crafted_post(reporter_client, reporter):
    story = in_state(reporter, Status.IN_REVIEW)
    act(reporter_client, "return_selected", [story], reason="Tự trả lại.", apply="1")
    assert status(story) == Status.IN_REVIEW
    assert not ArticleTransition.objects.exists()


# Schedule


def when_fields(moment):
    local = timezone.localtime(moment)
    return {"when_0": local.strftime("%d/%m/%Y"), "when_1": local.strftime("%H:%M:%S")}


def test_editor_schedules_stories_at_one_time(editor_client, reporter):
    first = in_state(reporter, Status.IN_REVIEW)
    second = factories.story(reporter)
    no_lead = in_state(reporter, Status.IN_REVIEW, lead="")
    when = (timezone.now() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)
    page = act(editor_client, "schedule_selected", [first, second, no_lead])
    assert 'name="when_0"' in page.content.decode()
    response = act(
        editor_client,
        "schedule_selected",
        [first, second, no_lead],
        apply="1",
        **when_fields(when),
    )
    for story in (first, second):
        after = Article.objects.get(pk=story.pk)
        assert after.is_scheduled and after.publication_at == when
        assert not after.is_public()
    assert status(no_lead) == Status.IN_REVIEW
    assert any(no_lead.title in m for m in messages_of(response))


def test_a_time_in_the_past_is_refused(editor_client, reporter):
    story = in_state(reporter, Status.IN_REVIEW)
    page = act(
        editor_client,
        "schedule_selected",
        [story],
        apply="1",
        **when_fields(timezone.now() - datetime.timedelta(hours=2)),
    )
    assert page.status_code == 200
    assert page.context["form"].errors
    assert status(story) == Status.IN_REVIEW


def test_a_live_story_is_not_pulled_off_the_site_by_scheduling(editor_client, reporter):
    live = in_state(reporter, Status.PUBLISHED)
    when = timezone.now() + datetime.timedelta(days=1)
    response = act(editor_client, "schedule_selected", [live], apply="1", **when_fields(when))
    assert Article.objects.get(pk=live.pk).is_public()
    assert any(live.title in m for m in messages_of(response))


def test_a_reporter_cannot_schedule_by_a_crafted_post(reporter_client, reporter):
    story = factories.story(reporter)
    when = timezone.now() + datetime.timedelta(days=1)
    act(reporter_client, "schedule_selected", [story], apply="1", **when_fields(when))
    assert status(story) == Status.DRAFT


# Withdraw


def test_editor_withdraws_live_stories_with_a_reason(editor_client, reporter):
    live = in_state(reporter, Status.PUBLISHED)
    draft = factories.story(reporter)
    response = act(
        editor_client, "withdraw_selected", [live, draft], reason="Sai số liệu.", apply="1"
    )
    assert status(live) == Status.WITHDRAWN
    assert not Article.objects.get(pk=live.pk).is_public()
    assert status(draft) == Status.DRAFT
    assert any(draft.title in m for m in messages_of(response))


def test_a_reporter_cannot_withdraw_by_a_crafted_post(reporter_client, reporter):
    live = in_state(reporter, Status.PUBLISHED)
    act(reporter_client, "withdraw_selected", [live], reason="Rút.", apply="1")
    assert status(live) == Status.PUBLISHED


# Move to a section, add a tag


def test_editor_moves_stories_to_a_section(editor_client, reporter):
    science = factories.SectionFactory(name="Khoa học")
    stories = [factories.story(reporter), in_state(reporter, Status.PUBLISHED)]
    act(editor_client, "move_selected", stories, section=str(science.pk), apply="1")
    for story in stories:
        after = Article.objects.get(pk=story.pk)
        assert after.section == science
        assert after.version == story.version + 1
        assert after.history.first().history_user.username == "bientap"


def test_a_reporter_moves_own_drafts_but_not_a_handed_in_story(reporter_client, reporter):
    science = factories.SectionFactory(name="Khoa học")
    draft = factories.story(reporter)
    handed_in = in_state(reporter, Status.IN_REVIEW)
    response = act(
        reporter_client, "move_selected", [draft, handed_in], section=str(science.pk), apply="1"
    )
    assert Article.objects.get(pk=draft.pk).section == science
    assert Article.objects.get(pk=handed_in.pk).section == handed_in.section
    assert any(handed_in.title in m for m in messages_of(response))


def test_an_unknown_section_changes_nothing(editor_client, reporter):
    story = factories.story(reporter)
    page = act(editor_client, "move_selected", [story], section="99999", apply="1")
    assert page.status_code == 200
    assert page.context["form"].errors["section"]
    assert Article.objects.get(pk=story.pk).section == story.section


def test_editor_adds_a_tag_to_stories(editor_client, reporter):
    stories = [factories.story(reporter), factories.story(reporter)]
    act(editor_client, "tag_selected", stories, name="  Bão  số 3 ", apply="1")
    for story in stories:
        assert [t.name for t in Article.objects.get(pk=story.pk).tags.all()] == ["Bão số 3"]


@pytest.mark.parametrize("name", ["", "!!!", "x" * 101])
def test_a_tag_that_cannot_have_an_address_is_refused(editor_client, reporter, name):
    story = factories.story(reporter)
    page = act(editor_client, "tag_selected", [story], name=name, apply="1")
    assert page.status_code == 200
    assert page.context["form"].errors["name"]
    assert not story.tags.exists()


def test_the_intermediate_page_escapes_titles(editor_client, reporter):
    story = in_state(reporter, Status.IN_REVIEW, title='Tin <script>alert("x")</script> mới')
    html = act(editor_client, "return_selected", [story]).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
