"""``manage.py reset_second_factor USERNAME``: the recovery when nobody can do it in the
admin (the only administrator lost their phone and their backup codes). Whoever can run
commands on the server already holds the database; the reset is written to the security
log all the same."""

import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import second_factor
from newsroom.security import log_event


class Command(BaseCommand):
    help = (
        "Forget a person's authenticator app and backup codes: they set up two-step "
        "sign-in again at their next sign-in (when their role requires it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            person = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No account is named {username!r}.") from None
        second_factor.reset(person)
        log_event(
            "second_factor_reset",
            user=person,
            target=person.get_username(),
            via="manage.py",
            level=logging.WARNING,
        )
        self.stdout.write(
            f"Two-step sign-in reset for {person.get_username()}: they set it up again when "
            "they next sign in."
        )
