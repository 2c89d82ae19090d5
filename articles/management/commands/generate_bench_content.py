"""Fill the database with newsroom-scale content for benchmarks.

``manage.py generate_bench_content --articles 1000000`` makes sections and sub-sections,
a long tail of tags, authors, sources, image rows sharing a few real files, and stories of
realistic length in Vietnamese-like text spread over years (some with photos in the
body), with drafts, stories in review, withdrawn ones and a few dozen scheduled over the
next week among them, a few featured on the home page, and "most read" view counts for
the last days.

On PostgreSQL a million stories take minutes on a 2-core machine:

* rows are streamed with ``COPY`` into unlogged staging tables;
* the secondary indexes of the tables being filled (the search GIN index above all) are
  dropped while the rows move in and rebuilt once at the end, which is far cheaper than
  keeping them current row by row;
* the rows move from staging into the real tables with ``INSERT … SELECT`` over several
  connections at once (``--jobs``, one per core by default). The search trigger of
  migration ``0003_search_vector_unaccent`` stays on, so every story's ``search_vector``
  is exactly what the trigger writes for any other story: the cost of parsing the text
  is spread over the cores instead of being skipped.

Other databases (SQLite for local runs) get the same rows through ``bulk_create``."""

import datetime
import io
import os
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleDailyViews, Source, Status
from images.models import Image, Rendition
from newsroom.html import sanitize
from newsroom.text import fold, vietnamese_slugify
from sections.models import Section

_VOCABULARY = (
    "hội nghị khoa học công nghệ phát triển kinh tế xã hội giáo dục đào tạo môi trường "
    "sức khỏe người dân thành phố tỉnh đồng bằng miền núi nông nghiệp doanh nghiệp đầu tư "
    "chính sách quốc hội chính phủ bộ trưởng địa phương dự án cao tốc đường sắt cảng biển "
    "năng lượng tái tạo điện mặt trời gió biển đảo thủy sản lúa gạo xuất khẩu thị trường "
    "chứng khoán ngân hàng lãi suất học sinh sinh viên đại học trường bệnh viện bác sĩ "
    "vắc xin dịch bệnh văn hóa lễ hội du lịch di sản bảo tồn nghiên cứu chuyên gia đề xuất "
    "giải pháp đổi mới sáng tạo chuyển đổi số trí tuệ nhân tạo dữ liệu an ninh mạng "
    "hạ tầng giao thông Đà Nẵng Hà Nội Huế Cần Thơ Đồng Nai Quảng Ninh Nghệ An "
    "đại biểu hội thảo báo cáo kết quả năm nay tháng quý tăng trưởng giảm mạnh ổn định "
    "cộng đồng thanh niên phụ nữ trẻ em người cao tuổi lao động việc làm thu nhập"
)
WORDS = _VOCABULARY.split()
SECTION_NAMES = {
    "Thời sự": ["Chính trị", "Xã hội", "Pháp luật"],
    "Kinh tế": ["Doanh nghiệp", "Tài chính", "Bất động sản"],
    "Khoa học - Công nghệ": ["Công nghệ số", "Khám phá", "Vũ trụ"],
    "Môi trường": ["Biến đổi khí hậu", "Đa dạng sinh học"],
    "Giáo dục": ["Tuyển sinh", "Du học"],
    "Sức khỏe": ["Y tế", "Dinh dưỡng"],
    "Văn hóa": ["Di sản", "Du lịch"],
    "Thế giới": ["Châu Á", "Quốc tế"],
    "Thể thao": ["Bóng đá", "Các môn khác"],
    "Địa phương": ["Miền Bắc", "Miền Trung", "Miền Nam"],
}
PREFIX = "bench"
IMAGE_COUNT = 200
TAG_COUNT = 5_000
FEATURED = 5
SCHEDULED = 50  # over the next week
# "Most read" needs views: stories published in the last VIEW_DAYS days get a row per day
# on most of the days since.
VIEW_DAYS = 10
# Staging tables of the PostgreSQL load, dropped at its end.
STAGING = {
    "article": "bench_load_article",
    "authors": "bench_load_article_authors",
    "body_images": "bench_load_article_body_images",
    "tags": "bench_load_taggeditem",
}


