"""``manage.py clean_originals``: the originals stored before uploads were cleaned lose
their private metadata in place; running it again changes nothing; ``--dry-run`` only
counts."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from PIL import ExifTags

from images.models import Image
from tests.images import pictures


def stored_as_before(data, name="anh.jpg", **fields):
    """An image uploaded before originals were cleaned: its file holds ``data`` as sent."""
    image = Image(file=pictures.upload(pictures.photo()), **fields)
    image.save()
    with open(image.file.path, "wb") as file:
        file.write(data)
    Image.objects.filter(pk=image.pk).update(file_size=len(data))
    return image


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("clean_originals", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def read(image):
    with open(image.file.path, "rb") as file:
        return file.read()


@pytest.fixture
def old_uploads(db):
    return [
        stored_as_before(pictures.phone_jpeg(orientation=6), caption="Lũ", credit="Ảnh: CTV"),
        stored_as_before(pictures.telltale_png(), "anh.png"),
        stored_as_before(pictures.photo()),  # already clean: nothing to remove
    ]


def test_old_originals_lose_their_metadata_in_place(old_uploads):
    turned, png, _clean = old_uploads
    renditions = {image.pk: list(image.rendition_list) for image in old_uploads}
    out, err = run()
    assert "Originals checked: 3; cleaned: 2; already clean: 1; failed: 0." in out
    assert "3/3" in err  # the progress bar
    for image in (turned, png):
        data = read(image)
        assert pictures.SERIAL.encode() not in data
        assert not pictures.open_bytes(data).getexif().get_ifd(pictures.GPS_IFD)
        fresh = Image.objects.get(pk=image.pk)
        # Same name (bodies point at it), same renditions, the new size recorded.
        assert fresh.file.name == image.file.name
        assert fresh.rendition_list == renditions[image.pk]
        assert fresh.file_size == len(data)
    assert dict(pictures.open_bytes(read(turned)).getexif()) == {ExifTags.Base.Orientation: 6}
    assert pictures.open_bytes(read(png)).info["icc_profile"] == pictures.ICC
    # What staff typed is in our fields, untouched.
    fresh = Image.objects.get(pk=turned.pk)
    assert (fresh.caption, fresh.credit) == ("Lũ", "Ảnh: CTV")


def test_running_again_changes_nothing(old_uploads):
    run()
    before = [read(image) for image in old_uploads]
    out, _err = run()
    assert "Originals checked: 3; cleaned: 0; already clean: 3; failed: 0." in out
    assert [read(image) for image in old_uploads] == before


def test_a_dry_run_counts_and_changes_nothing(old_uploads):
    before = [read(image) for image in old_uploads]
    out, _err = run("--dry-run")
    assert "Dry run, nothing changed." in out
    assert "to clean: 2; already clean: 1" in out
    assert [read(image) for image in old_uploads] == before


def test_records_sharing_one_original_are_cleaned_once(old_uploads):
    first = old_uploads[0]
    Image.objects.bulk_create([Image(file=first.file.name, width=48, height=64)])
    out, _err = run()
    assert "Originals checked: 3;" in out
    assert {i.file_size for i in Image.objects.filter(file=first.file.name)} == {len(read(first))}


def test_a_damaged_file_is_reported_and_the_rest_are_cleaned(old_uploads):
    with open(old_uploads[2].file.path, "wb") as file:
        file.write(b"hong")
    out, err = run()
    assert "cleaned: 2; already clean: 0; failed: 1." in out
    assert old_uploads[2].file.name in err


def test_the_summary_is_in_vietnamese(old_uploads):
    out = io.StringIO()
    with translation.override("vi"):
        call_command("clean_originals", "--dry-run", stdout=out, stderr=io.StringIO())
    assert "Chạy thử" in out.getvalue()
