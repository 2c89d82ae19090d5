"""Fill the folded search column of images uploaded before it existed."""

from django.db import migrations

from newsroom.text import fold


def fill_search_text(apps, schema_editor):
    Image = apps.get_model("images", "Image")
    batch = []
    for image in Image.objects.only("caption", "credit", "alt_text").iterator(chunk_size=500):
        image.search_text = fold(" ".join([image.caption, image.credit, image.alt_text]))
        batch.append(image)
        if len(batch) == 500:
            Image.objects.bulk_update(batch, ["search_text"])
            batch = []
    Image.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0002_renditions_and_folded_search"),
    ]

    operations = [
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