class Command(BaseCommand):
    help = "Generate benchmark content: sections, tags, authors, images and N stories."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=20211115)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Database connections working at once on PostgreSQL (default: one per core).",
        )

    def handle(self, *args, **options):
        if options["articles"] < 1:
            raise CommandError("--articles must be at least 1.")
        if options["batch"] < 1 or options["jobs"] < 1:
            raise CommandError("--batch and --jobs must be at least 1.")
        self.random = random.Random(options["seed"])
        self.started = time.monotonic()
        self.now = timezone.now()
        self.span = options["years"] * 365 * 24 * 3600
        # A newsroom schedules a few dozen stories ahead, however big its archive: every
        # scheduled story going live ends the cached lists, so their number matters.
        self.scheduled_left = SCHEDULED
        with transaction.atomic():
            self.sections = [s.pk for s in self.make_sections()]
            authors = self.make_authors()
            self.authors = [a.pk for a in authors]
            self.sources = [s.pk for s in self.make_sources()]
            images = self.make_images(authors[0])
            self.images = [i.pk for i in images]
            self.tags = self.make_tags(TAG_COUNT)
            self.content_type = ContentType.objects.get_for_model(Article).pk
        self.prepare_text(images)
        if connection.vendor == "postgresql":
            PostgreSQLLoader(self, options["jobs"]).load(options["articles"], options["batch"])
        else:
            self.load_with_orm(options["articles"], options["batch"])
        self.feature_on_home()
        self.stdout.write(
            self.style.SUCCESS(f"Done: {options['articles']} stories in {self.elapsed()} s.")
        )

    def elapsed(self):
        return f"{time.monotonic() - self.started:.0f}"

    def progress(self, message):
        self.stdout.write(f"{message} ({self.elapsed()} s)")

    # Supporting rows

    def make_sections(self):
        sections = []
        for order, (name, children) in enumerate(SECTION_NAMES.items()):
            parent, _created = Section.objects.get_or_create(
                slug=vietnamese_slugify(name), defaults={"name": name, "order": order}
            )
            sections.append(parent)
            for child_order, child in enumerate(children):
                section, _created = Section.objects.get_or_create(
                    slug=vietnamese_slugify(child),
                    defaults={"name": child, "parent": parent, "order": child_order},
                )
                sections.append(section)
        return sections

    def make_authors(self):
        User = get_user_model()
        authors = []
        for number in range(50):
            user, created = User.objects.get_or_create(
                username=f"{PREFIX}-pv{number}",
                defaults={
                    "first_name": self.random.choice(["Nguyễn", "Trần", "Lê", "Phạm"]),
                    "last_name": f"Phóng viên {number}",
                    "is_staff": True,
                },
            )
            if created:
                user.set_unusable_password()
                user.save()
            authors.append(user)
        return authors

    def make_sources(self):
        return [
            Source.objects.get_or_create(
                name=f"{PREFIX}-nguon{n}.vn", defaults={"url": f"https://{PREFIX}-nguon{n}.vn"}
            )[0]
            for n in range(40)
        ]

    def make_images(self, uploader):
        """Ten real files with their renditions, and image rows sharing them (with copies
        of their renditions), as a library of IMAGE_COUNT photos."""
        existing = list(Image.objects.filter(credit__startswith=f"{PREFIX}:")[:IMAGE_COUNT])
        if len(existing) >= IMAGE_COUNT:
            return existing
        files = []
        for number in range(10):
            buffer = io.BytesIO()
            hue = (number * 25, 120 + number * 10, 200 - number * 15)
            PILImage.new("RGB", (1600, 900), hue).save(buffer, "JPEG", quality=80)
            image = Image(
                file=ContentFile(buffer.getvalue(), name="bench.jpg"),
                caption=f"Ảnh minh họa số {number}",
                alt_text=f"Ảnh minh họa {number}",
                credit=f"{PREFIX}: Ảnh thử",
                uploaded_by=uploader,
            )
            image.save()
            files.append(Image.objects.get(pk=image.pk))
        clones = Image.objects.bulk_create(
            Image(
                file=files[n % 10].file.name,
                caption=f"Ảnh minh họa {n}",
                alt_text=f"Ảnh minh họa {n}",
                credit=f"{PREFIX}: Ảnh thử",
                width=files[n % 10].width,
                height=files[n % 10].height,
                file_size=files[n % 10].file_size,
                rendition_list=files[n % 10].rendition_list,
                search_text=fold(f"Ảnh minh họa {n} {PREFIX}: Ảnh thử Ảnh minh họa {n}"),
                uploaded_by=uploader,
            )
            for n in range(10, IMAGE_COUNT)
        )
        Rendition.objects.bulk_create(
            Rendition(
                image=clone,
                width=rendition.width,
                height=rendition.height,
                format=rendition.format,
                file=rendition.file.name,
                file_size=rendition.file_size,
            )
            for n, clone in enumerate(clones, start=10)
            for rendition in files[n % 10].renditions.all()
        )
        return list(Image.objects.filter(credit__startswith=f"{PREFIX}:")[:IMAGE_COUNT])

    def make_tags(self, count):
        existing = set(
            Tag.objects.filter(slug__startswith=f"{PREFIX}-").values_list("slug", flat=True)
        )
        new = []
        for number in range(count):
            name = f"{' '.join(self.random.sample(WORDS, 2))} {number}"
            slug = f"{PREFIX}-{vietnamese_slugify(name)}"
            if slug not in existing:
                new.append(Tag(name=f"{name}", slug=slug))
        Tag.objects.bulk_create(new, ignore_conflicts=True)
        return list(Tag.objects.filter(slug__startswith=f"{PREFIX}-").values_list("pk", flat=True))

    # Text

    def prepare_text(self, images):
        """Pools of paragraphs and body photos, each with its folded text: folding is the
        costly part of a story, so every piece is folded once and reused."""
        self.word_numbers = range(len(WORDS))
        self.folded_words = [fold(word) for word in WORDS]
        self.paragraphs = [
            (f"<p>{text}</p>", folded)
            for text, folded in (self.sentence_block() for _ in range(1_500))
        ]
        self.figures = []
        for image in images:
            caption = f"{self.words(6, 12)[0]}. Ảnh: {image.credit.split(':')[-1].strip()}"
            html = sanitize(
                f'<figure class="image"><img src="{image.file.url}" alt="{image.alt_text}" '
                f'width="{image.width}" height="{image.height}">'
                f"<figcaption>{caption}</figcaption></figure>"
            )
            self.figures.append((image.pk, html, fold(caption)))

    def words(self, low, high):
        """``(text, folded)``: between ``low`` and ``high`` words, the first capitalised."""
        picks = self.random.choices(self.word_numbers, k=self.random.randint(low, high))
        text = " ".join([WORDS[n] for n in picks])
        return text[:1].upper() + text[1:], " ".join([self.folded_words[n] for n in picks])

    def sentence_block(self):
        sentences = [self.words(12, 24) for _ in range(self.random.randint(3, 6))]
        return " ".join(f"{s}." for s, _f in sentences), " ".join(f for _s, f in sentences)

    def body(self):
        """The body's HTML, its folded text and the library photos it shows."""
        parts, folded, photos = [], [], []
        paragraphs = self.random.randint(6, 10)
        with_photo = self.random.random() < 0.5
        for number in range(paragraphs):
            if number == 3:
                heading, heading_folded = self.words(4, 8)
                parts.append(f"<h2>{heading}</h2>")
                folded.append(heading_folded)
            if with_photo and number == paragraphs // 2:
                image_id, html, caption_folded = self.random.choice(self.figures)
                parts.append(html)
                folded.append(caption_folded)
                photos.append(image_id)
            html, text_folded = self.random.choice(self.paragraphs)
            parts.append(html)
            folded.append(text_folded)
        return "".join(parts), " ".join(folded), photos

    # Stories

    def stories(self, ids):
        """One story per id: ``(fields, author ids, tag ids, body photo ids)``; ``fields``
        maps column attnames to values."""
        rand = self.random
        now, span = self.now, self.span
        for pk in ids:
            words, folded_words = self.words(6, 14)
            title, title_folded = f"{words} {pk}", f"{folded_words} {pk}"
            lead, lead_folded = self.words(25, 45)
            lead, lead_folded = f"{lead}.", f"{lead_folded}."
            body, body_folded, photos = self.body()
            roll = rand.random()
            if roll < 0.01:
                status, when = Status.DRAFT, None
            elif roll < 0.02:
                status, when = Status.IN_REVIEW, None
            elif roll < 0.025 and self.scheduled_left:
                self.scheduled_left -= 1
                status = Status.PUBLISHED
                when = now + datetime.timedelta(minutes=rand.randint(5, 7 * 24 * 60))
            elif 0.025 <= roll < 0.03:
                status = Status.WITHDRAWN
                when = now - datetime.timedelta(seconds=rand.randint(0, span))
            else:
                status = Status.PUBLISHED
                when = now - datetime.timedelta(seconds=int(rand.random() ** 2 * span))
            republished = rand.random() < 0.2
            authors = rand.sample(self.authors, rand.choice([1, 1, 1, 2]))
            # A long tail: most stories carry popular tags, a few carry rare ones.
            tags = {
                self.tags[int(rand.paretovariate(1.2)) % len(self.tags)]
                for _ in range(rand.randint(2, 5))
            }
            fields = {
                "id": pk,
                "title": title,
                "slug": vietnamese_slugify(title),
                "lead": lead,
                "body": body,
                "section_id": rand.choice(self.sections),
                "byline": "" if rand.random() < 0.8 else "Nhóm PV",
                "is_republished": republished,
                "source_id": rand.choice(self.sources) if republished else None,
                "source_url": "https://example.vn/bai-goc" if republished else "",
                "featured_image_id": rand.choice(self.images),
                "status": status,
                "publication_at": when,
                "first_published_at": (
                    when if status == Status.PUBLISHED and when <= now else None
                ),
                "created_at": (when or now) - datetime.timedelta(hours=2),
                "updated_at": when or now,
                "created_by_id": authors[0],
                "search_text": f"{title_folded} {lead_folded} {body_folded}",
            }
            yield fields, authors, tags, photos

    def views(self, pk, status, when):
        """``[(day, count), …]``: the story's "most read" views, if recent and public."""
        if status != Status.PUBLISHED or when is None or when > self.now:
            return []
        age = (self.now - when).days
        if age >= VIEW_DAYS:
            return []
        first = timezone.localtime(when).date()
        today = timezone.localdate(self.now)
        days = [first + datetime.timedelta(days=n) for n in range((today - first).days + 1)]
        return [
            (day, int(self.random.paretovariate(1.1) * 20))
            for day in days
            if self.random.random() < 0.7
        ]

    def feature_on_home(self):
        """The newest public stories lead the home page, as an editor would set it."""
        newest = list(Article.objects.public().latest_first().values_list("pk", flat=True)[:5])
        Article.objects.filter(featured_on_home=True).update(featured_on_home=False)
        for order, pk in enumerate(newest):
            Article.objects.filter(pk=pk).update(featured_on_home=True, home_order=order)

    # Loading with the ORM (SQLite and other databases)

    def load_with_orm(self, total, batch):
        made = 0
        next_id = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        while made < total:
            count = min(batch, total - made)
            ids = range(next_id + made, next_id + made + count)
            articles, authors, tags, photos, views = [], [], [], [], []
            for fields, author_ids, tag_ids, photo_ids in self.stories(ids):
                articles.append(Article(**fields))
                pk = fields["id"]
                authors += [Article.authors.through(article_id=pk, user_id=a) for a in author_ids]
                tags += [
                    TaggedItem(tag_id=t, content_type_id=self.content_type, object_id=pk)
                    for t in tag_ids
                ]
                photos += [
                    Article.body_images.through(article_id=pk, image_id=i) for i in photo_ids
                ]
                views += [
                    ArticleDailyViews(article_id=pk, day=day, count=n)
                    for day, n in self.views(pk, fields["status"], fields["publication_at"])
                ]
            with transaction.atomic():
                Article.objects.bulk_create(articles, batch_size=500)
                Article.authors.through.objects.bulk_create(authors, batch_size=1_000)
                TaggedItem.objects.bulk_create(tags, batch_size=1_000)
                Article.body_images.through.objects.bulk_create(photos, batch_size=1_000)
                ArticleDailyViews.objects.bulk_create(views, batch_size=1_000)
            made += count
            self.progress(f"{made}/{total} stories")


