"""The image library in the admin: thumbnails, sizes and where each image is used; search
without accents; filters; the featured-image picker with thumbnails; which images lack
alt text; and no deleting an image that a story shows."""

import datetime

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from images.models import Image, Rendition
from tests import factories
from tests.images import pictures
from tests.images.test_markup import Tags

LIBRARY = "admin:images_image_changelist"


def library_image(size=(800, 533), **fields):
    image = Image(file=pictures.upload(pictures.photo(size=size)), **fields)
    image.save()
    return image


def thumbnail_of(image):
    return image.renditions.get(format="webp", width=320).file.url


def in_body(*images):
    return "".join(
        f'<figure class="image"><img src="{i.file.url}" alt=""></figure>' for i in images
    )


@pytest.fixture
def uploaded(reporter, editor):
    return {
        "meeting": library_image(
            caption="Hội nghị khoa học",
            credit="Ảnh: Minh Anh",
            alt_text="Đại biểu trong hội trường",
            uploaded_by=reporter,
        ),
        "bridge": library_image(
            caption="Cầu Long Biên", credit="TTXVN", alt_text="Cầu sắt", uploaded_by=editor
        ),
        "flood": library_image(
            caption="Lũ ở miền Trung", credit="Ảnh: Đức Thọ", alt_text="", uploaded_by=editor
        ),
    }


def test_the_library_lists_thumbnails_sizes_and_uses(editor_client, uploaded, reporter):
    meeting = uploaded["meeting"]
    featured = factories.story(reporter, title="Khai mạc hội nghị", featured_image=meeting)
    body = factories.story(reporter, title="Toàn cảnh hội nghị", body=in_body(meeting))
    response = editor_client.get(reverse(LIBRARY))
    assert response.status_code == 200
    html = response.content.decode()
    images = {a["src"] for a in Tags(html).all("img")}
    assert {thumbnail_of(i) for i in uploaded.values()} <= images
    assert "800×533" in html
    assert f"{meeting.file_size // 1024}" in html.replace("\xa0", " ")  # "x KB"
    for story in (featured, body):
        link = reverse("admin:articles_article_change", args=[story.pk])
        assert f'href="{link}"' in html
        assert story.title in html
    assert "Not used" in html or "Chưa dùng" in html or html.count("library-usage") == 1


def test_the_library_costs_the_same_queries_however_many_images(editor_client, reporter):
    def queries_for_the_list():
        editor_client.get(reverse(LIBRARY))  # warm the site settings cache
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(reverse(LIBRARY)).status_code == 200
        return len(queries)

    def add_images(count):
        for n in range(count):
            image = library_image(size=(400, 300), caption=f"Ảnh {n}", uploaded_by=reporter)
            factories.story(reporter, featured_image=image, body=in_body(image))

    add_images(1)
    few = queries_for_the_list()
    add_images(11)
    assert queries_for_the_list() == few <= 15


@pytest.mark.parametrize(
    "term, found",
    [
        ("hoi nghi", {"meeting"}),
        ("HỘI NGHỊ", {"meeting"}),
        ("minh anh", {"meeting"}),
        ("duc tho", {"flood"}),
        ("cau", {"bridge"}),
        ("ttxvn", {"bridge"}),
        ("mien trung lu", {"flood"}),
        ("khong co", set()),
    ],
)
def test_search_by_caption_and_credit_without_accents(editor_client, uploaded, term, found):
    response = editor_client.get(reverse(LIBRARY), {"q": term})
    listed = set(response.context["cl"].result_list)
    assert listed == {uploaded[key] for key in found}


def test_filter_by_uploader_date_and_missing_alt_text(editor_client, uploaded, reporter):
    old = uploaded["bridge"]
    Image.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - datetime.timedelta(days=40))

    def listed(**params):
        return set(editor_client.get(reverse(LIBRARY), params).context["cl"].result_list)

    assert listed(uploaded_by__id__exact=reporter.pk) == {uploaded["meeting"]}
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert listed(uploaded_at__gte=since) == {uploaded["meeting"], uploaded["flood"]}
    assert listed(alt="missing") == {uploaded["flood"]}


