"""``manage.py seed_demo``: load the demo newsroom that ``make run`` serves.

Sections, sources, contacts and weather, the masthead and its history, a reporter and an
editor, and the stories of ``demo.content`` in every workflow state, moved there by
``articles.workflow.transition`` so that their history is real. Safe to run again:
everything is found by a stable key (slug, name, licence number, username, story title)
and only what is missing is created. Demo passwords are generated once and kept in a
git-ignored file; they are printed on every run."""

import datetime
import logging
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html

from articles.models import Article, ArticleTransition, Source, Status
from articles.workflow import transition
from demo import content as demo
from demo import day as newsroom_day
from demo.images import illustration
from images.models import Image
from newsroom.models import Masthead, Role, SiteSettings
from newsroom.roles import ROLE_LABELS
from people.models import Profile
from sections.models import Section

HOUR = datetime.timedelta(hours=1)
GOLDEN = 0.618034  # successive hues spread evenly round the colour wheel


def one_line(text):
    return " ".join(text.split())


def to_minute(moment):
    return moment.replace(second=0, microsecond=0)


def read_credentials(path):
    """``{username: password}`` from the credentials file; empty when there is none."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    pairs = (line.split(None, 1) for line in lines if line.strip() and line[0] != "#")
    return {pair[0]: pair[1].strip() for pair in pairs if len(pair) == 2}


def credentials_text(passwords, login_url):
    lines = [
        "# Demo accounts of `manage.py seed_demo`, for local development only.",
        f"# Log in at {login_url}",
        *(f"{username} {password}" for username, password in passwords.items() if password),
    ]
    return "\n".join(lines) + "\n"


def write_private(path, text):
    """Write ``text`` to ``path``, readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)


def render_body(markup, figure_html):
    """HTML for a body written in ``demo.content``'s markup."""
    parts = []
    for block in re.split(r"\n\s*\n", markup.strip()):
        block = one_line(block)
        if block == demo.FIGURE:
            if not figure_html:
                raise CommandError(f"A story places a figure it does not have: {markup[:60]}…")
            parts.append(figure_html)
        elif block.startswith("## "):
            parts.append(f"<h2>{escape(block[3:])}</h2>")
        elif block.startswith("> "):
            parts.append(f"<blockquote><p>{escape(block[2:])}</p></blockquote>")
        else:
            parts.append(f"<p>{escape(block)}</p>")
    return "\n".join(parts)


def figure_html(image):
    return format_html(
        '<figure class="image"><img src="{}" alt="{}" width="{}" height="{}">'
        "<figcaption>{}</figcaption></figure>",
        image.file.url,
        image.alt_text,
        image.width,
        image.height,
        image.caption,
    )


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: sections, sources, contacts, masthead, a reporter and an "
        "editor account, and 30-odd stories in every workflow state. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (the accounts' passwords get printed).",
        )
        parser.add_argument(
            "--credentials-file",
            default=getattr(
                settings, "DEMO_CREDENTIALS_FILE", Path(settings.BASE_DIR) / ".demo-credentials"
            ),
            help="Where the demo passwords are kept (default: .demo-credentials at the repo root).",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the demo accounts new passwords even if they already have one.",
        )
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="Where the site runs, for the printed addresses (default: SITE_URL).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: this looks like a production site. seed_demo creates staff "
                "accounts whose passwords it prints; run it with --force if you mean it."
            )
        started = time.monotonic()
        path = Path(options["credentials_file"])
        login_url = options["site_url"].rstrip("/") + reverse("admin:index")
        seeder = Seeder(now=timezone.now())
        # The demo's own hand-ins and publications are not people's actions: kept out of the
        # security log (its warnings still show).
        security_log = logging.getLogger("newsroom.security")
        level = security_log.level
        security_log.setLevel(logging.WARNING)
        try:
            # Nor are they anyone's news: the desk's notifications are kept, unmailed.
            with transaction.atomic(), override_settings(NOTIFICATION_EMAILS=False):
                passwords = seeder.accounts(read_credentials(path), options["reset_passwords"])
                seeder.profiles()
                seeder.sections()
                seeder.sources()
                seeder.site_settings()
                seeder.mastheads()
                seeder.stories()
                day = newsroom_day.seed(seeder.now, seeder.users)
                text = credentials_text(passwords, login_url)
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    write_private(path, text)
        except BaseException:
            seeder.delete_new_files()
            raise
        finally:
            security_log.setLevel(level)
        self.report(seeder, passwords, path, options, time.monotonic() - started, day)

    def report(self, seeder, passwords, path, options, seconds, day):
        """What ``make run`` shows: one line of what is there, where to go, the logins;
        the counts in detail with ``-v 2``."""
        new = seeder.created
        stories = Article.objects
        done = f"{sum(new.values())} records created" if any(new.values()) else "nothing missing"
        self.stdout.write(
            f"Demo newsroom ready in {seconds:.1f} s ({done}): {stories.count()} stories, "
            f"{Image.objects.count()} photos, {Section.objects.count()} sections."
        )
        if options["verbosity"] > 1:
            lines = [
                f"  sections  {Section.objects.count():>3}  (+{new['sections']})",
                f"  sources   {Source.objects.count():>3}  (+{new['sources']})",
                f"  mastheads {Masthead.objects.count():>3}  (+{new['mastheads']})",
                f"  images    {Image.objects.count():>3}  (+{new['images']})",
                f"  stories   {stories.count():>3}  (+{new['stories']}): "
                f"{stories.public().count()} public, {stories.scheduled().count()} scheduled, "
                f"{stories.filter(status=Status.IN_REVIEW).count()} in review, "
                f"{stories.filter(status=Status.RETURNED).count()} returned, "
                f"{stories.filter(status=Status.DRAFT).count()} drafts, "
                f"{stories.filter(status=Status.WITHDRAWN).count()} withdrawn",
            ]
            if any(day.values()):
                made = ", ".join(f"{n} {label}" for label, n in day.items() if n)
                lines.append(f"  the day: {made}")
            self.stdout.write("\n".join(lines))
        site_url = options["site_url"].rstrip("/")
        self.stdout.write("")
        self.stdout.write(f"Reader site  {site_url}/")
        self.stdout.write(self.style.SUCCESS(f"Log in at {site_url}{reverse('admin:index')}"))
        for account in demo.ACCOUNTS:
            password = passwords.get(account.username)
            shown = password or (
                f"(password unknown: changed by hand, or not in {path.name}; "
                "--reset-passwords sets a new one)"
            )
            self.stdout.write(f"  {account.username:<10} {shown}   {ROLE_LABELS[account.role]}")
        self.stdout.write(f"Passwords are kept in {path}")


