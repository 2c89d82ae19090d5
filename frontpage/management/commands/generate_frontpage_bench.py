"""``manage.py generate_frontpage_bench``: after ``generate_bench_content``, the boards the
benchmark's pages show: a live home edition with every slot filled (the lead, a sub-lead
and a spotlight story each under a title, lead or photo of their own), and a live board
for the section the benchmark loads (the menu's section with the most public stories,
as ``bench/pages.py`` picks it) with its lead and sub-leads filled. Run twice, it adds
nothing."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.navigation import SectionTree
from frontpage import layouts
from frontpage.models import Board, Edition, Slot
from images.models import Image

# Chosen among this many of the newest stories, one in STEP: an editor's choice, not
# simply the newest.
STEP = 3


class Command(BaseCommand):
    help = "A live home edition with every slot filled and a section's board, for the benchmark."

    def handle(self, *args, **options):
        editor = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
        if editor is None or not Article.objects.public().exists():
            raise CommandError("Run generate_bench_content first.")
        photo = Image.objects.order_by("-pk").first()
        with transaction.atomic():
            home = self.home(editor, photo)
            section = self.section(editor)
        for made in (home, section):
            self.stdout.write(made)

    def home(self, editor, photo):
        board, _ = Board.objects.get_or_create(page="home", defaults={"section": None})
        if board.editions.exists():
            return "The home board is there already."
        stories = self.chosen(Article.objects.public(), layouts.HOME)
        overrides = {
            (layouts.LEAD, 0): {
                "title": "Toàn cảnh: những quyết sách lớn của tuần",
                "lead": "Tóm tắt riêng của trang chủ cho tin chính.",
            },
            (layouts.SUBLEADS, 1): {"image": photo},
            (layouts.SPOTLIGHT, 0): {"title": "Tiêu điểm: câu chuyện đáng đọc hôm nay"},
        }
        slots = self.publish(board, editor, layouts.HOME, stories, overrides)
        return f"/: a live edition, {slots} of {layouts.capacity(layouts.HOME)} slots filled."

    def section(self, editor):
        tree = SectionTree.load()
        public = Article.objects.public()
        biggest = max(
            tree.menu(),
            key=lambda s: public.in_sections(tree.descendant_ids(s)).count(),
            default=None,
        )
        if biggest is None:
            raise CommandError("No section in the menu.")
        board, _ = Board.objects.get_or_create(section=biggest)
        if board.editions.exists():
            return f"{biggest.get_absolute_url()}: its board is there already."
        stories = self.chosen(public.in_sections(tree.descendant_ids(biggest)), layouts.SECTION)
        overrides = {(layouts.LEAD, 0): {"title": f"{biggest.name}: tin chính do biên tập chọn"}}
        slots = self.publish(board, editor, layouts.SECTION, stories, overrides)
        capacity = layouts.capacity(layouts.SECTION)
        return f"{biggest.get_absolute_url()}: a live edition, {slots} of {capacity} slots filled."

    def chosen(self, stories, layout):
        wanted = layouts.capacity(layout)
        newest = stories.order_by("-publication_at", "-pk").values_list("pk", flat=True)
        return list(newest[: wanted * STEP])[::STEP][:wanted]

    def publish(self, board, editor, layout, stories, overrides):
        edition = Edition.objects.create(
            board=board,
            status=Edition.Status.PUBLISHED,
            publish_at=timezone.now(),
            created_by=editor,
        )
        places = [(name, n) for name, (_label, count) in layout.items() for n in range(count)]
        Slot.objects.bulk_create(
            Slot(
                edition=edition, name=name, position=n, story_id=pk, **overrides.get((name, n), {})
            )
            for (name, n), pk in zip(places, stories, strict=False)
        )
        # No signal from bulk_create: the edition's creation tells the caches, at the commit.
        return min(len(places), len(stories))
