"""Signed, expiring preview links for showing an unpublished story to someone without an
account. The token names the story only: the link shows its latest version, and it never
outlives ``PREVIEW_LINK_MAX_AGE``."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "articles.preview"


def signed_preview_url(article):
    token = signing.TimestampSigner(salt=SALT).sign(str(article.pk))
    return reverse("articles:signed-preview", kwargs={"token": token})


class PreviewLinkExpired(Exception):
    pass


def article_id_from_token(token):
    """The story id in ``token``; ``PreviewLinkExpired`` or ``signing.BadSignature``."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewLinkExpired from error
    return int(value)
