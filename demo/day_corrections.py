"""The demo's corrections (see ``demo.day``): one correction at the end of a public story
and one update note above another, so /dinh-chinh/ and both places on a story are filled."""

import datetime

from articles.models import Article
from corrections.models import Correction, Kind

NOTES = [
    {
        "story": "Hải Phòng vận hành trung tâm điều hành giao thông mới",
        "kind": Kind.CORRECTION,
        "text": (
            "Bản trước ghi trung tâm kết nối 150 camera; con số đúng là 105 camera "
            "tại các nút giao chính. Chúng tôi xin lỗi bạn đọc."
        ),
        "hours_ago": 2,
    },
    {
        "story": "Miền Trung chủ động phương án ứng phó đợt mưa lớn cuối tuần",
        "kind": Kind.UPDATE,
        "text": (
            "Cập nhật lúc chiều: tỉnh đã sơ tán thêm 320 hộ dân ở vùng trũng thấp "
            "và tạm dừng các chuyến tàu ra khơi."
        ),
        "hours_ago": 1,
    },
]


def seed(now, users):
    public = Article.objects.public(now).order_by("-publication_at")
    found = {story.title: story for story in public.filter(title__in=[n["story"] for n in NOTES])}
    fallback = list(public[: len(NOTES)])
    created_count = 0
    for position, note in enumerate(NOTES):
        story = found.get(note["story"]) or (
            fallback[position] if position < len(fallback) else None
        )
        if story is None:
            continue
        if Correction.objects.filter(story=story, text=note["text"]).exists():
            continue
        Correction.objects.create(
            story=story,
            kind=note["kind"],
            text=note["text"],
            at=max(now - datetime.timedelta(hours=note["hours_ago"]), story.publication_at),
            created_by=users.get("bientap"),
        )
        created_count += 1
    return {"corrections": created_count}
