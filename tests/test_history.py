"""A story's history reads as sentences, one per step, in Vietnam time; any two versions
compare as text with the words added and removed; names link only where the viewer may go;
restoring stays behind the right to change the story as it is now."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles import history, workflow
from articles.models import Article, Status
from tests import factories
from tests.factories import change_url, form_data

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 20:03 in Hà Nội on 4 December 2026.
RETURNED_AT = datetime.datetime(2026, 12, 4, 13, 3, tzinfo=UTC)


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article, older=None, newer=None):
    url = reverse("admin:articles_article_history_compare", args=[article.pk])
    query = "&".join(
        f"{name}={record if isinstance(record, str) else record.history_id}"
        for name, record in (("from", older), ("to", newer))
        if record is not None
    )
    return f"{url}?{query}" if query else url


def revision_url(article, record):
    return reverse("admin:articles_article_simple_history", args=[article.pk, record.history_id])


def rows(response):
    page = response.content.decode()
    assert response.status_code == 200, page[:500]
    return [str(row.text) for row in response.context["page_obj"]]


@pytest.fixture
def huy(db):
    return factories.editor(username="lequanghuy", first_name="Lê Quang", last_name="Huy")


@pytest.fixture
def ha(db):
    return factories.reporter(username="tranthuha", first_name="Trần Thu", last_name="Hà")


def save(client, article, **changes):
    page = client.get(change_url(article))
    response = client.post(change_url(article), form_data(page, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    return article


@pytest.fixture
def returned_story(ha, huy, client_for):
    """Written by Hà (two saves), handed in, then returned by Huy with a reason."""
    with time_machine.travel(RETURNED_AT - datetime.timedelta(hours=2), tick=False):
        article = factories.story(ha, title="Bão số 3 đổ bộ")
        article.history.update(history_user=ha)
    reporter, editor = client_for(ha), client_for(huy)
    with time_machine.travel(RETURNED_AT - datetime.timedelta(hours=1), tick=False):
        save(reporter, article, lead="Bão số 3 đổ bộ vào Quảng Ninh.")
    with time_machine.travel(RETURNED_AT - datetime.timedelta(minutes=30), tick=False):
        save(
            reporter,
            article,
            body="<p>Gió mạnh cấp 12.</p>" + factories.STORY_BODY,
            workflow_action="submit",
        )
    with time_machine.travel(RETURNED_AT, tick=False):
        save(
            editor, article, workflow_action="return", workflow_comment="Thiếu ý kiến <chuyên gia>"
        )
    return article


# One row per step


def test_each_step_is_one_sentence_naming_role_person_verb_and_vietnam_time(
    editor_client, returned_story
):
    found = rows(editor_client.get(history_url(returned_story)))

    assert found == [
        "Biên tập viên Lê Quang Huy trả lại phóng viên lúc 20:03 04/12/2026 (GMT+7)"
        " — Lý do: Thiếu ý kiến &lt;chuyên gia&gt;",
        "Phóng viên Trần Thu Hà nộp bài lúc 19:33 04/12/2026 (GMT+7)",
        "Phóng viên Trần Thu Hà sửa bài lúc 19:03 04/12/2026 (GMT+7)",
        "Phóng viên Trần Thu Hà tạo bài lúc 18:03 04/12/2026 (GMT+7)",
    ]


def test_the_page_shows_no_raw_state_no_none_reason_and_no_utc_time(editor_client, returned_story):
    page = editor_client.get(history_url(returned_story)).content.decode()

    assert "Thiếu ý kiến &lt;chuyên gia&gt;" in page
    for raw in ["STATE_THEN", "in_review", "returned<", "None", "13:03"]:
        assert raw not in page
    # A hand-in saved with an edit is one row, which says what the edit changed.
    listed = page[page.index('id="readable-history"') :]
    assert listed.count("nộp bài lúc") == 1
    assert "Đã thay đổi: nội dung" in page


def test_a_step_with_no_reason_says_none(editor_client, ha, huy):
    article = factories.story(ha)
    workflow.transition(article, "submit", ha)
    workflow.transition(article, "publish", huy)
    found = rows(editor_client.get(history_url(article)))
    assert found[0].startswith("Biên tập viên Lê Quang Huy đăng bài lúc ")
    assert "Lý do" not in found[0]


def test_a_scheduled_publication_says_when_it_goes_live(editor_client, ha, huy):
    with time_machine.travel(RETURNED_AT, tick=False):
        article = factories.story(ha)
        article.history.update(history_user=ha)
        later = RETURNED_AT + datetime.timedelta(days=1)
        workflow.transition(article, "publish", huy, publication_at=later)
        found = rows(editor_client.get(history_url(article)))
    assert found[0] == (
        "Biên tập viên Lê Quang Huy hẹn giờ đăng bài vào 20:03 05/12/2026 (GMT+7)"
        " lúc 20:03 04/12/2026 (GMT+7)"
    )


def test_a_restore_is_a_row_of_its_own(client_for, huy, returned_story):
    editor_client = client_for(huy)
    first = returned_story.history.earliest("history_date")
    page = editor_client.get(revision_url(returned_story, first))
    response = editor_client.post(revision_url(returned_story, first), form_data(page))
    assert response.status_code == 302
    found = rows(editor_client.get(history_url(returned_story)))
    assert found[0].startswith("Biên tập viên Lê Quang Huy khôi phục một phiên bản cũ lúc ")


def test_the_history_page_runs_the_same_queries_for_3_and_30_revisions(
    editor_client, ha, huy, django_assert_max_num_queries
):
    def queries(article):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(history_url(article)).status_code == 200
        return len(captured)

    short = factories.story(ha)
    short.history.update(history_user=ha)
    long = factories.story(ha)
    for number in range(30):
        long.title = f"Tiêu đề số {number}"
        long._history_user = huy if number % 2 else ha
        long.save()
        if number % 10 == 0:
            workflow.transition(long, "submit", ha)
            workflow.transition(long, "return", huy, comment=f"Lần {number}")
    assert queries(short) == queries(long)


def test_the_compare_page_runs_the_same_queries_for_3_and_30_revisions(editor_client, ha, huy):
    def queries(article):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(compare_url(article)).status_code == 200
        return len(captured)

    counts = []
    for revisions in (3, 30):
        article = factories.story(ha)
        for number in range(revisions):
            article.title = f"Tiêu đề {number}"
            article._history_user = huy if number % 2 else ha
            article.save()
        counts.append(queries(article))
    assert counts[0] == counts[1]


# Names link where the viewer may go


def test_names_are_plain_text_for_an_editor_who_cannot_open_accounts(editor_client, returned_story):
    page = editor_client.get(history_url(returned_story)).content.decode()
    assert "/quan-tri/auth/user/" not in page
    assert "Lê Quang Huy trả lại" in page


def test_a_name_links_to_the_authors_public_page(editor_client, ha, huy):
    factories.story(ha, published=True)  # Hà has a public author page; Huy has none
    article = factories.story(ha)
    workflow.transition(article, "submit", ha)
    workflow.transition(article, "return", huy, comment="Sửa lại")
    page = editor_client.get(history_url(article)).content.decode()
    author_page = reverse("articles:author", args=["tranthuha"])
    assert f'<a href="{author_page}">Trần Thu Hà</a>' in page
    assert "Biên tập viên Lê Quang Huy trả lại" in page


def test_a_name_links_to_the_account_for_who_may_change_accounts(client_for, ha, huy):
    huy.user_permissions.add(Permission.objects.get(codename="change_user"))
    article = factories.story(ha)
    workflow.transition(article, "submit", ha)
    page = client_for(huy).get(history_url(article)).content.decode()
    account = reverse("admin:auth_user_change", args=[ha.pk])
    assert f'<a href="{account}">Trần Thu Hà</a>' in page


# Comparing two versions


def test_compare_shows_words_added_and_removed_per_field(editor_client, ha, huy):
    article = factories.story(
        ha,
        title="Bão số 3 đổ bộ",
        body="<p>Gió mạnh cấp 10 ở Hải Phòng.</p><p>Người dân sơ tán.</p>",
    )
    older = article.history.latest("history_date")
    client = editor_client
    save(client, article, title="Bão số 3 đổ bộ Quảng Ninh")
    save(client, article, body="<p>Gió mạnh cấp 12 ở Hải Phòng.</p><p>Người dân sơ tán.</p>")
    newer = article.history.latest("history_date")

    response = client.get(compare_url(article, older, newer))

    page = response.content.decode()
    assert response.status_code == 200
    diff = page[page.index('id="history-diff"') :]
    assert "<ins>Quảng Ninh</ins>" in diff.replace("<ins> ", "<ins>")
    assert "<del>10</del>" in diff and "<ins>12</ins>" in diff
    assert "<p>Người dân sơ tán.</p>" in diff  # unchanged paragraphs stay as they were
    assert "<h3>Tiêu đề</h3>" in diff and "<h3>Nội dung</h3>" in diff
    assert "<h3>Sapo</h3>" not in diff  # only what changed
    assert "&lt;p&gt;" not in diff  # text, not HTML


def test_compare_defaults_to_the_version_before(editor_client, ha):
    article = factories.story(ha, title="Tiêu đề cũ")
    save(editor_client, article, title="Tiêu đề mới")
    newer = article.history.latest("history_date")
    page = editor_client.get(compare_url(article, newer=newer)).content.decode()
    assert "<del>cũ</del>" in page and "<ins>mới</ins>" in page
    assert editor_client.get(compare_url(article)).status_code == 200


def test_compare_shows_images_embeds_and_galleries_as_labels(editor_client, ha):
    article = factories.story(ha, body="<p>Mở đầu.</p>")
    older = article.history.latest("history_date")
    save(
        editor_client,
        article,
        body=(
            "<p>Mở đầu.</p>"
            '<figure class="image"><img src="/media/a.jpg" alt="Sóng lớn">'
            "<figcaption>Sóng đánh vào bờ kè</figcaption></figure>"
            '<figure class="embed" data-embed="https://www.youtube.com/watch?v=abc"></figure>'
            '<figure class="gallery" data-gallery="7"></figure>'
        ),
    )
    newer = article.history.latest("history_date")
    page = editor_client.get(compare_url(article, older, newer)).content.decode()
    assert "[Ảnh: Sóng đánh vào bờ kè]" in page
    assert "[Nhúng: https://www.youtube.com/watch?v=abc]" in page
    assert "[Chùm ảnh #7]" in page
    assert "/media/a.jpg" not in page[page.index('id="history-diff"') :]


def test_other_apps_can_label_their_blocks(monkeypatch):
    monkeypatch.setattr(history, "_LABELERS", dict(history._LABELERS))
    history.describes_blocks("gallery")(lambda value, attrs: f"[Bộ ảnh “Bão” ({value})]")
    assert history.body_blocks('<p>A</p><figure data-gallery="7"><img src="x"></figure>') == [
        "A",
        "[Bộ ảnh “Bão” (7)]",
    ]


def test_a_labeller_that_fails_does_not_break_the_page():
    def broken(value, attrs):
        raise RuntimeError

    saved = dict(history._LABELERS)
    try:
        history.describes_blocks("embed")(broken)
        assert history.body_blocks('<figure data-embed="5"></figure>') == ["[embed: 5]"]
    finally:
        history._LABELERS.clear()
        history._LABELERS.update(saved)


def test_compare_escapes_what_was_typed(editor_client, ha):
    article = factories.story(ha, title="Cũ")
    older = article.history.latest("history_date")
    save(editor_client, article, title='</script><b>x</b> "q"', body="<p>&lt;img onerror&gt;</p>")
    page = editor_client.get(compare_url(article, older)).content.decode()
    assert "</script><b>x" not in page
    assert "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page
    assert "<img onerror" not in page


@pytest.mark.parametrize(
    "query",
    ["from=abc", "to=abc", "to=1.5", "from=-1", "to=99999999", "to=99999999999999999999999"],
)
def test_bad_version_ids_give_404(editor_client, ha, query):
    article = factories.story(ha)
    url = reverse("admin:articles_article_history_compare", args=[article.pk])
    assert editor_client.get(f"{url}?{query}").status_code == 404


@pytest.mark.parametrize("version", ["abc", "99999999", "99999999999999999999999", "%C3%A9"])
def test_a_bad_version_in_the_revision_address_gives_404(editor_client, ha, version):
    article = factories.story(ha)
    url = reverse("admin:articles_article_history", args=[article.pk])
    assert editor_client.get(f"{url}{version}/").status_code == 404


def test_a_version_of_another_story_gives_404(editor_client, ha):
    article, other = factories.story(ha), factories.story(ha)
    record = other.history.latest("history_date")
    assert editor_client.get(compare_url(article, newer=record)).status_code == 404
    assert editor_client.get(revision_url(article, record)).status_code == 404


def test_a_story_that_does_not_exist_gives_404(editor_client):
    url = reverse("admin:articles_article_history_compare", args=[987654])
    assert editor_client.get(url).status_code == 404


# Who may compare and restore


def test_a_reporter_cannot_compare_a_colleagues_story(client_for, ha, other_reporter, huy):
    article = factories.story(other_reporter)
    save(client_for(huy), article, title="Sửa")
    assert client_for(ha).get(compare_url(article)).status_code == 403
    assert client_for(ha).get(history_url(article)).status_code == 403


def test_a_reporter_compares_their_own_story(client_for, ha):
    article = factories.story(ha, title="Một")
    save(client_for(ha), article, title="Hai")
    page = client_for(ha).get(compare_url(article)).content.decode()
    assert "<ins>Hai</ins>" in page
    assert "restore-link" in page  # a draft of theirs: they may still restore it


def test_a_reporter_may_not_restore_a_story_they_can_no_longer_edit(
    client_for, ha, huy, returned_story
):
    workflow.transition(returned_story, "submit", ha)
    reporter = client_for(ha)
    first = returned_story.history.earliest("history_date")
    assert "restore-link" not in reporter.get(compare_url(returned_story)).content.decode()
    history_page = reporter.get(history_url(returned_story)).content.decode()
    assert "Xem hoặc khôi phục" not in history_page
    data = form_data(client_for(huy).get(revision_url(returned_story, first)))
    assert reporter.post(revision_url(returned_story, first), data).status_code == 403
    assert Article.objects.get(pk=returned_story.pk).status == Status.IN_REVIEW
    assert Article.objects.get(pk=returned_story.pk).lead == "Bão số 3 đổ bộ vào Quảng Ninh."


def test_an_editor_restores_a_version_in_one_click_from_the_comparison(
    client_for, huy, returned_story
):
    editor = client_for(huy)
    returned_story.tags.add("Bão số 3", "Quảng Ninh")
    first = returned_story.history.earliest("history_date")
    page = editor.get(compare_url(returned_story, older=first))

    data = form_data(page, form_id=f"restore-{first.history_id}")
    response = editor.post(revision_url(returned_story, first), data)

    assert response.status_code == 302
    assert response["Location"] == change_url(returned_story)
    returned_story.refresh_from_db()
    assert (returned_story.body, returned_story.lead) == (first.body, first.lead)
    assert returned_story.status == Status.RETURNED  # restoring never moves the workflow
    assert sorted(returned_story.tags.names()) == ["Bão số 3", "Quảng Ninh"]
    assert rows(editor.get(history_url(returned_story)))[0].startswith(
        "Biên tập viên Lê Quang Huy khôi phục một phiên bản cũ lúc "
    )


def test_a_restore_made_stale_by_a_later_save_is_refused(client_for, huy, ha, returned_story):
    editor = client_for(huy)
    first = returned_story.history.earliest("history_date")
    page = editor.get(compare_url(returned_story, older=first))
    save(client_for(ha), returned_story, title="Sửa sau khi mở trang so sánh")

    response = editor.post(
        revision_url(returned_story, first), form_data(page, form_id=f"restore-{first.history_id}")
    )

    assert response.status_code == 200  # the form again, with the conflict said
    assert Article.objects.get(pk=returned_story.pk).title == "Sửa sau khi mở trang so sánh"


# English, for who asks


def test_the_history_speaks_english_to_who_asks(client_for, huy, returned_story):
    client = client_for(huy)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found = rows(client.get(history_url(returned_story)))
    assert found[0] == (
        "Editor Lê Quang Huy returned the story to the reporter at 20:03 04/12/2026 (GMT+7)"
        " — Reason: Thiếu ý kiến &lt;chuyên gia&gt;"
    )
    assert found[-1].startswith("Reporter Trần Thu Hà created the story at ")
    first = returned_story.history.earliest("history_date")
    page = client.get(compare_url(returned_story, older=first)).content.decode()
    assert "<h3>Lead</h3>" in page and "<h3>Body</h3>" in page
    assert "<h3>Nội dung</h3>" not in page


def test_names_and_reasons_are_escaped_everywhere(editor_client, ha):
    mallory = factories.editor(username="mallory", first_name="<script>alert(1)</script>")
    article = factories.story(ha)
    workflow.transition(article, "submit", ha)
    workflow.transition(article, "return", mallory, comment='</script><img src=x onerror="x">')
    for url in (history_url(article), compare_url(article)):
        page = editor_client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_step_recorded_without_a_revision_still_has_its_row(editor_client, ha, huy):
    article = factories.story(ha)
    article.history.update(history_user=ha)
    with time_machine.travel(RETURNED_AT, tick=False):
        article.transitions.create(
            from_status=Status.PUBLISHED, to_status=Status.WITHDRAWN, actor=huy, comment="Sai tên"
        )
    found = rows(editor_client.get(history_url(article)))
    assert "Biên tập viên Lê Quang Huy gỡ bài khỏi trang lúc 20:03 04/12/2026 (GMT+7)" in (
        " | ".join(found)
    )
    assert len(found) == 2


def test_someone_whose_account_is_gone_is_named_as_such(editor_client, ha):
    with time_machine.travel(RETURNED_AT, tick=False):
        article = factories.story(ha, title="Một")
    save(editor_client, article, title="Hai")
    article.history.update(history_user=None)
    found = rows(editor_client.get(history_url(article)))
    assert found[0].startswith("Ai đó sửa bài lúc ")


def test_an_edited_paragraph_is_compared_with_what_it_became_not_with_a_new_one():
    old = ["Gió mạnh cấp 10 ở Hải Phòng.", "Người dân sơ tán."]
    new = ["Tin mới nhất lúc 18 giờ.", "Gió mạnh cấp 12 ở Hải Phòng.", "Người dân đã sơ tán."]
    assert history.diff_blocks(old, new) == [
        [("insert", "Tin mới nhất lúc 18 giờ.")],
        [
            ("equal", "Gió mạnh cấp "),
            ("delete", "10"),
            ("insert", "12"),
            ("equal", " ở Hải Phòng."),
        ],
        [("equal", "Người dân "), ("insert", "đã "), ("equal", "sơ tán.")],
    ]
