"""Request size limits: the front server lets through what the application accepts (an
image upload and its form) and no more, and form fields are held in memory only up to
Django's default, which a long story in the admin still fits in."""

import re
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article, Status
from tests import factories
from tests.factories import change_url, form_data

NGINX = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
PARAGRAPH = (
    "Theo Bộ Y tế, trong tuần qua cả nước ghi nhận hơn 2.000 ca sốt xuất huyết, tăng 15% so "
    "với tuần trước; các tỉnh phía Nam chiếm phần lớn số ca, đặc biệt là Thành phố Hồ Chí "
    "Minh, Đồng Nai và Bình Dương. "
)


def test_the_front_server_lets_through_an_upload_the_app_accepts_and_no_more():
    (size,) = re.findall(r"^\s*client_max_body_size\s+(\d+)m;", NGINX.read_text(), re.MULTILINE)
    assert int(size) * 1024 * 1024 == settings.REQUEST_MAX_BYTES
    # An image at the limit and its form fit; the margin is the form, not another image.
    assert 0 < settings.REQUEST_MAX_BYTES - settings.IMAGE_MAX_BYTES <= 1024 * 1024


def long_story_body(words=12_000):
    paragraphs, count = [], 0
    while count < words:
        paragraphs.append(f"<p>{PARAGRAPH * 3}</p>")
        count += 3 * len(PARAGRAPH.split())
        if len(paragraphs) % 10 == 0:
            paragraphs.append("<h2>Diễn biến mới nhất tại các địa phương</h2>")
    return "\n".join(paragraphs)


@pytest.mark.django_db
def test_form_fields_stay_under_djangos_default_and_a_long_story_still_saves(
    editor_client, reporter
):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    article = factories.story(reporter, title="Bài dài", status=Status.DRAFT)
    body = long_story_body()
    data = form_data(editor_client.get(change_url(article)), body=body)
    posted = len(urllib.parse.urlencode(data, doseq=True))
    assert posted > 100_000  # measured: 12,000 words post about 0.14 MiB

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).body.count("<p>") == body.count("<p>")