class PostgreSQLLoader:
    """COPY into staging tables, then move the rows in over several connections with the
    tables' secondary indexes dropped, then rebuild the indexes (see the module's
    docstring). Each batch of stories moves in while the next one is being written."""

    def __init__(self, command, jobs):
        self.command = command
        self.jobs = jobs
        self.article_table = Article._meta.db_table
        self.authors_table = Article.authors.through._meta.db_table
        self.photos_table = Article.body_images.through._meta.db_table
        self.tags_table = TaggedItem._meta.db_table
        self.columns = [
            f.attname for f in Article._meta.concrete_fields if f.attname != "search_vector"
        ]
        self.defaults = {
            f.attname: f.get_default()
            for f in Article._meta.concrete_fields
            if f.attname in self.columns
        }
        self.lock = threading.Lock()
        self.view_rows = []

    def load(self, total, batch):
        self.create_staging()
        indexes = self.secondary_indexes(total)
        try:
            self.drop(indexes)
            columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            move = self.insert_from(
                self.article_table, columns, STAGING["article"], where="WHERE id BETWEEN %s AND %s"
            )
            with ThreadPoolExecutor(max_workers=self.jobs) as pool:
                moving, made = [], 0
                while made < total:
                    count = min(batch, total - made)
                    low, high = self.stage(count)
                    made += count
                    self.command.progress(f"{made}/{total} stories written")
                    label = f"stories {low}-{high} moved in"
                    moving.append(pool.submit(self.run, move, [low, high], label))
                for done in moving:
                    done.result()
            self.move_links()
        finally:
            self.rebuild(indexes)
            with connection.cursor() as cursor:
                for table in STAGING.values():
                    cursor.execute(f"DROP TABLE IF EXISTS {table}")
        self.vacuum()

    def create_staging(self):
        with connection.cursor() as cursor:
            for table in STAGING.values():
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE UNLOGGED TABLE {STAGING['article']} (LIKE {self.article_table})"
            )
            cursor.execute(
                f"CREATE UNLOGGED TABLE {STAGING['authors']} (article_id bigint, user_id int)"
            )
            cursor.execute(
                f"CREATE UNLOGGED TABLE {STAGING['body_images']} "
                "(article_id bigint, image_id bigint)"
            )
            cursor.execute(f"CREATE UNLOGGED TABLE {STAGING['tags']} (object_id int, tag_id int)")

    def allocate_ids(self, count):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [self.article_table, count],
            )
            return [row[0] for row in cursor.fetchall()]

    def stage(self, count):
        """Write ``count`` stories and their links to the staging tables; their lowest and
        highest ids."""
        command = self.command
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        authors, tags, photos = [], [], []
        ids = self.allocate_ids(count)
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.copy(f"COPY {STAGING['article']} ({columns}) FROM STDIN") as copy:
                for fields, author_ids, tag_ids, photo_ids in command.stories(ids):
                    row = {**self.defaults, **fields}
                    copy.write_row([row[c] for c in self.columns])
                    pk = fields["id"]
                    authors += [(pk, a) for a in author_ids]
                    tags += [(pk, t) for t in tag_ids]
                    photos += [(pk, i) for i in photo_ids]
                    self.view_rows += [
                        (pk, day, n)
                        for day, n in command.views(pk, fields["status"], fields["publication_at"])
                    ]
            self.copy_rows(cursor, STAGING["authors"], "article_id, user_id", authors)
            self.copy_rows(cursor, STAGING["tags"], "object_id, tag_id", tags)
            self.copy_rows(cursor, STAGING["body_images"], "article_id, image_id", photos)
        return min(ids), max(ids)

    @staticmethod
    def copy_rows(cursor, table, columns, rows):
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @staticmethod
    def insert_from(table, columns, staging, select=None, where=""):
        """``INSERT INTO table (columns) SELECT … FROM staging``. Every name here is a
        model's table or column or one of ours, never input."""
        select = select or columns
        return f"INSERT INTO {table} ({columns}) SELECT {select} FROM {staging} {where}"  # noqa: S608

    def secondary_indexes(self, total):
        """``[(name, definition), …]`` of the indexes worth dropping for this load: those
        not backing a constraint, on tables the load at least doubles (rebuilding a big
        table's indexes for a few rows would cost more than it saves)."""
        found = []
        with connection.cursor() as cursor:
            for table in (self.article_table, self.authors_table, self.tags_table):
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
                if cursor.fetchone()[0] > total:
                    continue
                cursor.execute(
                    """
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                    FROM pg_index i
                    WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                    ORDER BY pg_relation_size(i.indexrelid) DESC
                    """,
                    [table],
                )
                found += cursor.fetchall()
        # The GIN index takes longest to build: start it first.
        return sorted(found, key=lambda index: " USING gin " not in index[1])

    def drop(self, indexes):
        with connection.cursor() as cursor:
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        self.command.progress(f"{len(indexes)} secondary indexes dropped for the load")

    def run(self, sql, params, label):
        """Run one statement on a connection of this thread's own."""
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                cursor.execute(sql, params)
        finally:
            connection.close()
        with self.lock:
            self.command.progress(label)

    def parallel(self, tasks):
        """Run ``(sql, params, label)`` statements over ``self.jobs`` connections."""
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            for _done in pool.map(lambda task: self.run(*task), tasks):
                pass

    def move_links(self):
        content_type = self.command.content_type
        self.parallel(
            [
                (
                    self.insert_from(self.authors_table, "article_id, user_id", STAGING["authors"]),
                    [],
                    "authors moved in",
                ),
                (
                    self.insert_from(
                        self.photos_table, "article_id, image_id", STAGING["body_images"]
                    ),
                    [],
                    "body photos moved in",
                ),
                (
                    self.insert_from(
                        self.tags_table,
                        "content_type_id, object_id, tag_id",
                        STAGING["tags"],
                        select="%s, object_id, tag_id",
                    ),
                    [content_type],
                    "tags moved in",
                ),
            ]
        )
        with transaction.atomic(), connection.cursor() as cursor:
            self.copy_rows(
                cursor, ArticleDailyViews._meta.db_table, "article_id, day, count", self.view_rows
            )
        self.command.progress(f"{len(self.view_rows)} daily view counts added")

    def rebuild(self, indexes):
        self.parallel(
            (
                re.sub(r"^CREATE (UNIQUE )?INDEX ", r"CREATE \1INDEX IF NOT EXISTS ", definition),
                [],
                f"index {name} rebuilt",
            )
            for name, definition in indexes
        )

    def vacuum(self):
        # Hint bits and the visibility map now, so that index-only scans work at once and
        # autovacuum does not do it in the middle of a benchmark.
        tables = [
            self.article_table,
            self.authors_table,
            self.photos_table,
            self.tags_table,
            ArticleDailyViews._meta.db_table,
        ]
        self.parallel((f"VACUUM ANALYZE {table}", [], f"{table} vacuumed") for table in tables)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.command.progress("statistics gathered")