class Seeder:
    """Creates whatever part of the demo newsroom is missing; counts what it created."""

    def __init__(self, now):
        self.now = to_minute(now)
        self.created = dict.fromkeys(
            ["accounts", "sections", "sources", "settings", "mastheads", "images", "stories"], 0
        )
        self.users = {}
        self.new_files = []

    def accounts(self, stored, reset):
        """Make sure both accounts exist with their role; return ``{username: password}``
        for the passwords known to work (``None`` for one changed by hand since)."""
        User = get_user_model()
        passwords = {}
        for account in demo.ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=account.username,
                defaults={
                    "first_name": account.first_name,
                    "last_name": account.last_name,
                    "email": account.email,
                    "is_staff": True,
                },
            )
            self.created["accounts"] += created
            if not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            group = Role.objects.group(account.role)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
            password = stored.get(account.username)
            if created or reset or not user.has_usable_password():
                if reset or not password:
                    password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
            elif password and not user.check_password(password):
                password = None
            passwords[account.username] = password
            self.users[account.username] = user
        return passwords

    def profiles(self):
        """Each demo person's author profile; one edited by hand since is left alone."""
        for username, fields in demo.PROFILES.items():
            Profile.objects.get_or_create(user=self.users[username], defaults=fields)

    def sections(self):
        for data in demo.SECTIONS:
            section, created = Section.objects.get_or_create(
                slug=data.slug,
                defaults={
                    "name": data.name,
                    "description": data.description,
                    "order": data.order,
                    "parent": Section.objects.get(slug=data.parent) if data.parent else None,
                },
            )
            if created:
                section.full_clean()
            self.created["sections"] += created

    def sources(self):
        for name, url in demo.SOURCES.items():
            source, created = Source.objects.get_or_create(name=name, defaults={"url": url})
            if created:
                source.full_clean()
            self.created["sources"] += created

    def site_settings(self):
        """Fill in the contact and weather fields still empty; never overwrite an edit."""
        site, _created = SiteSettings.objects.get_or_create(pk=1)
        values = {**demo.SITE_SETTINGS, **demo.WEATHER}
        missing = {f: v for f, v in values.items() if getattr(site, f) in ("", None)}
        if not missing:
            return
        for field, value in missing.items():
            setattr(site, field, value)
        if "weather_temperature" in missing:
            site.weather_updated_at = self.now
        site.full_clean()
        site.save()
        self.created["settings"] += 1

    def mastheads(self):
        for data in demo.MASTHEADS:
            dates = {
                k: datetime.date.fromisoformat(data[k]) for k in ("licence_date", "effective_from")
            }
            masthead, created = Masthead.objects.get_or_create(
                licence_number=data["licence_number"], defaults={**data, **dates}
            )
            if created:
                masthead.full_clean()
            self.created["mastheads"] += created

    def stories(self):
        existing = set(
            Article.objects.filter(title__in=[s.title for s in demo.STORIES]).values_list(
                "title", flat=True
            )
        )
        sections = {s.slug: s for s in Section.objects.filter(slug__in=demo.SECTION_MOTIFS)}
        sources = {s.name: s for s in Source.objects.filter(name__in=demo.SOURCES)}
        for number, story in enumerate(demo.STORIES):
            if story.title not in existing:
                self.story(number, story, sections[story.section], sources)
                self.created["stories"] += 1

    def story(self, number, story, section, sources):
        writer = self.users[story.writer]
        created_at, steps, updated_at = self.timeline(story)
        hue = number * GOLDEN % 1.0
        motif = demo.SECTION_MOTIFS[story.section]
        picture = story.picture and self.image(
            story.picture, writer, created_at, seed=2 * number, hue=hue, motif=motif
        )
        figure = story.figure and self.image(
            story.figure, writer, created_at, seed=2 * number + 1, hue=hue + 0.1, motif=motif
        )
        publication_at = next((s[3] for s in steps if s[0] == "publish"), None)
        source = sources[story.source] if story.source else None
        article = Article(
            title=one_line(story.title),
            lead=one_line(story.lead),
            body=render_body(story.body, figure and figure_html(figure)),
            section=section,
            byline=story.byline,
            is_republished=source is not None,
            source=source,
            source_url=source.url if source else "",
            source_author=story.source_author,
            source_published_at=publication_at - 2 * HOUR if source else None,
            featured_image=picture or None,
            featured_on_home=bool(story.home_order),
            home_order=story.home_order,
            created_at=created_at,
            created_by=writer,
            last_edited_by=writer,
            internal_note="Bài mẫu của lệnh seed_demo: nội dung và nhân vật là hư cấu.",
        )
        try:
            article.full_clean(exclude=["slug"])
        except ValidationError as error:
            raise CommandError(f"Demo story {story.title!r} is invalid: {error}") from error
        article._history_user = writer
        article.save()
        article.authors.set([self.users[username] for username in story.authors])
        article.tags.add(*story.tags)
        for action, username, _at, when, comment in steps:
            transition(article, action, self.users[username], comment=comment, publication_at=when)
        self.backdate(article, created_at, [step[2] for step in steps], updated_at)

    def timeline(self, story):
        """When the story was created, its workflow steps ``(action, username, at,
        publication_at, comment)`` and when it was last saved, relative to ``now``."""
        comment = one_line(story.comment)
        ago = self.now - story.hours * HOUR
        hand_in = [] if story.writer == demo.EDITOR else [("submit", demo.REPORTER)]
        if story.state in (demo.PUBLISHED, demo.WITHDRAWN):
            published = to_minute(ago)
            created = published - 4 * HOUR
            steps = [(*s, published - 1.5 * HOUR, None, "") for s in hand_in]
            steps.append(("publish", demo.EDITOR, published, published, ""))
            if story.state == demo.WITHDRAWN:
                steps.append(("withdraw", demo.EDITOR, published + 6 * HOUR, None, comment))
            updated = steps[-1][2] + story.edited_hours_later * HOUR
        elif story.state == demo.SCHEDULED:
            created = self.now - 5 * HOUR
            steps = [(*s, self.now - 3 * HOUR, None, "") for s in hand_in]
            goes_live = to_minute(self.now + story.hours * HOUR)
            steps.append(("publish", demo.EDITOR, self.now - HOUR, goes_live, ""))
            updated = self.now - HOUR
        elif story.state == demo.IN_REVIEW:
            created = ago - 3 * HOUR
            steps = [("submit", demo.REPORTER, ago, None, "")]
            updated = ago
        elif story.state == demo.RETURNED:
            created = ago - 4 * HOUR
            steps = [
                ("submit", demo.REPORTER, ago - 2 * HOUR, None, ""),
                ("return", demo.EDITOR, ago, None, comment),
            ]
            updated = ago
        else:
            created, steps, updated = ago, [], ago
        return created, steps, min(updated, self.now)

    def backdate(self, article, created_at, step_times, updated_at):
        """Give the workflow steps and revisions the times of the story's timeline (the
        transitions themselves ran just now)."""
        steps = list(article.transitions.order_by("pk"))
        for step, at in zip(steps, step_times, strict=True):
            step.at = at
        ArticleTransition.objects.bulk_update(steps, ["at"])
        revisions = list(article.history.order_by("history_id"))
        times, at, status = iter(step_times), created_at, revisions[0].status
        for revision in revisions:
            if revision.status != status:
                at, status = next(times), revision.status
            revision.history_date = at
        article.history.model.objects.bulk_update(revisions, ["history_date"])
        Article.objects.filter(pk=article.pk).update(updated_at=updated_at)

    def image(self, picture, uploader, uploaded_at, *, seed, hue, motif):
        data = illustration(seed, hue, picture.motif or motif)
        image = Image(
            file=ContentFile(data, name=f"demo-{seed}.jpg"),
            caption=one_line(picture.caption),
            alt_text=one_line(picture.alt_text),
            credit=picture.credit,
            uploaded_by=uploader,
            uploaded_at=uploaded_at,
        )
        image.full_clean()
        image.save()
        self.new_files += [
            image.file.name,
            *image.renditions.values_list("file", flat=True),
            *image.crops.values_list("file", flat=True),
        ]
        self.created["images"] += 1
        return image

    def delete_new_files(self):
        """The database rolls back; the files written meanwhile (originals, their
        renditions and crops) must go too."""
        storage = Image._meta.get_field("file").storage
        for name in self.new_files:
            storage.delete(name)
