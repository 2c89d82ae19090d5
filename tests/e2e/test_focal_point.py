"""Journey: on a photo's page the editor clicks the point that matters and drags a crop box
around it; after saving, the three crops show under the photo, and readers' cards show
the new crop."""

import pytest
from playwright.sync_api import expect

from images.models import Image

from .browser import Journey, log_in

pytestmark = pytest.mark.e2e


def test_the_editor_sets_a_photos_focal_point_and_readers_get_the_new_crop(newsroom, open_context):
    journey = Journey("focal-point")
    story = newsroom.others[0]
    image = story.featured_image
    editor = open_context().new_page()
    reader = open_context(phone=True).new_page()

    with journey.step("the editor clicks the focal point and drags a crop box", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/images/image/{image.pk}/change/")
        photo = editor.locator("[data-focal-editor] img")
        expect(photo).to_be_visible()
        frame = photo.bounding_box()

        def at(x, y):
            return frame["x"] + x * frame["width"], frame["y"] + y * frame["height"]

        editor.mouse.click(*at(0.8, 0.4))
        assert abs(float(editor.input_value("#id_focal_x")) - 0.8) < 0.02
        assert abs(float(editor.input_value("#id_focal_y")) - 0.4) < 0.02
        expect(editor.locator(".focal-editor__box")).to_be_hidden()

        editor.mouse.move(*at(0.5, 0.1))
        editor.mouse.down()
        editor.mouse.move(*at(0.7, 0.5), steps=4)
        editor.mouse.move(*at(0.95, 0.9), steps=4)
        editor.mouse.up()
        expect(editor.locator(".focal-editor__box")).to_be_visible()
        assert abs(float(editor.input_value("#id_crop_x")) - 0.5) < 0.02
        assert abs(float(editor.input_value("#id_crop_w")) - 0.45) < 0.02
        journey.snap(editor, "focal point and crop box", phone=False)

    with journey.step("after saving, the three crops show under the photo", editor):
        editor.click("input[name=_continue]")
        expect(editor.locator(".messagelist .success").first).to_be_visible()
        expect(editor.locator(".crop-previews img")).to_have_count(3)
        image = Image.objects.get(pk=image.pk)
        assert abs(image.focal_x - 0.8) < 0.02 and abs(image.crop_x - 0.5) < 0.02
        journey.snap(editor, "crops after save", phone=False)

    with journey.step("readers' cards show the new crop", reader):
        reader.goto(story.section.get_absolute_url())
        names = {row[4] for row in image.crop_list}
        sources = reader.locator(".card__media img").evaluate_all(
            "images => images.map(image => image.getAttribute('src'))"
        )
        assert any(src.split("/media/", 1)[-1] in names for src in sources), sources
