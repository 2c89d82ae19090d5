"""The slots of each curated page, described once. An editor fills them; what is left
empty is filled from the newest public stories."""

from django.utils.translation import gettext_lazy as _

LEAD = "lead"
SUBLEADS = "subleads"
SPOTLIGHT = "spotlight"

# name -> (label, how many stories)
HOME = {
    LEAD: (_("Lead story"), 1),
    SUBLEADS: (_("Sub-leads"), 4),
    SPOTLIGHT: (_("Spotlight"), 3),
}
SECTION = {
    LEAD: (_("Lead story"), 1),
    SUBLEADS: (_("Sub-leads"), 3),
}

# The home page's topic box, after the spotlight: a topic or series an editor features
# (``Edition.topic``), with its newest public stories, pinned ones first. One per edition.
TOPIC = "topic"
TOPIC_BOX = (_("Featured topic"), 3)  # (label, how many of its stories)


def for_board(board):
    """The layout of ``board``: the home page's, or a top-level section's."""
    return HOME if board.section_id is None else SECTION


def has_topic_box(board):
    """Whether ``board``'s page shows a topic box: the home page's only."""
    return board.section_id is None


def capacity(layout):
    return sum(count for _label, count in layout.values())
