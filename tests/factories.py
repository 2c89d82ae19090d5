"""Small factories for the test suite (factory-boy)."""

import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Source, Status
from images.models import Image
from newsroom.roles import EDITOR, REPORTER
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
    user.groups.add(Group.objects.get(name=REPORTER))
    return user


def editor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=EDITOR))
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


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hội nghị khoa học lần thứ {n}")
    lead = "Sáng nay, hội nghị đã khai mạc với sự tham gia của nhiều nhà khoa học."
    body = "<p>Nội dung bài viết.</p>"
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