def test_the_image_page_shows_the_picture_size_and_uses(editor_client, uploaded, reporter):
    image = uploaded["meeting"]
    story = factories.story(reporter, featured_image=image)
    response = editor_client.get(reverse("admin:images_image_change", args=[image.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "-640w.webp" in html
    assert reverse("admin:articles_article_change", args=[story.pk]) in html
    # The stored original never changes: there is no file input on an existing image.
    assert 'type="file"' not in html


def test_captions_are_escaped_in_the_library(editor_client, reporter):
    library_image(caption='<script>alert("x")</script>', uploaded_by=reporter)
    factories.story(reporter, title="<b>Tít</b>", featured_image=Image.objects.get())
    html = editor_client.get(reverse(LIBRARY)).content.decode()
    assert '<script>alert("x")' not in html
    assert "<b>Tít</b>" not in html


# Picking a featured image


def test_the_picker_answers_with_thumbnails_and_searches_without_accents(reporter_client, uploaded):
    response = reporter_client.get(reverse("admin:images_image_picker"), {"term": "hoi nghi"})
    assert response.status_code == 200
    meeting = uploaded["meeting"]
    assert response.json() == {
        "results": [
            {
                "id": meeting.pk,
                "text": "Hội nghị khoa học",
                "thumbnail": thumbnail_of(meeting),
                "size": "800×533",
                "alt_missing": False,
            }
        ],
        "pagination": {"more": False},
    }
    everything = reporter_client.get(reverse("admin:images_image_picker")).json()
    flood = next(r for r in everything["results"] if r["id"] == uploaded["flood"].pk)
    assert flood["alt_missing"] is True


def test_the_picker_pages_through_a_large_library(reporter_client, reporter):
    rows = [
        Image(file=f"images/x{n}.jpg", caption=f"Ảnh {n}", width=10, height=10) for n in range(25)
    ]
    Image.objects.bulk_create(rows)
    first = reporter_client.get(reverse("admin:images_image_picker")).json()
    second = reporter_client.get(reverse("admin:images_image_picker"), {"page": 2}).json()
    assert (len(first["results"]), first["pagination"]["more"]) == (20, True)
    assert (len(second["results"]), second["pagination"]["more"]) == (5, False)


def test_the_picker_is_for_the_newsroom_only(client, staff_user):
    url = reverse("admin:images_image_picker")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(staff_user)
    assert client.get(url).status_code == 403


def test_the_story_form_shows_the_chosen_image_by_its_thumbnail(reporter_client, reporter):
    image = library_image(caption="Cầu Long Biên", uploaded_by=reporter)
    other = library_image(caption="Không chọn", uploaded_by=reporter)
    story = factories.story(reporter, featured_image=image)
    response = reporter_client.get(factories.change_url(story))
    tags = Tags(response.content.decode())
    select = next(a for t, a in tags.tags if t == "select" and a.get("name") == "featured_image")
    assert "image-picker" in select["class"] and "admin-autocomplete" not in select["class"]
    assert select["data-ajax--url"] == reverse("admin:images_image_picker")
    options = [a for t, a in tags.tags if t == "option" and a.get("data-thumbnail")]
    assert [(o["value"], o["data-thumbnail"]) for o in options] == [
        (str(image.pk), thumbnail_of(image))
    ]
    assert str(other.pk) not in [a.get("value") for t, a in tags.tags if t == "option"]
    html = response.content.decode()
    # After jQuery and select2 whatever other widgets the form merges in.
    assert html.index("admin/js/jquery.init.js") < html.index("images/image-picker.js")
    assert html.index("select2/select2.full") < html.index("images/image-picker.js")


def test_the_story_form_names_the_images_that_lack_alt_text(reporter_client, reporter):
    featured = library_image(caption="Ảnh đại diện", alt_text="", uploaded_by=reporter)
    described = library_image(caption="Có mô tả", alt_text="Mô tả", uploaded_by=reporter)
    bare = library_image(caption="Ảnh trong bài", alt_text="", uploaded_by=reporter)
    story = factories.story(
        reporter, featured_image=featured, body=in_body(described, bare, described)
    )
    response = factories.in_english(reporter_client).get(factories.change_url(story))
    html = response.content.decode()
    panel = html[html.index('class="missing-alt-text"') :]
    panel = panel[: panel.index("</ul>")]
    assert "Featured image" in panel and "Ảnh đại diện" in panel
    assert "Image 2 in the body" in panel and "Ảnh trong bài" in panel
    assert "Có mô tả" not in panel
    assert thumbnail_of(featured) in panel and thumbnail_of(bare) in panel
    assert reverse("admin:images_image_change", args=[bare.pk]) in panel


def test_the_story_form_says_when_every_image_has_alt_text(reporter_client, reporter):
    story = factories.story(reporter, featured_image=library_image(alt_text="Mô tả"))
    response = factories.in_english(reporter_client).get(factories.change_url(story))
    assert "Every image has alt text." in response.content.decode()


# No deleting an image in use


@pytest.mark.parametrize("use", ["featured", "body"])
@pytest.mark.parametrize("published", [True, False])
def test_an_image_in_a_story_cannot_be_deleted_in_the_admin(
    admin_client, reporter, stored_files, use, published
):
    image = library_image(caption="Ảnh đang dùng")
    fields = {"featured_image": image} if use == "featured" else {"body": in_body(image)}
    story = factories.story(reporter, title="Bài đang đăng", published=published, **fields)
    files = stored_files()
    url = reverse("admin:images_image_delete", args=[image.pk])
    page = factories.in_english(admin_client).get(url)
    html = page.content.decode()
    assert "Bài đang đăng" in html
    assert reverse("admin:articles_article_change", args=[story.pk]) in html
    assert "Cannot delete image" in html
    assert "An image used in a story cannot be deleted." in html
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Image.objects.filter(pk=image.pk).exists()
    assert Rendition.objects.filter(image=image).count() == 6
    assert stored_files() == files


def test_bulk_delete_refuses_images_in_use_and_deletes_nothing(admin_client, reporter):
    used, unused = library_image(caption="Đang dùng"), library_image(caption="Chưa dùng")
    factories.story(reporter, published=True, body=in_body(used))
    response = factories.in_english(admin_client).post(
        reverse(LIBRARY),
        {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Image.objects.count() == 2


def test_an_unused_image_can_be_deleted_with_its_files(
    admin_client, stored_files, django_capture_on_commit_callbacks
):
    image = library_image()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert stored_files() == set()


def test_the_model_refuses_to_delete_a_body_image(db, reporter, stored_files):
    image = library_image()
    factories.story(reporter, published=True, body=in_body(image))
    with pytest.raises(ProtectedError):
        image.delete()
    with pytest.raises(ProtectedError):
        Image.objects.filter(pk=image.pk).delete()
    assert Image.objects.filter(pk=image.pk).exists()
    assert image.used_in_body.count() == 1


def test_the_model_refuses_to_delete_a_featured_image(db, reporter):
    image = library_image()
    factories.story(reporter, featured_image=image)
    with pytest.raises(ProtectedError):
        image.delete()


def test_removing_the_image_from_the_story_frees_it(
    db, reporter, django_capture_on_commit_callbacks
):
    image = library_image()
    story = factories.story(reporter, body=in_body(image))
    story.body = "<p>Không còn ảnh.</p>"
    story.save()
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not Image.objects.exists()
