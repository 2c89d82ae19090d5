"""``manage.py refresh_pages``: make every reader's page fresh now (a new page-cache
generation, and a purge of everything at the CDN). Content changes made through the
application do this by themselves; run it after imports, bulk updates or SQL that bypass
the models."""

from django.core.management.base import BaseCommand

from newsroom import purge
from newsroom.cache import new_generation


class Command(BaseCommand):
    help = "Make every reader's page fresh now: new page-cache generation and a CDN purge."

    def handle(self, *args, **options):
        new_generation()
        purge.pages_changed()
        if not purge.wait(timeout=10):
            self.stderr.write("The CDN purge did not finish within 10 seconds.")
        self.stdout.write("Readers' pages will be made afresh.")
