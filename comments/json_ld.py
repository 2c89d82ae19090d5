"""A story's JSON-LD: ``commentCount`` (the approved comments readers see) and, for the
newest of them, schema.org ``Comment`` entries. Read from the kept thread: no query of its
own."""

from articles.seo import iso

from .parts import thread_of

NEWEST = 10


def add_comments(article, json_ld, request):
    thread = thread_of(article.pk, request)
    if not thread.count:
        return
    json_ld["commentCount"] = thread.count
    json_ld["comment"] = [
        {
            "@type": "Comment",
            "text": comment.text,
            "dateCreated": iso(comment.created_at),
            "author": {"@type": "Person", "name": comment.name},
        }
        for comment in thread.comments[:NEWEST]
    ]
