"""A top-level section's page shows its board's live edition on top of its first page, with
every cache layer on as readers get it (and off): the lead and sub-leads from the
edition's minute, a slot's own title and lead on that page only, a withdrawn story
replaced at once, empty slots filled from the section's newest stories, nothing twice;
sub-sections, page 2 and sections without a board as before, in a fixed number of
queries."""

import datetime
import html

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import lists as article_lists
from articles.models import Article, Status
from frontpage import layouts
from frontpage.models import Board, Edition, Slot
from newsroom.caching import cdn, tags
from newsroom.caching.store import near
from tests import factories

from .conftest import edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reader_caches")]
MINUTE = datetime.timedelta(minutes=1)
ON_TOP = layouts.SECTION[layouts.LEAD][1] + layouts.SECTION[layouts.SUBLEADS][1]


def board_of(section):
    return Board.objects.get_or_create(section=section)[0]


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return html.unescape(response.content.decode())


def main(text):
    """The page's main column (the "most read" box beside it left out)."""
    return text.split('class="layout__main"', 1)[1].split('class="layout__aside"', 1)[0]


def top(text):
    """The curated top of a section's page ('' when it has none)."""
    if 'class="home-top"' not in text:
        return ""
    return text.split('class="home-top"', 1)[1].split("</section>", 1)[0]


def listed(text):
    """The list of stories under it."""
    return text.split('class="story-list"', 1)[1].split("</ul>", 1)[0]


def titles(region, stories):
    """The titles of ``stories`` found in ``region``, in the order they appear there."""
    found = [story.title for story in stories if f">{story.title}<" in region]
    return sorted(found, key=lambda title: region.index(f">{title}<"))


@pytest.fixture
def address(section):
    return section.get_absolute_url()


def test_the_lead_and_sub_leads_are_the_editors_choice(client, section, stories, address):
    assert top(page(client, address)) == ""

    edition(board=board_of(section), lead=[stories[-1]], subleads=stories[5:8])

    shown = page(client, address)
    assert titles(top(shown), stories) == [stories[n].title for n in (9, 5, 6, 7)]
    # The lead is the big card, the sub-leads the tiles under it.
    assert f'<h2 class="card__title"><a href="{stories[-1].get_absolute_url()}">' in top(shown)
    assert top(shown).count('class="card card--tile"') == 3


def test_a_scheduled_edition_goes_live_at_its_minute_with_nobody_saving(
    client, section, stories, address
):
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        edition(
            board=board_of(section),
            status=Edition.Status.SCHEDULED,
            publish_at=now + 10 * MINUTE,
            lead=[stories[-1]],
        )
        assert stories[-1].title not in top(page(client, address))
    with time_machine.travel(now + 10 * MINUTE - datetime.timedelta(seconds=1), tick=False):
        assert stories[-1].title not in top(page(client, address))
    with time_machine.travel(now + 10 * MINUTE, tick=False):
        assert titles(top(page(client, address)), stories)[0] == stories[-1].title


def test_the_newer_live_edition_replaces_the_older_at_its_minute(client, section, stories, address):
    board = board_of(section)
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        edition(board=board, publish_at=now - 10 * MINUTE, lead=[stories[8]])
        edition(
            board=board,
            status=Edition.Status.SCHEDULED,
            publish_at=now + 5 * MINUTE,
            lead=[stories[9]],
        )
        assert titles(top(page(client, address)), stories)[0] == stories[8].title
    with time_machine.travel(now + 5 * MINUTE, tick=False):
        assert titles(top(page(client, address)), stories)[0] == stories[9].title


