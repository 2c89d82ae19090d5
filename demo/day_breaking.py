"""The demo's breaking news: one "developing" banner across every page, linking the
newest public story, live for two hours from the seeding. Run twice, it adds nothing.
(The demo weather is dated when seed_demo first fills it: older than WEATHER_MAX_AGE,
its box hides itself, as it would on a real site.)"""

import datetime

from articles.models import Article
from breaking.models import Banner, Level

TEXT = "Mưa lớn kéo dài ở các tỉnh miền Trung, nhiều tuyến đường ngập sâu"


def seed(now, users):
    if Banner.objects.filter(text=TEXT).exists():
        return {"breaking banners": 0}
    banner = Banner(
        text=TEXT,
        article=Article.objects.public(now).order_by("-publication_at").first(),
        level=Level.DEVELOPING,
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
        created_by=users["bientap"],
    )
    banner.full_clean()
    banner.save()
    return {"breaking banners": 1}
