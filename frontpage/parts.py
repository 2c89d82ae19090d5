"""The home page's topic box (``{% part "home_topic" topic=… %}``, from
``templates/frontpage/home_topic.html`` after the spotlight): the topic or series the live
edition features, its cover, its description and its newest public stories.

Which topic comes with the home page's lists (``lists.Spotlight.topic_id``, kept under
"boards" with the edition's slots): a scheduled edition's topic shows at its minute. The
box is kept per topic until the topic (its title, its stories' places), a story, a section
or a board changes: a story withdrawn leaves it at once, a renamed topic shows at once.
Made, it costs one query (``lists.topic_box``). A preview passes its draft's topic the
same way and, like every part outside a reader's page, is made afresh and kept nowhere."""

from newsroom.caching.parts import part

from . import lists


@part(
    "home_topic",
    template="frontpage/parts/home_topic.html",
    # "sections": each story shows its section's name; "boards": the cover a featured
    # topic shows (frontpage.signals.image_changed).
    tags=["boards", "topics", "stories", "sections"],
)
def home_topic(request, topic):
    box = lists.topic_box(topic) if topic else None
    if box is None:
        return {}
    topic, stories = box
    return {"topic": topic, "stories": stories}
