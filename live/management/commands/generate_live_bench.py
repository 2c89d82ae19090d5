"""``manage.py generate_live_bench``: after ``generate_bench_content``, the newest public
story followed live with 500 updates (``--updates``), for the benchmark's "live" page. Run
twice, it adds nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from live.models import Coverage, Update


class Command(BaseCommand):
    help = "Follow the newest public story live, with many updates, for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--updates", type=int, default=500)

    def handle(self, *args, **options):
        story = Article.objects.public().order_by("-publication_at").first()
        author = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
        if story is None or author is None:
            raise CommandError("Run generate_bench_content first.")
        if Coverage.objects.filter(story=story).exists():
            self.stdout.write("The live story is there already.")
            return
        now = timezone.now()
        with transaction.atomic():
            coverage = Coverage.objects.create(
                story=story, started_at=now - datetime.timedelta(hours=10), created_by=author
            )
            # bulk_create: the body is already clean, and one cache bump follows below.
            Update.objects.bulk_create(
                Update(
                    coverage=coverage,
                    author=author,
                    at=now - datetime.timedelta(minutes=n),
                    body=f"<p>Cập nhật số {n}: diễn biến mới tại hiện trường.</p>",
                    key_event=n % 50 == 0,
                )
                for n in range(options["updates"])
            )
            coverage.save()
        self.stdout.write(
            self.style.SUCCESS(f"{story.get_absolute_url()}: {options['updates']} updates.")
        )
