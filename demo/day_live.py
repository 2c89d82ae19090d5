"""The demo's live blog: the newest public story is followed live, with six updates
(one key event, one pinned). Run twice, it adds nothing."""

import datetime

from articles.models import Article
from live.models import Coverage, Update

UPDATES = [
    # minutes before now, text, key event, pinned
    (95, "<p>Phóng viên đã có mặt tại hiện trường, người dân tập trung từ sáng sớm.</p>", 0, 0),
    (80, "<p>Ban tổ chức cho biết chương trình bắt đầu đúng 8 giờ.</p>", 0, 0),
    (
        62,
        "<p><strong>Chính thức khai mạc.</strong> Trưởng ban tổ chức chào mừng đại biểu.</p>",
        1,
        0,
    ),
    (40, "<p>Trời mưa nhẹ, nhiều gia đình dựng ô và vẫn ở lại theo dõi.</p>", 0, 0),
    (21, "<p>Một đại biểu đề xuất mở rộng chương trình sang các tỉnh miền Trung.</p>", 0, 0),
    (5, "<p>Bạn đọc gửi câu hỏi qua đường dây nóng; chúng tôi cập nhật liên tục.</p>", 0, 1),
]


def seed(now, users):
    story = Article.objects.public(now).order_by("-publication_at").first()
    if story is None or Coverage.objects.exists():
        return {"live coverages": 0, "live updates": 0}
    editor = users["bientap"]
    coverage = Coverage.objects.create(
        story=story, started_at=now - datetime.timedelta(minutes=100), created_by=editor
    )
    for minutes, body, key_event, pinned in UPDATES:
        Update.objects.create(
            coverage=coverage,
            author=users["phongvien"] if minutes % 2 else editor,
            at=now - datetime.timedelta(minutes=minutes),
            body=body,
            key_event=bool(key_event),
            pinned=bool(pinned),
        )
    return {"live coverages": 1, "live updates": len(UPDATES)}
