"""Importing a WordPress export: categories, authors, tags, posts with their photos and
galleries, and their old addresses.

- Categories become sections, the tree kept (a section already here with the same address
  under the same parent is used, not doubled).
- Authors become staff accounts, inactive and without a password until someone sends them
  an invitation; an author whose email a staff account already has is that account.
- Posts become stories: published stays published at its time, ``future`` is scheduled,
  ``draft`` (and ``private``, and a password-protected post) a draft, ``pending`` in review:
  nothing WordPress did not show to everyone becomes public. The lead is the excerpt (else
  WordPress's own: the body's first 55 words); the body goes through ``content.Converter``
  and then ``Article.save``'s allow-list like any typed body; the post's slug is kept when
  it is a plain address.
- Each WordPress item is recorded with the record it became (``ImportedItem``): running the
  import again creates nothing twice. Each post is saved in a savepoint of its own: one that
  cannot be imported is named in the summary and the others go in. Posts are committed a
  batch at a time, so an interrupted run keeps what it did and the next run goes on.
- ``dry_run`` runs everything in one transaction that is rolled back, reading each photo
  but storing none: the summary says what would happen.

``Importer(path, …).run()`` returns the ``Report``; ``manage.py import_wordpress`` prints
it."""

import re
import unicodedata
from collections import Counter
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article, Status
from articles.tags import clean_name, name_problem
from comments import models as comment_models
from galleries.models import Gallery, GalleryImage
from newsroom import caching
from newsroom.html import validate_rich_text
from newsroom.text import numbered_slug, vietnamese_slugify
from newsroom.validators import strip_control_characters, validate_publication_time
from sections.models import RESERVED_ANYWHERE, RESERVED_TOP_LEVEL, Section

from . import comments as comment_step
from . import content, media, wxr
from .addresses import key_for_url
from .models import ImportedItem, Kind, OldAddress

BATCH = 100
_PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_USERNAME_UNSAFE = re.compile(r"[^\w.@+-]")
TITLE_MAX = Article._meta.get_field("title").max_length
LEAD_MAX = Article._meta.get_field("lead").max_length
SLUG_MAX = Article._meta.get_field("slug").max_length


class Skip(Exception):
    """Why a post is not imported."""


def _text(value):
    """Plain text as our fields keep it: composed accents, no control characters."""
    return strip_control_characters(unicodedata.normalize("NFC", value or ""))


