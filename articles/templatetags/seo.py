"""``{% page_meta %}``: the data behind ``includes/seo_meta.html`` (see ``articles.seo``)."""

from django import template

from articles import feeds, seo
from newsroom.models import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context, title="", description=""):
    """A story's tags when the page shows one (none in a preview), else a list page's."""
    request = context.get("request")
    site = context.get("site") or SiteSettings.load()
    article = context.get("article")
    if article is not None:
        return None if context.get("preview") else seo.for_article(article, site, request)
    return seo.for_page(site, request, title, description)


@register.filter
def xml_text(value):
    """Drop the characters XML 1.0 cannot carry (autoescaping still applies)."""
    return feeds.xml_text(value)


@register.filter
def w3c_datetime(value):
    """``2021-11-15T17:44:00+07:00`` (Vietnam time, to the second), as sitemaps want."""
    return seo.iso(value) if value else ""
