"""The view beacon's rules: which posts count as a reader's view of a story.

- Only our own pages may report a view: the post's ``Origin`` (or, from a browser that
  sends none, its ``Referer``) must be this site. A same-origin ``fetch`` or
  ``navigator.sendBeacon`` sends ``Origin`` on every POST; another site's page cannot
  forge it.
- One view per reader per story per ``WINDOW`` (30 minutes, fixed windows on the clock):
  reloading a story, or going back to it, does not count again. 30 minutes is Google
  Analytics' session length; shorter would let reloads count, longer would merge more of
  the different readers behind one carrier-grade NAT address who share a phone model.
- At most ``BEACON_READERS_PER_ADDRESS`` readers (browsers) from one address per story
  per window.
- At most ``BEACON_RATE_LIMIT`` posts a minute from one client address
  (``newsroom.security.client_ip``); past that, 429 and nothing counted.

Nothing about the reader is stored: the cache holds only keyed hashes (HMAC with
``SECRET_KEY`` and a salt naming the window) of the address, the user agent and the story,
each ending with its window. A new window's hashes cannot be linked to the last one's.
While the cache is unreachable nothing can tell a first view from a reload, so no view is
counted."""

import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from newsroom.security import client_ip

WINDOW = 30 * 60  # seconds
RATE_WINDOW = 60  # seconds: BEACON_RATE_LIMIT counts posts per minute

# Crawlers, link previewers, monitors and scripts: their visits are not readers' views.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|"
    r"lighthouse|pingdom|uptime|monitor|curl|wget|python|java/|go-http-client|okhttp|"
    r"scrapy|httpclient|phantomjs|axios|node-fetch",
    re.IGNORECASE,
)


def from_our_pages(request):
    """Whether the post comes from a page of this site (or of an origin the settings
    trust for forms, ``CSRF_TRUSTED_ORIGINS``)."""
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        referer = request.headers.get("Referer")
        if not referer:
            return False
        try:
            parts = urlsplit(referer)
        except ValueError:  # not an address ("http://[oops"): not one of our pages
            return False
        origin = f"{parts.scheme}://{parts.netloc}"
    own = f"{request.scheme}://{request.get_host()}"
    return origin.lower() == own.lower() or origin in settings.CSRF_TRUSTED_ORIGINS


def _hashed(window_start, *parts):
    """A key naming ``parts`` for one window only: the salt changes with the window."""
    value = "\x1f".join(str(part) for part in parts)
    digest = salted_hmac(f"articles.beacon:{window_start}", value, algorithm="sha256")
    return digest.hexdigest()


def over_rate_limit(request, now=None):
    """Count this post against its address; ``True`` once the address has sent more than
    ``BEACON_RATE_LIMIT`` this minute."""
    now = time.time() if now is None else now
    start = int(now // RATE_WINDOW * RATE_WINDOW)
    key = f"beacon:rate:{_hashed(start, client_ip(request))}"
    timeout = max(1, int(start + RATE_WINDOW - now))
    if cache.add(key, 1, timeout):
        return False
    try:
        return cache.incr(key) > settings.BEACON_RATE_LIMIT
    except Exception:  # noqa: BLE001 - gone since add(), or the cache is down: let it through
        return False


def is_readers_view(request, article_id, now=None):
    """Whether this post is a reader's first view of the story in this window: a
    browser (not a crawler or a script) that has not reported this story lately."""
    user_agent = request.headers.get("User-Agent", "")
    if not user_agent or BOT_USER_AGENT.search(user_agent):
        return False
    now = time.time() if now is None else now
    start = int(now // WINDOW * WINDOW)
    timeout = max(1, int(start + WINDOW - now))
    address = client_ip(request)
    if not cache.add(f"beacon:seen:{_hashed(start, address, user_agent, article_id)}", 1, timeout):
        return False
    # Readers behind one address (an office, a carrier's NAT) are told apart only by their
    # browsers: at most BEACON_READERS_PER_ADDRESS of them count for one story in one
    # window, so a script that changes its user agent on every post counts no more.
    shared = f"beacon:address:{_hashed(start, address, article_id)}"
    if cache.add(shared, 1, timeout):
        return True
    try:
        return cache.incr(shared) <= settings.BEACON_READERS_PER_ADDRESS
    except ValueError:  # the window ended between add() and incr()
        return True