def _line(value, limit):
    """One line of plain text, cut at a word to ``limit`` characters."""
    text = " ".join(_text(content.plain_text(value)).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


class Report:
    """What an import did, or would do: counts, and every item it left out, with why."""

    def __init__(self, catalogue=None, dry_run=False):
        self.catalogue, self.dry_run = catalogue, dry_run
        self.created = Counter()
        self.existing = Counter()
        self.skipped = []  # (what, why): items not imported
        self.skipped_types = Counter()  # post type → items not imported, counted
        self.changed = []  # (what, what was changed): imported, but not quite as they were
        self.photos = {}  # key → [why, [posts]]
        self.unknown_authors = Counter()  # login → posts
        self.bad_tags = {}  # name → why

    def photo(self, key, why, post):
        entry = self.photos.setdefault(key, [why, []])
        if post and post not in entry[1]:
            entry[1].append(post)

    @property
    def stories(self):
        return sum(self.created[s] for s in ("published", "scheduled", "draft", "in_review"))

    def lines(self):
        """The summary, one line each."""
        catalogue = self.catalogue
        lines = []
        if self.dry_run:
            lines.append(_("Dry run: nothing was saved. An import would do this:"))
        if catalogue is not None:
            lines.append(
                _("WordPress site %(site)s: %(posts)d posts in the export.")
                % {"site": catalogue.source, "posts": catalogue.post_count}
            )
        c, e = self.created, self.existing
        lines += [
            _("Sections: %(new)d created, %(old)d already here.")
            % {"new": c["sections"], "old": e["sections"]},
            _("Staff accounts: %(new)d created (inactive until invited), %(old)d already here.")
            % {"new": c["accounts"], "old": e["accounts"]},
            _(
                "Stories: %(published)d published, %(scheduled)d scheduled, %(draft)d "
                "drafts, %(in_review)d in review; %(old)d imported before."
            )
            % {
                "published": c["published"],
                "scheduled": c["scheduled"],
                "draft": c["draft"],
                "in_review": c["in_review"],
                "old": e["posts"],
            },
            _(
                "Library photos: %(photos)d; galleries: %(galleries)d; old addresses "
                "redirected: %(addresses)d."
            )
            % {
                "photos": c["photos"],
                "galleries": c["galleries"],
                "addresses": c["old_addresses"],
            },
        ]
        lines.append(
            _("Readers' comments (the approved ones): %(new)d imported.") % {"new": c["comments"]}
        )
        not_imported = [f"{what}: {why}" for what, why in self.skipped]
        for post_type, count in sorted(self.skipped_types.items()):
            not_imported.append(
                ngettext(
                    "%(count)d item of type “%(type)s”: not a story.",
                    "%(count)d items of type “%(type)s”: not stories.",
                    count,
                )
                % {"count": count, "type": post_type}
            )
        for login, count in sorted(self.unknown_authors.items()):
            not_imported.append(
                ngettext(
                    "Author “%(login)s” is not in the export: %(count)d story has no author.",
                    "Author “%(login)s” is not in the export: %(count)d stories have no author.",
                    count,
                )
                % {"login": login, "count": count}
            )
        for name, why in sorted(self.bad_tags.items()):
            not_imported.append(_("Tag “%(name)s”: %(why)s") % {"name": name[:60], "why": why})
        for why, posts in self.photos.values():
            shown = ", ".join(posts[:10]) + (" …" if len(posts) > 10 else "")
            not_imported.append(
                f"{why} " + _("Shown in: %(posts)s.") % {"posts": shown} if posts else why
            )
        if not_imported:
            lines.append(
                ngettext(
                    "Not imported (%(count)d):", "Not imported (%(count)d):", len(not_imported)
                )
                % {"count": len(not_imported)}
            )
            lines += [f"  - {line}" for line in not_imported]
        if self.changed:
            lines.append(_("Imported with changes (%(count)d):") % {"count": len(self.changed)})
            lines += [f"  - {what}: {why}" for what, why in self.changed]
        return lines


class Importer:
    def __init__(self, path, *, source=None, dry_run=False, progress=None, batch=BATCH, now=None):
        self.path = path
        self.source = source or media.Nowhere()
        self.dry_run = dry_run
        self.progress_for = progress  # progress_for(total) → an object with advance(n)
        self.progress = None
        self.batch = batch
        self.now = now or timezone.now()
        self.report = Report(dry_run=dry_run)

    def run(self):
        """Import the export; raise ``wxr.ExportError`` (nothing imported) for a file that
        is not a readable export. Returns the ``Report``."""
        self.catalogue = wxr.read_catalogue(self.path)
        self.report.catalogue = self.catalogue
        if self.progress_for is not None:
            self.progress = self.progress_for(self.catalogue.post_count)
        if self.dry_run:
            with transaction.atomic():
                self._import()
                transaction.set_rollback(True)
        else:
            self._import()
            if self.report.created["comments"]:
                # Saved in bulk, without ``Comment.save``'s own rule: the stories' comment
                # parts are made again once, at the end.
                caching.changed(*comment_models.TAGS)
        return self.report

    # The steps

    def _import(self):
        self.site = self.catalogue.source
        self.known = {
            (kind, key): object_id
            for kind, key, object_id in ImportedItem.objects.filter(source=self.site).values_list(
                "kind", "key", "object_id"
            )
        }
        self._comment_keys = None
        self.post = None  # the post being imported, for the summary
        self.remembered = []  # what it recorded (ImportedItem), forgotten if it fails
        self.counts = Counter()  # what the current post created, kept if it is saved
        self.photos = media.Photos(
            self.catalogue,
            self.source,
            known=self.known,
            remember=self._remember,
            problem=lambda key, why: self.report.photo(key, why, self._post_label()),
            dry_run=self.dry_run,
            counted=lambda: self._count("photos"),
        )
        with transaction.atomic():
            self.sections = self._sections()
            self.users = self._authors()
        self._posts()

    def _remember(self, kind, key, record):
        ImportedItem.objects.create(source=self.site, kind=kind, key=str(key), object_id=record.pk)
        self.known[kind, str(key)] = record.pk
        if self.post is not None:
            self.remembered.append((kind, str(key)))

    def _count(self, name):
        """Counted for good now, or with the current post once it is saved."""
        (self.counts if self.post is not None else self.report.created)[name] += 1

    def _forget(self):
        """What the current post's savepoint made, rolled back with it."""
        for kind, key in self.remembered:
            self.known.pop((kind, key), None)
            if kind == Kind.CATEGORY:
                self.sections.pop(key, None)
            elif kind == Kind.COMMENT:
                self.comment_keys().pop(key, None)
        self.photos.rollback()

    def _known(self, kind, key, model):
        pk = self.known.get((kind, str(key)))
        return model._default_manager.filter(pk=pk).first() if pk is not None else None

    # Sections

    def _sections(self):
        categories = {c.slug: c for c in self.catalogue.categories}
        made = {}

        def make(category, seen=()):
            if category.slug in made:
                return made[category.slug]
            parent = None
            if category.parent in categories and category.parent not in seen:
                parent = make(categories[category.parent], (*seen, category.slug))
            made[category.slug] = self._section(category, parent)
            return made[category.slug]

        for category in self.catalogue.categories:
            make(category)
        return made

    def _section(self, category, parent):
        section = self._known(Kind.CATEGORY, category.slug, Section)
        if section is not None:
            self.report.existing["sections"] += 1
            return section
        slug = unquote(category.slug).lower()
        if not _PLAIN_SLUG.fullmatch(slug) or len(slug) > 100:
            slug = vietnamese_slugify(category.name, max_length=100, fallback="chuyen-muc")
        same = Section.objects.filter(slug=slug, parent=parent).first()
        if same is not None:
            self.report.existing["sections"] += 1
            self._remember(Kind.CATEGORY, category.slug, same)
            return same
        reserved = RESERVED_ANYWHERE | (RESERVED_TOP_LEVEL if parent is None else set())
        taken = set(Section.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
        section = Section(
            name=_line(category.name, 100) or slug,
            slug=numbered_slug(slug, taken | reserved, 100),
            parent=parent,
            description=_text(content.plain_text(category.description))[:1000],
        )
        section.save()
        self._remember(Kind.CATEGORY, category.slug, section)
        self._count("sections")
        return section

    def _section_for(self, post):
        """The most specific of the post's categories (WordPress allows several; a story
        has one section)."""
        found = []
        for slug, name in post.categories:
            if slug not in self.sections:
                category = wxr.Category(slug=slug, name=name or unquote(slug))
                self.catalogue.categories.append(category)
                self.sections[slug] = self._section(category, None)
            found.append(self.sections[slug])
        if not found:
            return None
        return max(found, key=lambda s: len(s.ancestors()))

    # Staff accounts

    def _authors(self):
        users = {}
        for login, author in self.catalogue.authors.items():
            users[login] = self._account(author)
        return users

    def _account(self, author):
        User = get_user_model()
        user = self._known(Kind.AUTHOR, author.login, User)
        if user is not None:
            self.report.existing["accounts"] += 1
            return user
        if author.email:
            user = User.objects.filter(email__iexact=author.email).order_by("pk").first()
            if user is not None:
                self.report.existing["accounts"] += 1
                self._remember(Kind.AUTHOR, author.login, user)
                return user
        base = _USERNAME_UNSAFE.sub("", author.login.lower().replace(" ", "."))[:150] or "wp"
        taken = {
            name.lower()
            for name in User.objects.filter(username__istartswith=base).values_list(
                "username", flat=True
            )
        }
        name = author.display_name if author.display_name != author.login else ""
        name = name or " ".join(filter(None, [author.last_name, author.first_name]))
        words = _line(name, 300).split()
        user = User(
            username=numbered_slug(base, taken, 150),
            email=author.email[:254],
            first_name=" ".join(words[:-1])[:150],
            last_name=(words[-1] if words else "")[:150],
            is_staff=True,
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
        self._remember(Kind.AUTHOR, author.login, user)
        self.report.created["accounts"] += 1
        return user

    # Posts

    def _posts(self):
        batch, self.seen = [], 0
        for post in wxr.posts(self.path):
            self.seen += post.type == "post" and post.status != "auto-draft"
            if not self._wanted(post):
                continue
            batch.append(post)
            if len(batch) >= self.batch:
                self._batch(batch)
                batch = []
        self._batch(batch)

    def _wanted(self, post):
        """Whether ``post`` is a post to import; the summary says why not."""
        if post.type != "post":
            if post.type == "page":
                self.report.skipped.append(
                    (self._label(post), _("a page, not a story: recreate it if needed."))
                )
            else:
                self.report.skipped_types[post.type] += 1
            return False
        if post.status == "auto-draft":
            self.report.skipped_types["auto-draft"] += 1
            return False
        if post.status == "trash":
            self.report.skipped.append((self._label(post), _("in WordPress's trash.")))
            return False
        return True

    def _batch(self, posts):
        self.slugs = []
        with transaction.atomic():
            for post in posts:
                self._one(post)
            if self.slugs:
                Article.objects.bulk_update(
                    [Article(pk=pk, slug=slug) for pk, slug in self.slugs], ["slug"]
                )
        if self.progress is not None and self.seen:
            self.progress.advance(self.seen)
        self.seen = 0

    def _one(self, post):
        if (Kind.POST, str(post.id)) in self.known:
            self.report.existing["posts"] += 1
            self._later_comments(post)
            return
        self.post, self.counts, self.remembered, changes = post, Counter(), [], []
        try:
            with transaction.atomic():
                status = self._save(post, changes)
        except (Skip, ValidationError, DataError, IntegrityError) as error:
            self._forget()
            why = error.messages[0] if isinstance(error, ValidationError) else str(error)
            self.report.skipped.append((self._label(post), why))
        else:
            self.photos.commit()
            self.report.created.update(self.counts)
            self.report.created[status] += 1
            self.report.changed += [(self._label(post), why) for why in changes]
        finally:
            self.post = None

    def _save(self, post, changes):
        status, publication_at = self._status(post, changes)
        author = self.users.get(post.creator)
        if author is None and post.creator:
            self.report.unknown_authors[post.creator] += 1
        self.photos.uploaded_by = author
        removed = []
        body = content.Converter(
            self.catalogue.site_url,
            self.photos,
            lambda ids: self._gallery(post, ids, author),
            removed.append,
        ).convert(_text(post.content))
        validate_rich_text(body)
        changes += [
            _("shortcode %(name)s taken out (its text kept).") % {"name": name}
            for name in dict.fromkeys(removed)
        ]
        title = _line(post.title, TITLE_MAX)
        if not title:
            title = _("Untitled (WordPress post %(id)s)") % {"id": post.id}
            changes.append(_("no title: named “%(title)s”.") % {"title": title})
        lead = _line(post.excerpt, LEAD_MAX) or _line(content.excerpt_of(body), LEAD_MAX)
        created = post.date or self._local(post.local_date) or self.now
        featured = None
        thumbnail = post.meta.get("_thumbnail_id", "").strip()
        if thumbnail.isdigit():
            featured = self.photos.for_attachment(int(thumbnail), author).image
        article = Article(
            title=title,
            lead=lead,
            body=body,
            section=self._section_for(post),
            status=status,
            publication_at=publication_at,
            first_published_at=publication_at if status == Status.PUBLISHED else None,
            created_at=created,
            updated_at=self._updated(post.modified, publication_at, created),
            created_by=author,
            featured_image=featured,
        )
        article.save()
        if author is not None:
            article.authors.add(author)
        tags = self._tags(post)
        if tags:
            article.tags.add(*tags)
        self._remember(Kind.POST, post.id, article)
        self._old_addresses(post, article, changes)
        slug = unquote(post.slug).lower()
        if _PLAIN_SLUG.fullmatch(slug) and len(slug) <= SLUG_MAX and slug != article.slug:
            self.slugs.append((article.pk, slug))
        self._comments(post, article)
        if status == Status.PUBLISHED and publication_at > self.now:
            return "scheduled"
        return "published" if status == Status.PUBLISHED else str(status)

    def _comments(self, post, story):
        """The approved comments of ``post`` not imported before, under ``story``."""
        known = self.comment_keys()
        saved = comment_step.save_comments(story, post.comments, known, now=self.now)
        if not saved:
            return
        ImportedItem.objects.bulk_create(
            ImportedItem(source=self.site, kind=Kind.COMMENT, key=str(wp_id), object_id=c.pk)
            for wp_id, c in saved.items()
        )
        for wp_id, comment in saved.items():
            known[str(wp_id)] = comment.pk
            self.known[Kind.COMMENT, str(wp_id)] = comment.pk
            if self.post is not None:
                self.remembered.append((Kind.COMMENT, str(wp_id)))
            self._count("comments")

    def comment_keys(self):
        """WordPress comment id → our comment's pk, for this site's comments imported."""
        if self._comment_keys is None:
            self._comment_keys = {
                key: pk for (kind, key), pk in self.known.items() if kind == Kind.COMMENT
            }
        return self._comment_keys

    def _later_comments(self, post):
        """An export taken after an earlier import brings the comments written since."""
        known = self.comment_keys()
        if not any(str(c.id) not in known for c in comment_step.approved(post.comments)):
            return
        story = (
            Article.objects.filter(pk=self.known[Kind.POST, str(post.id)])
            .only("pk", "created_at")
            .first()
        )
        if story is None:  # deleted here since: its comments have nowhere to go
            return
        self.post, self.counts, self.remembered = post, Counter(), []
        try:
            with transaction.atomic():
                self._comments(post, story)
        except (ValidationError, DataError, IntegrityError) as error:
            self._forget()
            why = error.messages[0] if isinstance(error, ValidationError) else str(error)
            self.report.skipped.append((self._label(post), why))
        else:
            self.report.created.update(self.counts)
        finally:
            self.post = None

    def _status(self, post, changes):
        """``(status, publication time)``: nothing WordPress did not show to everyone
        becomes public here."""
        if post.status in {"publish", "future"}:
            when = post.date or self._local(post.local_date)
            if when is None:
                raise Skip(_("published, but without a date."))
            validate_publication_time(when)
            if post.password:
                changes.append(_("protected by a password on WordPress: imported as a draft."))
                return Status.DRAFT, None
            return Status.PUBLISHED, when
        if post.status == "private":
            changes.append(_("private on WordPress: imported as a draft."))
            return Status.DRAFT, None
        if post.status == "draft":
            return Status.DRAFT, None
        if post.status == "pending":
            return Status.IN_REVIEW, None
        raise Skip(_("WordPress status “%(status)s” is not imported.") % {"status": post.status})

    def _updated(self, *times):
        """The last change readers could have seen: never later than now."""
        return max((t for t in times if t is not None and t <= self.now), default=self.now)

    def _local(self, naive):
        """A time WordPress gives in the site's own time: Vietnam's, like ours."""
        if naive is None:
            return None
        return timezone.make_aware(naive, timezone.get_default_timezone())

    def _tags(self, post):
        names = {}
        for _slug, name in post.tags:
            name = clean_name(_text(name))
            problem = name_problem(name) if name else None
            if problem is not None:
                self.report.bad_tags.setdefault(name, " ".join(problem.messages))
            elif name:
                names.setdefault(name.casefold(), name)
        return list(names.values())

    def _gallery(self, post, ids, author):
        """A library gallery of the photos ``ids`` (``None``: the photos attached to the
        post, in their order); its id, or ``None`` when none of its photos was found."""
        if ids is None:
            attached = [a for a in self.catalogue.attachments.values() if a.parent == post.id]
            ids = [a.id for a in sorted(attached, key=lambda a: (a.order, a.id))]
        found = [self.photos.for_attachment(number, author) for number in ids]
        images = list(dict.fromkeys(f.image for f in found if f.image is not None))
        if not images and not any(f.dry_run for f in found):
            return None
        gallery = Gallery.objects.create(
            title=_line(post.title, 200) or _("Gallery"), created_by=author
        )
        GalleryImage.objects.bulk_create(
            GalleryImage(gallery=gallery, image=image, position=(number + 1) * 10)
            for number, image in enumerate(images)
        )
        self.counts["galleries"] += 1
        return gallery.pk

    def _old_addresses(self, post, article, changes):
        keys = list(dict.fromkeys(filter(None, [key_for_url(post.link), key_for_url(post.guid)])))
        taken = dict(OldAddress.objects.filter(path__in=keys).values_list("path", "article_id"))
        for key in keys:
            if key in taken:
                changes.append(
                    _("the old address %(path)s already leads to another story.") % {"path": key}
                )
        new = [OldAddress(path=key, article=article) for key in keys if key not in taken]
        OldAddress.objects.bulk_create(new)
        self.counts["old_addresses"] += len(new)

    # How the summary names things

    def _label(self, post):
        kind = _("Page") if post.type == "page" else _("Post")
        title = _line(post.title, 60)
        return f"{kind} #{post.id} “{title}”" if title else f"{kind} #{post.id}"

    def _post_label(self):
        return f"#{self.post.id}" if self.post is not None else ""
