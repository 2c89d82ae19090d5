"""The topics a story belongs to, under the story (``{% part "story_topics" %}``): kept by
the story's id until the topics change (a changed story's page is made again, this part
is not: it shows the topics alone)."""

from newsroom.caching.parts import part

from .models import Topic


@part("story_topics", template="topics/includes/story_topics.html", tags=["topics"])
def story_topics(request, story):
    return {"topics": list(Topic.objects.active().filter(links__story_id=story).distinct())}
