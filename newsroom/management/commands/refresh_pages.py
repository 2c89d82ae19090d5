"""``manage.py refresh_pages``: make every reader's page fresh now (new versions of every
cache tag, and a purge of everything at the CDN). Content changes made through the
application do this by themselves; run it after imports, bulk updates or SQL that bypass
the models."""

from django.core.management.base import BaseCommand

from newsroom.caching import cdn, tags


class Command(BaseCommand):
    help = "Make every reader's page fresh now: new cache versions and a CDN purge."

    def handle(self, *args, **options):
        tags.bump()
        cdn.pages_changed()
        if not cdn.wait(timeout=10):
            self.stderr.write("The CDN purge did not finish within 10 seconds.")
        self.stdout.write("Readers' pages will be made afresh.")
