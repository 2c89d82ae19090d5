"""``manage.py erase_comment_personal_data``: blank the email, address and browser of every
comment sent more than ``COMMENT_PERSONAL_DATA_DAYS`` days ago. The comment, its writer's
chosen name and the moderators' decisions stay. Run it daily
(deploy/systemd/toasoan-erase-comment-data.timer); safe to run twice."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from comments.models import Comment


class Command(BaseCommand):
    help = (
        "Erase the email, address and browser of comments older than "
        "COMMENT_PERSONAL_DATA_DAYS days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.COMMENT_PERSONAL_DATA_DAYS,
            help="Keep personal data this many days (default: COMMENT_PERSONAL_DATA_DAYS, "
            "%(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        before = timezone.now() - datetime.timedelta(days=days)
        found = Comment.objects.with_personal_data_before(before)
        if dry_run:
            count = found.count()
            self.stdout.write(f"{count} comments hold personal data older than {days} days.")
            return
        erased = found.erase_personal_data()
        self.stdout.write(f"Erased the personal data of {erased} comments older than {days} days.")
