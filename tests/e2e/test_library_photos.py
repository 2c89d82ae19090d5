"""A reporter inserts a photo from the library into a story's body: the editor's "photo
from library" button, a search typed without accents, a click on the thumbnail; the photo
arrives with its caption and credit, names its library record, and readers see it so."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .browser import Journey, choose, log_in

pytestmark = pytest.mark.e2e


def test_reporter_inserts_a_library_photo_with_its_caption_and_credit(newsroom, open_context):
    journey = Journey("library photo")
    page = open_context().new_page()
    photo = newsroom.photo

    with journey.step("opens a new story", page):
        log_in(page, newsroom.reporter)
        page.goto("/quan-tri/articles/article/add/")
        expect(page.locator(".ck-editor__editable")).to_be_visible()
        page.fill("#id_title", "Mùa lúa chín ở Đồng Tháp")
        page.fill("#id_lead", "Nông dân Đồng Tháp bước vào vụ gặt.")
        page.locator(".ck-editor__editable").click()
        page.keyboard.type("Vụ gặt bắt đầu sớm.")

    with journey.step("finds the photo in the library without typing accents", page):
        page.locator(".library-dialog__button").click()
        dialog = page.locator("dialog.library-dialog")
        expect(dialog).to_be_visible()
        dialog.locator("input[type=search]").fill("dong thap minh anh")
        card = dialog.locator(f".library-dialog__item[data-image='{photo.pk}']")
        expect(card).to_contain_text("Cánh đồng lúa chín ở Đồng Tháp")
        expect(dialog.locator(".library-dialog__item")).to_have_count(1)
        card.click()
        expect(dialog).to_be_hidden()

    with journey.step("gets it with its caption and credit, and may edit the caption", page):
        figure = page.locator(".ck-editor__editable figure.image")
        expect(figure.locator("img")).to_have_attribute("alt", photo.alt_text)
        expect(figure.locator("figcaption")).to_contain_text("Cánh đồng lúa chín ở Đồng Tháp")
        expect(figure.locator("figcaption .credit")).to_have_text("Ảnh: Minh Anh")
        figure.locator("figcaption").click()
        page.keyboard.press("Home")
        page.keyboard.type("Sáng nay: ")

    with journey.step("saves the story: the body names the library photo", page):
        choose(page, "section", "khoa", "Khoa học")
        page.click("#article_form [name=_continue]")
        expect(page.locator(".messagelist .success")).to_be_visible()
        article = Article.objects.get(title="Mùa lúa chín ở Đồng Tháp")
        assert f'data-image="{photo.pk}"' in article.body
        assert "Sáng nay: Cánh đồng lúa chín ở Đồng Tháp" in article.body
        assert '<span class="credit">Ảnh: Minh Anh</span>' in article.body
        assert list(article.body_images.all()) == [photo]
