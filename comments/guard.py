"""What keeps scripts out of the comments without a CAPTCHA service (which would send
readers' data abroad): a signed form ticket (time to submit), a honeypot field, limits per
address kept in the cache as keyed hashes, and one like per reader.

- A **ticket** is the time the form was handed out, signed. A form sent sooner than
  ``COMMENT_MIN_SECONDS`` after it is a script's; one older than ``COMMENT_FORM_MAX_AGE``
  is handed out again (the text is kept).
- **Rate limit**: ``COMMENT_RATE_LIMIT`` comments every ``COMMENT_RATE_WINDOW`` seconds from
  one address (fixed windows on the clock).
- **Likes**: one per browser and comment (a signed cookie lists what it liked) and at most
  ``COMMENT_LIKES_PER_ADDRESS`` per address and comment a day, so that clearing cookies
  does not inflate a count.

Nothing about the reader is kept in the cache: only HMACs (``SECRET_KEY``, a salt naming
the window) of the address and the comment."""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from newsroom.security import client_ip

TICKET_SALT = "comments.ticket"
LIKED_COOKIE = "binh_luan_da_thich"
LIKED_SALT = "comments.liked"
LIKED_KEPT = 200  # the last comments a browser liked, in its cookie
DAY = 24 * 3600


class TicketError(Exception):
    """The form's ticket is missing, forged, too fresh or too old (``reason``)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def ticket(now=None):
    return signing.dumps(int(time.time() if now is None else now), salt=TICKET_SALT)


def check_ticket(value, now=None):
    now = time.time() if now is None else now
    try:
        handed_out = signing.loads(value or "", salt=TICKET_SALT)
    except signing.BadSignature:
        raise TicketError("invalid") from None
    if not isinstance(handed_out, int):
        raise TicketError("invalid")
    if now - handed_out < settings.COMMENT_MIN_SECONDS:
        raise TicketError("too_fast")
    if now - handed_out > settings.COMMENT_FORM_MAX_AGE:
        raise TicketError("expired")


def _hashed(salt, *parts):
    value = "\x1f".join(str(part) for part in parts)
    return salted_hmac(f"comments.guard:{salt}", value, algorithm="sha256").hexdigest()


def _counted(key, limit, timeout):
    """Count one more under ``key``; whether the count is still within ``limit``. While
    the cache is away nothing can be counted: let it through."""
    if cache.add(key, 1, timeout):
        return limit >= 1
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window ended between add() and incr()
        return True


def within_rate_limit(request, now=None):
    """Count a comment from this address; ``False`` once it sent more than
    ``COMMENT_RATE_LIMIT`` in this window."""
    now = time.time() if now is None else now
    window = settings.COMMENT_RATE_WINDOW
    start = int(now // window * window)
    key = f"comments:rate:{_hashed(start, client_ip(request))}"
    return _counted(key, settings.COMMENT_RATE_LIMIT, max(1, int(start + window - now)))


def liked_by_browser(request):
    """The comments this browser liked (its signed cookie), newest last."""
    try:
        liked = signing.loads(request.COOKIES.get(LIKED_COOKIE, ""), salt=LIKED_SALT)
    except signing.BadSignature:
        return []
    return [pk for pk in liked if isinstance(pk, int)] if isinstance(liked, list) else []


def remember_like(response, liked, pk):
    kept = [*[p for p in liked if p != pk], pk][-LIKED_KEPT:]
    response.set_cookie(
        LIKED_COOKIE,
        signing.dumps(kept, salt=LIKED_SALT, compress=True),
        max_age=365 * DAY,
        path="/api/binh-luan/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def like_counts_from_address(request, pk, now=None):
    """Whether a like of comment ``pk`` from this address still counts today."""
    now = time.time() if now is None else now
    start = int(now // DAY * DAY)
    key = f"comments:likes:{_hashed(start, client_ip(request), pk)}"
    return _counted(key, settings.COMMENT_LIKES_PER_ADDRESS, max(1, int(start + DAY - now)))
