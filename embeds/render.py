"""For readers: each stored embed becomes our own markup (``templates/embeds/embed.html``),
which loads nothing from the provider until the reader asks; the small script that does it
comes with the first embed, so pages without one never load it."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html

from newsroom.html import BLOCKS

from .providers import YOUTUBE_FRAME, is_facebook_video, make_embed, site_for

SCRIPT = "embeds/embeds.js"


def embed_from_figure(figure):
    """The ``Embed`` a stored figure describes, checked again (a figure may have been typed
    by hand): its provider must be the one micawber's registry gives for its URL."""
    site = site_for(figure.get("data-url"))
    if site is None or site.name != figure.get(BLOCKS["embed"]):
        return None
    return make_embed(
        site,
        figure["data-url"],
        figure.get("data-title", ""),
        figure.get("data-thumbnail", ""),
        figure.get("data-id", ""),
    )


def render_embed(embed):
    return render_to_string(
        "embeds/embed.html",
        {
            "embed": embed,
            "frame": f"{YOUTUBE_FRAME}{embed.id}?autoplay=1"
            if embed.site.name == "youtube"
            else "",
            "facebook_kind": "fb-video" if is_facebook_video(embed.url) else "fb-post",
        },
    )


def render_embeds(html, article):
    """The ``renders_body`` hook. A figure that does not check out keeps the plain link
    stored inside it."""
    if f"{BLOCKS['embed']}=" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    rendered = 0
    for figure in soup.find_all("figure", attrs={BLOCKS["embed"]: True}):
        embed = embed_from_figure(figure)
        if embed is not None:
            figure.replace_with(BeautifulSoup(render_embed(embed), "html.parser"))
            rendered += 1
    if not rendered:
        return html
    return str(soup) + format_html('<script src="{}" defer></script>', static(SCRIPT))
