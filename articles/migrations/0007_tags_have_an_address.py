"""Every tag gets a slug its address can be made of: one saved before articles.tags
checked them (a name of punctuation or emoji only, say) had an empty one, and every story
carrying it failed to show. Such a tag keeps its name and gets ``the-<id>``."""

import re

from django.db import migrations

_USABLE = re.compile(r"[-\w]{1,100}")


def give_tags_an_address(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.all().only("pk", "slug").iterator():
        if not _USABLE.fullmatch(tag.slug or ""):
            slug, number = f"the-{tag.pk}", 1
            while Tag.objects.filter(slug=slug).exists():
                number += 1
                slug = f"the-{tag.pk}-{number}"
            Tag.objects.filter(pk=tag.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_desk_list_order_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        # Nothing to undo: the slugs that did not work are not worth restoring.
        migrations.RunPython(give_tags_an_address, migrations.RunPython.noop),
    ]
