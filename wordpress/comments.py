"""Readers' comments of the imported posts: the one step left to wire once the comments
app lands (issue 16, part 1).

The export's parser already gives each post its comments (``wxr.Post.comments``, each a
``wxr.Comment``: author, email, address, time, text, parent, WordPress's approval). What
readers saw under a post are its approved comments (``Comment.is_approved_comment``:
approved, and not a pingback or trackback); those are what become approved comments here,
replies kept one level deep under their parent. Pending, spam and trashed comments, and
pingbacks, are not imported.

``save_comments`` is called for every imported story. Until a ``comments`` app is
installed it saves nothing and the summary says how many approved comments wait for it;
with the app installed, its body is where they are saved (recording each as
``ImportedItem(kind="comment")`` so that a second run does not save it twice)."""

from django.apps import apps


def approved(comments):
    """The comments readers saw, in the export's order."""
    return [comment for comment in comments if comment.is_approved_comment]


def comments_installed():
    return apps.is_installed("comments")


def save_comments(article, comments):
    """Save the approved ``comments`` of ``article``'s post; return how many were saved,
    or ``None`` when they could not be (no comments app: the summary counts them)."""
    if not approved(comments) or not comments_installed():
        return None
    # Wired by the lead when the comments app is merged: create each approved comment
    # (approved by nobody, at its WordPress time), replies under their parent's record.
    return None
