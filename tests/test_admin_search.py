"""The desk's search box agrees with the reader's search: every word, accents optional, whole
words only, so ``hoi nghi`` finds ``Hội nghị`` and not ``nghiệm`` or ``nghiên``."""

import pytest

from articles.models import Article
from tests import factories
from tests.factories import changelist_url

TITLES = {
    "Hội nghị Trung ương khai mạc": True,
    "Bế mạc hội nghị về biển đảo": True,
    "Hội đồng nghiệm thu đề tài cấp nhà nước": False,
    "Nghiên cứu mới của hội y học": False,
    "Kinh nghiệm của hội nông dân": False,
    "Hội thảo nghiên cứu vật liệu mới": False,
    "Hội chợ du lịch mùa thu": False,
    "Thử nghiệm vắc xin tại Hà Nội": False,
    "Nghỉ lễ Quốc khánh kéo dài bốn ngày": False,
    "Hội khỏe Phù Đổng toàn quốc": False,
    "Nghiêm trị hành vi gian lận thi cử": False,
}


@pytest.fixture
def stories(reporter):
    return {
        title: factories.story(reporter, title=title, lead="Tin trong ngày.") for title in TITLES
    }


def found(client, term):
    response = client.get(changelist_url(), {"q": term})
    assert response.status_code == 200
    return {a.title for a in response.context["cl"].result_list}


def test_hoi_nghi_finds_the_two_stories_about_a_conference(editor_client, stories):
    wanted = {title for title, match in TITLES.items() if match}
    assert found(editor_client, "hoi nghi") == wanted
    assert found(editor_client, "Hội nghị") == wanted
    assert len(wanted) == 2 and len(stories) == 11


def test_a_word_must_be_whole(editor_client, stories):
    # "nghỉ" is "nghi" without its accent; "nghiệm" is another word.
    assert found(editor_client, "nghi") == {
        *(t for t, match in TITLES.items() if match),
        "Nghỉ lễ Quốc khánh kéo dài bốn ngày",
    }
    assert found(editor_client, "nghiem") == {
        "Hội đồng nghiệm thu đề tài cấp nhà nước",
        "Kinh nghiệm của hội nông dân",
        "Thử nghiệm vắc xin tại Hà Nội",
        "Nghiêm trị hành vi gian lận thi cử",
    }


def test_the_lead_and_body_count_too(editor_client, stories):
    story = stories["Hội chợ du lịch mùa thu"]
    Article.objects.filter(pk=story.pk).update(search_text="")
    story.body = "<p>Bên lề hội nghị, các đại biểu tham quan hội chợ.</p>"
    story.save()
    assert story.title in found(editor_client, "hoi nghi")


def test_a_query_without_words_is_the_whole_list(editor_client, stories):
    # Nothing of it reaches the database as syntax.
    assert found(editor_client, "&|!():* <->") == set(TITLES)
    assert found(editor_client, "   ") == set(TITLES)
