"""Fill the database with newsroom-scale content for benchmarks.

``manage.py generate_bench_content --articles 1000000`` makes sections and sub-sections,
a long tail of tags, authors, sources, image rows sharing a few real files, and stories of
realistic length in Vietnamese-like text spread over years, with drafts, stories in
review, scheduled and withdrawn ones among them. Rows go in with bulk inserts (COPY on
PostgreSQL), so a million stories take minutes on a 2-core machine."""

import datetime
import io
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag, TaggedItem

from articles.models import Article, Source, Status
from images.models import Image
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


class Command(BaseCommand):
    help = "Generate benchmark content: sections, tags, authors, images and N stories."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=20211115)
        parser.add_argument("--years", type=int, default=5)

    def handle(self, *args, **options):
        if options["articles"] < 1:
            raise CommandError("--articles must be at least 1.")
        self.random = random.Random(options["seed"])
        started = time.monotonic()
        with transaction.atomic():
            sections = self.make_sections()
            authors = self.make_authors()
            sources = self.make_sources()
            images = self.make_images(authors[0])
            tags = self.make_tags(5_000)
        # Folding is the costly part of a row: fold each paragraph once, reuse it.
        self.paragraphs = [
            (text, fold(text)) for text in (self.sentence_block() for _ in range(1_500))
        ]
        total = options["articles"]
        made = 0
        while made < total:
            count = min(options["batch"], total - made)
            with transaction.atomic():
                self.insert_batch(
                    count, made, sections, authors, sources, images, tags, options["years"]
                )
            made += count
            self.stdout.write(f"{made}/{total} stories ({time.monotonic() - started:.0f} s)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Done: {total} stories in {time.monotonic() - started:.0f} s.")
        )

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
        existing = list(Image.objects.filter(credit__startswith=f"{PREFIX}:")[:200])
        if len(existing) >= 200:
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
            files.append(image)
        clones = [
            Image(
                file=files[n % 10].file.name,
                caption=f"Ảnh minh họa {n}",
                alt_text=f"Ảnh minh họa {n}",
                credit=f"{PREFIX}: Ảnh thử",
                width=1600,
                height=900,
                file_size=files[n % 10].file_size,
                uploaded_by=uploader,
            )
            for n in range(10, 200)
        ]
        Image.objects.bulk_create(clones)
        return list(Image.objects.filter(credit__startswith=f"{PREFIX}:")[:200])

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

    # Stories

    def words(self, low, high):
        return " ".join(self.random.choice(WORDS) for _ in range(self.random.randint(low, high)))

    def sentence_block(self):
        sentences = [
            self.words(12, 24).capitalize() + "." for _ in range(self.random.randint(3, 6))
        ]
        return " ".join(sentences)

    def body(self):
        """The body's HTML and its folded text."""
        parts, folded = [], []
        for number in range(self.random.randint(6, 10)):
            if number == 3:
                heading = self.words(4, 8).capitalize()
                parts.append(f"<h2>{heading}</h2>")
                folded.append(fold(heading))
            text, text_folded = self.random.choice(self.paragraphs)
            parts.append(f"<p>{text}</p>")
            folded.append(text_folded)
        return "".join(parts), " ".join(folded)

    def insert_batch(self, count, offset, sections, authors, sources, images, tags, years):
        now = timezone.now()
        span = years * 365 * 24 * 3600
        rows = []
        for index in range(count):
            title = f"{self.words(6, 14).capitalize()} {offset + index}"
            lead = self.words(25, 45).capitalize() + "."
            body, body_folded = self.body()
            roll = self.random.random()
            if roll < 0.01:
                status, when = Status.DRAFT, None
            elif roll < 0.02:
                status, when = Status.IN_REVIEW, None
            elif roll < 0.025:
                status = Status.PUBLISHED
                when = now + datetime.timedelta(minutes=self.random.randint(5, 7 * 24 * 60))
            elif roll < 0.03:
                status = Status.WITHDRAWN
                when = now - datetime.timedelta(seconds=self.random.randint(0, span))
            else:
                status = Status.PUBLISHED
                when = now - datetime.timedelta(seconds=int(self.random.random() ** 2 * span))
            republished = self.random.random() < 0.2
            rows.append(
                Article(
                    title=title,
                    slug=vietnamese_slugify(title),
                    lead=lead,
                    body=body,
                    section=self.random.choice(sections),
                    byline="" if self.random.random() < 0.8 else "Nhóm PV",
                    is_republished=republished,
                    source=self.random.choice(sources) if republished else None,
                    source_url="https://example.vn/bai-goc" if republished else "",
                    featured_image=self.random.choice(images),
                    status=status,
                    publication_at=when,
                    first_published_at=when if status == Status.PUBLISHED and when <= now else None,
                    created_at=(when or now) - datetime.timedelta(hours=2),
                    updated_at=when or now,
                    featured_on_home=False,
                    home_order=0,
                    search_text=f"{fold(title)} {fold(lead)} {body_folded}",
                )
            )
        created = Article.objects.bulk_create(rows, batch_size=1_000)
        through = Article.authors.through
        content_type = ContentType.objects.get_for_model(Article)
        author_rows, tag_rows = [], []
        for article in created:
            for author in self.random.sample(authors, self.random.choice([1, 1, 1, 2])):
                author_rows.append(through(article_id=article.pk, user_id=author.pk))
            # A long tail: most stories carry popular tags, a few carry rare ones.
            chosen = {
                tags[int(self.random.paretovariate(1.2)) % len(tags)]
                for _ in range(self.random.randint(2, 5))
            }
            for tag_id in chosen:
                tag_rows.append(
                    TaggedItem(tag_id=tag_id, content_type_id=content_type.pk, object_id=article.pk)
                )
        through.objects.bulk_create(author_rows, batch_size=5_000)
        TaggedItem.objects.bulk_create(tag_rows, batch_size=5_000)
