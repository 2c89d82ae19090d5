"""The demo's readers' comments (see ``demo.day``): a few approved ones under the newest
public story, one with a reply, and one waiting in the moderators' queue, so the story's
comments and the queue are both filled. The editor (``bientap``) approved them."""

import datetime

from articles.models import Article
from comments.models import Comment, Status

COMMENTS = [
    {
        "name": "Nguyễn Minh Đức",
        "text": "Thông tin rất kịp thời. Mong tòa soạn tiếp tục cập nhật diễn biến.",
        "minutes_ago": 50,
        "likes": 12,
    },
    {
        "name": "Phạm Thị Lan",
        "text": "Ở xã tôi bà con đã chuẩn bị từ hôm qua, chính quyền hỗ trợ rất nhanh.",
        "minutes_ago": 35,
        "likes": 4,
        "reply_to": 0,
    },
    {
        "name": "Trần Văn Hòa",
        "text": "Nên có thêm số đường dây nóng của địa phương để người dân liên hệ khi cần.",
        "minutes_ago": 20,
        "likes": 7,
    },
    {
        "name": "Lê Hoàng",
        "text": "Bài viết hay nhưng thiếu số liệu so sánh với năm ngoái.",
        "minutes_ago": 5,
        "status": Status.PENDING,
    },
]


def seed(now, users):
    story = Article.objects.public(now).order_by("-publication_at").first()
    if story is None or Comment.objects.filter(story=story).exists():
        return {"comments": 0}
    editor = users.get("bientap")
    made = []
    for comment in COMMENTS:
        at = max(now - datetime.timedelta(minutes=comment["minutes_ago"]), story.publication_at)
        status = comment.get("status", Status.APPROVED)
        approved = status == Status.APPROVED
        made.append(
            Comment.objects.create(
                story=story,
                parent=made[comment["reply_to"]] if "reply_to" in comment else None,
                name=comment["name"],
                email="",
                text=comment["text"],
                status=status,
                likes=comment.get("likes", 0),
                created_at=at,
                moderated_by=editor if approved else None,
                moderated_at=at + datetime.timedelta(minutes=2) if approved else None,
            )
        )
    return {"comments": len(made)}