def test_a_slots_own_title_and_lead_show_on_the_section_page_only(
    client, section, stories, address
):
    story = stories[-1]
    edition(
        board=board_of(section),
        lead=[(story, {"title": "Tiêu đề riêng cho chuyên mục", "lead": "Sapo riêng <b>"})],
    )

    response = client.get(address)
    assert "Sapo riêng &lt;b&gt;" in response.content.decode()  # plain text, escaped
    shown = html.unescape(response.content.decode())
    assert "Tiêu đề riêng cho chuyên mục" in top(shown)
    assert "Sapo riêng <b>" in top(shown)
    assert story.title not in main(shown)
    # The story keeps its own title everywhere else: its page, the home page.
    for elsewhere in (story.get_absolute_url(), "/"):
        text = page(client, elsewhere)
        assert story.title in text
        assert "Tiêu đề riêng cho chuyên mục" not in text
        assert "Sapo riêng" not in text


def test_a_withdrawn_story_leaves_its_slot_at_once(client, section, stories, address):
    story = stories[-1]
    edition(board=board_of(section), lead=[story], subleads=[stories[4]])
    assert titles(top(page(client, address)), stories)[0] == story.title

    story.status = Status.DRAFT
    story.save()

    shown = page(client, address)
    assert story.title not in shown
    # Its slot falls back to the newest story; the chosen sub-lead stays.
    assert titles(top(shown), stories) == [stories[n].title for n in (0, 4, 1, 2)]


def test_empty_slots_are_filled_from_the_sections_newest(client, section, stories, address):
    elsewhere = factories.ArticleFactory(
        section=factories.SectionFactory(name="Thế giới"),
        title="Tin mới nhất của chuyên mục khác",
        published=True,
        publication_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    made = edition(board=board_of(section), lead=[stories[6]])
    Slot.objects.create(edition=made, name=layouts.SUBLEADS, position=1, story=stories[3])

    shown = top(page(client, address))
    # The lead and the second sub-lead as chosen; the others the section's newest left.
    assert titles(shown, stories) == [stories[n].title for n in (6, 0, 3, 1)]
    assert elsewhere.title not in shown


def test_a_story_from_another_section_may_be_chosen(client, section, stories, address):
    other = factories.ArticleFactory(
        section=factories.SectionFactory(name="Thế giới"),
        title="Tin chọn từ chuyên mục khác",
        published=True,
    )
    edition(board=board_of(section), lead=[other])

    assert f">{other.title}<" in top(page(client, address))


def test_nothing_is_shown_twice_on_the_first_page(client, section, stories, address):
    edition(board=board_of(section), lead=[stories[3]], subleads=[stories[0]])

    shown = page(client, address)
    curated = titles(top(shown), stories)
    assert len(curated) == ON_TOP
    for story in stories:
        assert main(shown).count(f">{story.title}<") == 1, story.title
    # The list under the top: the first page's stories, newest first, less the curated.
    assert titles(listed(shown), stories) == [s.title for s in stories if s.title not in curated]


def test_sub_sections_and_the_next_pages_are_as_before(client, section, address):
    child = factories.SectionFactory(name="Giao thông", parent=section)
    now = timezone.now()
    stories = [
        factories.ArticleFactory(
            section=child,
            title=f"Tin giao thông {n:02}",
            published=True,
            publication_at=now - datetime.timedelta(hours=n + 1),
        )
        for n in range(30)
    ]
    child_address = child.get_absolute_url()
    before = {a: main(page(client, a)) for a in (child_address, f"{address}?page=2")}
    cache.clear()
    near.clear()

    edition(board=board_of(section), lead=[stories[-1]], subleads=stories[:3])
    # A board made for the sub-section is not shown there either: boards are top-level.
    edition(board=board_of(child), lead=[stories[-2]])

    assert stories[-1].title in top(page(client, address))
    for shown_at, was in before.items():
        assert main(page(client, shown_at)) == was, shown_at
    # Page 2 goes on where the first page's list ends, curated stories or not.
    assert titles(listed(page(client, f"{address}?page=2")), stories) == [
        s.title for s in stories[20:]
    ]


def test_without_a_live_edition_the_page_is_as_before(
    client, section, stories, address, monkeypatch
):
    other = factories.SectionFactory(name="Thế giới")
    edition(board=board_of(other), lead=[stories[-1]])  # another section's board
    edition(board=board_of(section), status=Edition.Status.DRAFT, lead=[stories[-1]])
    edition(
        board=board_of(section),
        status=Edition.Status.SCHEDULED,
        publish_at=timezone.now() + 60 * MINUTE,
        lead=[stories[-1]],
    )
    with_boards = main(page(client, address))
    cache.clear()
    near.clear()

    monkeypatch.delitem(article_lists.front_pages, "section")
    without = main(page(client, address))

    assert with_boards == without
    assert top(with_boards) == ""
    assert titles(listed(with_boards), stories) == [s.title for s in stories]


def test_editing_a_slots_own_photo_shows_at_once(section, stories, commit):
    photo = factories.ImageFactory()
    with commit():
        edition(board=board_of(section), lead=[(stories[0], {"image": photo})])
    before = tags.read()[0]["boards"]

    photo.alt_text = "Ảnh mới của ô tin"
    with commit():
        photo.save()

    assert tags.read()[0]["boards"] != before


def count(client, address):
    cache.clear()
    near.clear()
    with CaptureQueriesContext(connection) as queries:
        page(client, address)
    return queries


def more_stories(section, number):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Tin thêm {n}",
            slug=f"tin-them-{n}",
            lead=f"Tóm tắt của tin thêm {n}.",
            body=f"<p>Nội dung tin thêm {n}.</p>",
            section=section,
            status=Status.PUBLISHED,
            publication_at=now - datetime.timedelta(days=1, minutes=n),
        )
        for n in range(number)
    )


