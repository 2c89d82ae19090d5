"""``manage.py generate_frontpage_bench``: the benchmark's home page with every slot filled
and its biggest section with a board, made once."""

import io

import pytest
from django.core.management import CommandError, call_command

from frontpage import layouts
from frontpage.models import Edition, Slot
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_bench_boards_are_made_once_and_filled(client, editor):
    small = factories.SectionFactory(name="Văn hóa")
    big = factories.SectionFactory(name="Kinh tế")
    photo = factories.ImageFactory()
    for n in range(30):
        factories.ArticleFactory(section=big if n % 3 else small, published=True)

    call_command("generate_frontpage_bench", stdout=io.StringIO())
    call_command("generate_frontpage_bench", stdout=io.StringIO())

    home = Edition.objects.live("home")
    assert home.slots.count() == layouts.capacity(layouts.HOME)
    assert home.slots.filter(image=photo).exists()
    assert home.slots.exclude(title="").exists()
    section = Edition.objects.live(f"section-{big.pk}")
    assert section.slots.count() == layouts.capacity(layouts.SECTION)
    assert {slot.story.section for slot in section.slots.all()} == {big}
    assert Edition.objects.count() == 2
    assert Slot.objects.count() == layouts.capacity(layouts.HOME) + layouts.capacity(
        layouts.SECTION
    )
    # Readers see both at once.
    lead = home.slots.get(name=layouts.LEAD)
    assert lead.title in client.get("/").content.decode()
    lead = section.slots.get(name=layouts.LEAD)
    assert lead.title in client.get(big.get_absolute_url()).content.decode()


def test_the_bench_boards_need_the_bench_content_first(db):
    with pytest.raises(CommandError, match="generate_bench_content"):
        call_command("generate_frontpage_bench", stdout=io.StringIO())
