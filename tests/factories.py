"""Small factories for the test suite (factory-boy)."""

import datetime
import io
import struct
import zlib
from html.parser import HTMLParser

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage

from articles.models import Article, Source, Status
from images.models import Image
from newsroom.models import Masthead, Role, SiteSettings
from sections.models import Section


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30), mode="RGB", **save_kwargs):
    buffer = io.BytesIO()
    PILImage.new(mode, size, color).save(buffer, format=fmt, **save_kwargs)
    return buffer.getvalue()


def uploaded_image(name="photo.jpg", fmt="JPEG", **kwargs):
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type="image/jpeg")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn"
    last_name = factory.Sequence(lambda n: f"Văn {n}")
    is_staff = True
    password = factory.django.Password("mat-khau-thu-nghiem")


def reporter(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Role.objects.group("reporter"))
    return user


def editor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Role.objects.group("editor"))
    return user


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"bao{n}.vn")
    url = factory.LazyAttribute(lambda o: f"https://{o.name}")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(uploaded_image)
    caption = "Quang cảnh hội nghị"
    alt_text = "Đại biểu ngồi trong hội trường"
    credit = "Ảnh: Minh Anh"


# Long enough to pass the pre-publication checks (articles.checks.BODY_MIN_WORDS).
STORY_BODY = (
    "<p>Nội dung bài viết.</p>"
    "<p>Các chuyên gia cho rằng việc ứng dụng công nghệ mới vào sản xuất nông nghiệp giúp "
    "nông dân tiết kiệm chi phí, tăng năng suất và giảm tác động tới môi trường. Nhiều mô "
    "hình canh tác thông minh đang được nhân rộng ở các tỉnh đồng bằng, với sự hỗ trợ của "
    "chính quyền địa phương, doanh nghiệp và những nhà khoa học trẻ giàu nhiệt huyết.</p>"
)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hội nghị khoa học lần thứ {n}")
    lead = "Sáng nay, hội nghị đã khai mạc với sự tham gia của nhiều nhà khoa học."
    body = STORY_BODY
    section = factory.SubFactory(SectionFactory)
    status = Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            publication_at=factory.LazyFunction(
                lambda: timezone.now() - timezone.timedelta(hours=1)
            ),
            first_published_at=factory.SelfAttribute("publication_at"),
        )


# Admin forms, submitted the way a browser would


class _FormReader(HTMLParser):
    """Collects what a browser would submit from one ``<form>`` of a page."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._textarea = None
        self._select = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, [])
            self._add(name, "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows <textarea>.
            value = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_data(response, form_id=None, **changes):
    """The POST data of the admin form in ``response`` as the page shows it, with
    ``changes`` applied (a value of ``None`` removes the field)."""
    if form_id is None:
        form_id = f"{response.context['opts'].model_name}_form"
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    reader.close()
    assert reader.data, f"no form #{form_id} on the page"
    data = {
        name: values if len(values) > 1 else values[0]
        for name, values in reader.data.items()
        if values
    }
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def add_url():
    return reverse("admin:articles_article_add")


def changelist_url():
    return reverse("admin:articles_article_changelist")


def story(author, **kwargs):
    """A story written by ``author`` (creator and byline), as the admin would record it."""
    article = ArticleFactory(created_by=author, last_edited_by=author, **kwargs)
    article.authors.add(author)
    return article


def in_vietnamese(message):
    """``message`` (a msgid or a lazy translation) as the admin shows it to our editors,
    in the default language."""
    with translation.override("vi"):
        return translation.gettext(message) if isinstance(message, str) else str(message)


def png_bomb(width=20_000, height=20_000):
    """A valid one-colour PNG of ``width`` × ``height`` pixels that weighs a few dozen KB:
    the decompression bomb an upload form must refuse without decoding it."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte + one bit per pixel
    packer = zlib.compressobj(9)
    chunks = [packer.compress(row * 1000) for _ in range(height // 1000)]
    chunks += [packer.compress(row * (height % 1000)), packer.flush()]

    def chunk(kind, payload):
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"".join(chunks))
        + chunk(b"IEND", b"")
    )


def truncated_jpeg():
    """The first half of a real photo-sized JPEG, as a broken upload leaves it."""
    whole = image_bytes("JPEG", size=(640, 480), color=(10, 120, 200), quality=95)
    return whole[: len(whole) // 2]


def newsroom_settings(**overrides):
    """The site settings and legal masthead of a small science newspaper."""
    SiteSettings(
        **{
            "site_name": "Báo Khoa học Đời sống",
            "hotline": "0904.164.838",
            "ads_phone": "024.3728.1575",
            "ads_contact": "Ms Tú",
            "newsroom_phone": "024.3204.5452",
            "email": "toasoan@baokhoahoc.vn",
            "address": "Số 1 phố Quang Trung, Hà Nội",
            "weather_city": "Hà Nội",
            "weather_temperature": 22,
            "weather_humidity": 57,
            **overrides,
        }
    ).save()
    masthead()
    return SiteSettings.load()


def masthead(**overrides):
    """The legal masthead (governing body, licence, editor-in-chief) from ``effective_from``."""
    return Masthead.objects.create(
        **{
            "governing_body": "Liên hiệp các Hội Khoa học Việt Nam",
            "licence_number": "123/GP-BTTTT",
            "licence_date": datetime.date(2021, 3, 4),
            "licence_issuer": "Bộ Thông tin và Truyền thông",
            "editor_in_chief": "Trần Văn Bình",
            "effective_from": datetime.date(2021, 3, 4),
            **overrides,
        }
    )


def in_english(client):
    """``client`` with the admin's language chosen as English (the language cookie a
    person's choice sets; the browser's Accept-Language no longer decides)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
