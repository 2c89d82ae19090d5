"""The demo's topics (see ``demo.day``): a topic on the rainy season in central Vietnam and
a series on smart city traffic, each gathering public demo stories, one pinned."""

from articles.models import Article
from topics.models import Topic, TopicStory

TOPICS = [
    {
        "kind": Topic.Kind.TOPIC,
        "title": "Mùa mưa bão miền Trung",
        "description": (
            "Các tỉnh miền Trung bước vào cao điểm mưa lũ. Tin tức về công tác ứng phó, "
            "những khu rừng ven biển che chắn cho làng và cách người dân chủ động giữ an toàn."
        ),
        "stories": [
            "Miền Trung chủ động phương án ứng phó đợt mưa lớn cuối tuần",
            "Rừng ngập mặn ven biển được trồng mới 40 ha sau một năm",
            "Đồng bằng sông Cửu Long trước mùa khô: nông dân chủ động trữ nước ngọt",
        ],
    },
    {
        "kind": Topic.Kind.SERIES,
        "title": "Giao thông đô thị thông minh",
        "description": (
            "Loạt bài về cách các thành phố lớn dùng công nghệ để bớt ùn tắc: xe buýt điện, "
            "đèn tín hiệu tự điều chỉnh và những trung tâm điều hành mới."
        ),
        "stories": [
            "Hải Phòng vận hành trung tâm điều hành giao thông mới",
            "Đà Nẵng chạy thử tuyến xe buýt điện ven biển nối hai đầu thành phố",
            "Hà Nội thí điểm đèn tín hiệu tự điều chỉnh tại 12 nút giao cửa ngõ",
        ],
    },
]


def seed(now, users):
    topics = links = 0
    for data in TOPICS:
        topic, created = Topic.objects.get_or_create(
            title=data["title"],
            defaults={"kind": data["kind"], "description": data["description"]},
        )
        topics += created
        found = {s.title: s for s in Article.objects.public(now).filter(title__in=data["stories"])}
        stories = [found[title] for title in data["stories"] if title in found]
        for position, story in enumerate(stories):
            _link, created = TopicStory.objects.get_or_create(
                topic=topic,
                story=story,
                # The first story of each is pinned on top of the topic's page.
                defaults={"pinned": position == 0, "order": 1 if position == 0 else 0},
            )
            links += created
    return {"topics": topics, "stories in topics": links}
