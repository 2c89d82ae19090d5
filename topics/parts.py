"""The topics a story belongs to, under the story (``{% part "story_topics" %}``): kept by
the story's id until topics or stories change."""

from newsroom.caching.parts import part

from .models import Topic


@part("story_topics", template="topics/includes/story_topics.html", tags=["topics", "stories"])
def story_topics(request, story):
    return {"topics": list(Topic.objects.active().filter(links__story_id=story).distinct())}
