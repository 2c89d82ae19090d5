"""Site settings: one record, edited in the admin, read (cached) on every page, changes
visible on the next request once saved (committed); the legal masthead keeps its history."""

import datetime

import pytest
import time_machine
from django.db.models import ProtectedError
from django.urls import reverse

from newsroom.models import Masthead, SiteSettings
from tests.factories import form_data

CHANGE = reverse("admin:newsroom_sitesettings_change", args=[1])


@pytest.fixture
def saved(django_capture_on_commit_callbacks):
    """``with saved():`` commits what the admin saved inside it, as it is for a real editor:
    the kept settings end with the commit (the test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_there_is_only_ever_one_record(db):
    SiteSettings.objects.create(site_name="Báo A")
    SiteSettings(site_name="Báo B").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.load().site_name == "Báo B"


def test_the_record_cannot_be_deleted(db):
    settings_row = SiteSettings.load()
    with pytest.raises(ProtectedError):
        settings_row.delete()
    assert SiteSettings.objects.count() == 1


def test_admin_list_goes_straight_to_the_record(editor_client):
    response = editor_client.get(reverse("admin:newsroom_sitesettings_changelist"))
    assert response.status_code == 302
    assert response.url == CHANGE
    assert SiteSettings.objects.count() == 1


def test_admin_offers_no_add_and_no_delete(editor_client):
    assert editor_client.get(reverse("admin:newsroom_sitesettings_add")).status_code == 403
    SiteSettings.load()
    delete_url = reverse("admin:newsroom_sitesettings_delete", args=[1])
    assert editor_client.get(delete_url).status_code == 403
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    page = editor_client.get(CHANGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert delete_url not in html
    assert reverse("admin:newsroom_sitesettings_add") not in html
    assert 'name="_addanother"' not in html
    assert SiteSettings.objects.count() == 1


def test_the_index_offers_no_add_link(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:newsroom_sitesettings_add") not in html


def test_an_edit_shows_on_the_next_request(editor_client, client, saved):
    SiteSettings.objects.create(site_name="Tòa soạn", hotline="0912 345 678")
    # Warm the cache the way readers do.
    assert client.get("/").context["site"].site_name == "Tòa soạn"

    page = editor_client.get(CHANGE)
    data = form_data(page, site_name="Báo Điện tử Sông Hồng", hotline="024.3728.1575")
    with saved():
        assert editor_client.post(CHANGE, data).status_code == 302

    site = client.get("/").context["site"]
    assert (site.site_name, site.hotline) == ("Báo Điện tử Sông Hồng", "024.3728.1575")
    assert "Báo Điện tử Sông Hồng" in client.get("/").content.decode()


def test_reading_the_settings_is_cached(db, django_assert_num_queries):
    SiteSettings.load()
    with django_assert_num_queries(0):
        SiteSettings.load()
        SiteSettings.load().masthead  # noqa: B018


@pytest.mark.parametrize(
    "field, value",
    [
        ("hotline", "gọi ngay"),
        ("site_name", "Báo\x07 chuông"),
        ("address", "Số 1\nHà Nội"),
        ("weather_humidity", "140"),
        ("weather_temperature", "99"),
        ("email", "khong-phai-email"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(editor_client, field, value):
    SiteSettings.objects.create(site_name="Tòa soạn")
    page = editor_client.get(CHANGE)
    response = editor_client.post(CHANGE, form_data(page, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert SiteSettings.objects.get().site_name == "Tòa soạn"


def test_reporters_cannot_edit_site_settings(reporter_client):
    SiteSettings.load()
    assert reporter_client.get(CHANGE).status_code == 403
    assert reporter_client.post(CHANGE, {"site_name": "Chiếm quyền"}).status_code == 403
    assert SiteSettings.objects.get().site_name != "Chiếm quyền"


# The masthead (Luật Báo chí 2016, Điều 46)


def masthead(licence, effective_from, editor_in_chief="Nguyễn Văn A"):
    return Masthead.objects.create(
        governing_body="Hội Nhà báo Việt Nam",
        licence_number=licence,
        licence_date=effective_from - datetime.timedelta(days=10),
        licence_issuer="Bộ Thông tin và Truyền thông",
        editor_in_chief=editor_in_chief,
        effective_from=effective_from,
    )


@pytest.fixture
def history(db):
    return [
        masthead("GP 100/GP-BTTTT", datetime.date(2015, 3, 1), "Trần Văn Cũ"),
        masthead("GP 200/GP-BTTTT", datetime.date(2021, 6, 1), "Lê Thị Nay"),
        masthead("GP 300/GP-BTTTT", datetime.date(2030, 1, 1), "Phạm Văn Sau"),
    ]


def test_the_latest_masthead_in_effect_is_current_and_older_ones_are_kept(history, client):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        assert Masthead.objects.current() == history[1]
        assert Masthead.objects.count() == 3
        html = client.get("/").content.decode()
        assert "GP 200/GP-BTTTT" in html
        assert "Lê Thị Nay" in html
        assert "GP 100/GP-BTTTT" not in html
        assert "GP 300/GP-BTTTT" not in html


def test_a_new_masthead_takes_over_on_its_day(history):
    assert Masthead.objects.current(on=datetime.date(2029, 12, 31)) == history[1]
    assert Masthead.objects.current(on=datetime.date(2030, 1, 1)) == history[2]
    assert Masthead.objects.current(on=datetime.date(2015, 2, 28)) is None


def test_a_masthead_added_in_the_admin_shows_on_the_next_request(
    editor_client, client, history, saved
):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        assert "GP 200/GP-BTTTT" in client.get("/").content.decode()
        with saved():
            response = editor_client.post(
                reverse("admin:newsroom_masthead_add"),
                {
                    "governing_body": "Hội Nhà báo Việt Nam",
                    "licence_number": "GP 250/GP-BTTTT",
                    "licence_date": "20/05/2026",
                    "licence_issuer": "Bộ Văn hóa, Thể thao và Du lịch",
                    "editor_in_chief": "Võ Minh Mới",
                    "effective_from": "01/06/2026",
                },
            )
        assert response.status_code == 302
        html = client.get("/").content.decode()
        assert "GP 250/GP-BTTTT" in html
        assert "Võ Minh Mới" in html
        assert Masthead.objects.count() == 4


def test_masthead_history_cannot_be_deleted_in_the_admin(editor_client, history):
    delete_url = reverse("admin:newsroom_masthead_delete", args=[history[0].pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Masthead.objects.count() == 3


def test_a_masthead_in_effect_cannot_be_rewritten_only_succeeded(editor_client, history):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        in_effect = reverse("admin:newsroom_masthead_change", args=[history[1].pk])
        page = editor_client.get(in_effect)
        refused = editor_client.post(in_effect, form_data(page, editor_in_chief="Người Khác"))
        assert refused.status_code == 403
        history[1].refresh_from_db()
        assert history[1].editor_in_chief == "Lê Thị Nay"

        # One that has not taken effect yet can still be corrected.
        future = reverse("admin:newsroom_masthead_change", args=[history[2].pk])
        page = editor_client.get(future)
        saved = editor_client.post(future, form_data(page, editor_in_chief="Phạm Văn Đúng"))
        assert saved.status_code == 302
        history[2].refresh_from_db()
        assert history[2].editor_in_chief == "Phạm Văn Đúng"


def test_a_masthead_taking_effect_at_midnight_shows_at_once_despite_the_cache(history, client):
    history[2].effective_from = datetime.date(2026, 6, 2)
    history[2].save()
    # 23:59 and 00:00 Vietnam time.
    with time_machine.travel(datetime.datetime(2026, 6, 1, 16, 59, tzinfo=datetime.UTC)):
        assert "Lê Thị Nay" in client.get("/").content.decode()
    with time_machine.travel(datetime.datetime(2026, 6, 1, 17, 0, 1, tzinfo=datetime.UTC)):
        assert "Phạm Văn Sau" in client.get("/").content.decode()