def test_queries_do_not_grow_with_the_stories_or_the_slots(client, section, address):
    stories = [
        factories.ArticleFactory(section=section, published=True, featured_image=photo)
        for photo in factories.ImageFactory.create_batch(5)
    ]
    page(client, address)  # the site's settings made once, as on any first visit
    edition(board=board_of(section), lead=[(stories[0], {"image": stories[1].featured_image})])
    one = len(count(client, address))

    Edition.objects.all().delete()
    more_stories(section, 45)
    edition(
        board=board_of(section),
        lead=[(stories[4], {"title": "Tiêu đề riêng"})],
        subleads=[stories[3], (stories[2], {"image": stories[0].featured_image}), stories[1]],
    )
    assert Article.objects.public().count() == 50
    assert len(count(client, address)) == one


def test_what_a_board_costs(client, section, stories, address, reader_caches, monkeypatch):
    """Caches off, a section without a board pays one query (is an edition live?), with a
    board one more (its stories, in one). Caches on, after a story changed, the slots
    are still kept: a section without a board pays nothing more, one with a board its
    stories."""

    def after_a_story_changed():
        if reader_caches == "caches-off":
            return count(client, address)
        page(client, address)
        tags.bump("stories")
        with CaptureQueriesContext(connection) as queries:
            page(client, address)
        return queries

    page(client, address)  # the site's settings made once, as on any first visit
    with monkeypatch.context() as unregistered:
        unregistered.delitem(article_lists.front_pages, "section")
        before = len(after_a_story_changed())
    no_board = after_a_story_changed()
    edition(board=board_of(section), lead=[stories[5]], subleads=stories[6:9])
    board = after_a_story_changed()

    boards = [q for q in board.captured_queries if "frontpage_" in q["sql"]]
    if reader_caches == "caches-off":
        assert len(no_board) == before + 1
        assert len(board) == before + 2
        assert len(boards) == 1
    else:
        assert len(no_board) == before
        assert len(board) == before + 1
        assert boards == []


def test_a_board_change_names_the_sections_page_for_the_cdn(section, stories, commit, monkeypatch):
    purged = []
    monkeypatch.setattr(cdn, "pages_changed", lambda paths=(): purged.append(set(paths)))
    with commit():
        edition(board=board_of(section), lead=[stories[0]])

    assert purged and all(paths == {"/", section.get_absolute_url()} for paths in purged)
