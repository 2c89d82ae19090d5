"""Vietnamese text: slugs that transliterate correctly, diacritic folding for search, and
addresses that keep working when a title changes."""

import pytest

from articles.models import Article
from newsroom.text import fold, vietnamese_slugify
from tests import factories


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Đại hội Đảng lần thứ XIII", "dai-hoi-dang-lan-thu-xiii"),
        ("đường Nguyễn Huệ ngập sâu sau mưa", "duong-nguyen-hue-ngap-sau-sau-mua"),
        ("ĐẮK LẮK: Cà phê được mùa", "dak-lak-ca-phe-duoc-mua"),
        ("Giá xăng tăng 1.000 đồng/lít từ 15h", "gia-xang-tang-1000-donglit-tu-15h"),
        ("COVID-19: thêm 5 ca mắc mới", "covid-19-them-5-ca-mac-moi"),
        ("  Hà Nội  –  TP.HCM  ", "ha-noi-tphcm"),
        ("Ủy ban nhân dân tỉnh Quảng Ngãi", "uy-ban-nhan-dan-tinh-quang-ngai"),
        # Composed and decomposed spellings give the same slug.
        ("Tiếng Việt", "tieng-viet"),
        ("Tie\u0302\u0301ng Vie\u0323\u0302t", "tieng-viet"),
        ("Bão số 3 🌀 đổ bộ", "bao-so-3-do-bo"),
        # Ð/ð (U+00D0/U+00F0), typed for Đ/đ by old Vietnamese keyboards.
        ("\u00d0à Nẵng \u00f0ón bão", "da-nang-don-bao"),
    ],
)
def test_vietnamese_titles_transliterate(title, slug):
    assert vietnamese_slugify(title) == slug


@pytest.mark.parametrize("title", ["", "   ", "!!! ??? …", "“—”", "🌀🌀", "中国新闻", "-- -- --"])
def test_titles_without_letters_get_a_fallback_slug(title):
    assert vietnamese_slugify(title) == "bai-viet"


def test_a_very_long_title_is_cut_at_a_word_boundary():
    title = " ".join(["Thành phố Hồ Chí Minh đẩy nhanh tiến độ dự án"] * 8)[:250]
    full = vietnamese_slugify(title, max_length=10_000)
    slug = vietnamese_slugify(title)
    assert len(full) > 200
    assert len(slug) <= 200
    assert full.startswith(slug)
    assert full[len(slug)] == "-"  # the next character begins a new word
    assert not slug.endswith("-")


def test_a_single_endless_word_is_cut_at_the_limit():
    slug = vietnamese_slugify("Đ" * 300)
    assert slug == "d" * 200


def test_every_cut_respects_the_limit():
    for length in range(190, 215):
        title = "ă " * (length // 2) + "b" * (length % 7)
        assert len(vietnamese_slugify(title)) <= 200


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Hội nghị", "hoi nghi"),
        ("ĐẢNG", "dang"),
        ("Đường", "duong"),
        ("Tie\u0302\u0301ng", "tieng"),
        ("Nghị quyết 57-NQ/TW", "nghi quyet 57-nq/tw"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_diacritics_and_case(text, folded):
    assert fold(text) == folded


# Stories


def test_story_slug_comes_from_its_title(reporter):
    article = factories.story(reporter, title="Đại hội Đảng lần thứ XIII")
    assert article.slug == "dai-hoi-dang-lan-thu-xiii"
    assert article.get_absolute_url() == f"/dai-hoi-dang-lan-thu-xiii-{article.pk}.html"


def test_a_250_character_title_saves(reporter):
    title = ("Người dân vùng lũ miền Trung khẩn trương khắc phục hậu quả " * 5)[:250]
    article = factories.story(reporter, title=title)
    article.refresh_from_db()
    assert len(article.title) == 250
    assert 0 < len(article.slug) <= 200


def test_a_punctuation_title_still_has_an_address(client, reporter):
    article = factories.story(reporter, title="???", published=True)
    assert article.get_absolute_url() == f"/bai-viet-{article.pk}.html"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_changing_the_title_redirects_the_old_address_permanently(client, reporter):
    article = factories.story(reporter, title="Giá vàng tăng mạnh", published=True)
    old_url = article.get_absolute_url()
    article.title = "Giá vàng giảm mạnh"
    article.save()
    new_url = article.get_absolute_url()
    assert new_url == f"/gia-vang-giam-manh-{article.pk}.html"

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_any_wrong_slug_redirects_to_the_right_one(client, reporter):
    article = factories.story(reporter, title="Giá vàng tăng mạnh", published=True)
    response = client.get(f"/mot-ten-khac-{article.pk}.html")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_an_old_address_of_an_unpublished_story_does_not_reveal_its_new_title(client, reporter):
    article = factories.story(reporter, title="Tin chưa đăng")
    old_url = article.get_absolute_url()
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề mật", slug="tieu-de-mat")
    response = client.get(old_url)
    assert response.status_code == 404
    assert "tieu-de-mat" not in response.get("Location", "")


def test_a_taken_slug_gets_the_next_free_number_within_its_length():
    from newsroom.text import numbered_slug

    assert numbered_slug("thoi-su", set(), 100) == "thoi-su"
    assert numbered_slug("thoi-su", {"thoi-su", "thoi-su-2"}, 100) == "thoi-su-3"
    assert numbered_slug("a" * 10, {"a" * 10}, 10) == "a" * 8 + "-2"
