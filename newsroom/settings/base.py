"""Settings shared by every profile. Values that vary per machine are read from the
environment; the defaults here are safe for a local run."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "django_ckeditor_5",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "newsroom",
    "sections",
    "images",
    "people",
    "accounts",
    "articles",
    "comments",
    "wordpress",
    "galleries",
    "embeds",
    "desk",
    "breaking",
    "live",
    "corrections",
    "topics",
    "frontpage",
    "demo",
]

MIDDLEWARE = [
    # First: load balancers probe an app server by its address, over plain HTTP.
    "newsroom.health.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A view that fails because the database is away: 503 and the maintenance page.
    "newsroom.health.DatabaseOutageMiddleware",
    # NUL or bytes that are not UTF-8 anywhere in a request: 400, before anything reads it.
    "newsroom.middleware.UnreadableInputMiddleware",
    "newsroom.middleware.NewsroomPrivateMiddleware",
    "newsroom.middleware.ReaderRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware for the admin; the public site is always in LANGUAGE_CODE.
    "newsroom.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Outside CSRF and authentication: logs their 403s too (the security log).
    "newsroom.security.SecurityLogMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the second step done (django-otp), then the admin is
    # closed to a member of staff who has that step left (accounts).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "articles.context_processors.menu",
            ],
        },
    },
]

# A query running (or waiting on a lock) longer than DATABASE_STATEMENT_TIMEOUT ms is
# cancelled and a reader gets the maintenance page (newsroom.health) instead of a page
# that hangs; an unreachable server is given up after DATABASE_CONNECT_TIMEOUT s (libpq
# waits 2 s at least). 0 turns either off: `migrate` runs with no statement timeout
# (deploy/systemd/toasoan-migrate.service), as should bulk loads and index builds.
DATABASE_STATEMENT_TIMEOUT = int(env("DATABASE_STATEMENT_TIMEOUT", "5000"))
DATABASE_CONNECT_TIMEOUT = int(env("DATABASE_CONNECT_TIMEOUT", "3"))


def with_timeouts(database):
    """PostgreSQL connection settings with the timeouts above (other engines as given)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    options = database.setdefault("OPTIONS", {})
    if DATABASE_CONNECT_TIMEOUT:
        options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if DATABASE_STATEMENT_TIMEOUT:
        given = options.get("options", "")
        options["options"] = f"{given} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT}".strip()
    return database


DATABASES = {
    "default": with_timeouts(
        dj_database_url.parse(
            env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
            conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        )
    )
}
# A read replica (optional): anonymous readers' pages read from it, everything else uses
# the primary (newsroom.db_router). Pages made while the replica may still be catching up
# with a change are cached only until DATABASE_REPLICA_LAG seconds after it.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
DATABASE_REPLICA_LAG = int(env("DATABASE_REPLICA_LAG", "5"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = with_timeouts(
        dj_database_url.parse(
            DATABASE_REPLICA_URL, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0"))
        )
    )
    DATABASE_ROUTERS = ["newsroom.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env("CACHE_URL", "locmem://")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # Django's Redis backend, turning an unreachable Redis into cache misses.
            "BACKEND": "newsroom.caching.redis.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "toasoan"),
            "OPTIONS": {
                "socket_connect_timeout": float(env("CACHE_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(env("CACHE_SOCKET_TIMEOUT", "0.5")),
            },
            # After a failure, no request waits on Redis for this many seconds.
            "RETRY_AFTER": float(env("CACHE_RETRY_AFTER", "5")),
            "LOG_INTERVAL": float(env("CACHE_LOG_INTERVAL", "60")),
        }
    }
elif CACHE_URL.startswith("dummy://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole pages for anonymous readers (newsroom.caching.http), in the cache above.
# PAGE_CACHE=off switches it off entirely: no page kept, no public Cache-Control sent.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# Parts of pages ({% part %}: header, footer, a story, "latest", "most read"…) and the
# values behind them (the section tree), kept in the same cache, so that a page the page
# cache does not answer is still cheap to make. FRAGMENT_CACHE=off switches them off.
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
# Each process keeps copies of the entries it read or made, at most this many bytes: a
# warm page then reads nothing from Redis but the versions of the tags.
CACHE_LOCAL_BYTES = int(env("CACHE_LOCAL_BYTES", str(48 * 1024 * 1024)))
# The longest a page stays in the cache (seconds): any content change refreshes it at
# once; this bounds only the "most read" box, which changes with every view.
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "300"))
# HTTP caching of readers' pages, each bounded by the time to the next scheduled story:
# browsers (max-age), shared caches: a CDN, nginx, Varnish (s-maxage), and a stale copy
# served while revalidating or while the site fails.
HTTP_CACHE_MAX_AGE = int(env("HTTP_CACHE_MAX_AGE", "30"))
HTTP_CACHE_S_MAXAGE = int(env("HTTP_CACHE_S_MAXAGE", "60"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(env("HTTP_CACHE_STALE_WHILE_REVALIDATE", "30"))
HTTP_CACHE_STALE_IF_ERROR = int(env("HTTP_CACHE_STALE_IF_ERROR", "86400"))
# The CDN purge hook (newsroom.caching.cdn): called after every committed content change.
CDN_PURGE_URL = env("CDN_PURGE_URL", "")
CDN_PURGE_METHOD = env("CDN_PURGE_METHOD", "POST")
CDN_PURGE_TOKEN = env("CDN_PURGE_TOKEN", "")
CDN_PURGE_TIMEOUT = float(env("CDN_PURGE_TIMEOUT", "3"))
CDN_SURROGATE_KEY = env("CDN_SURROGATE_KEY", "toasoan")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff passwords (the admin's forms, createsuperuser, changepassword): 12 characters at
# least, not like the username or name, not all digits, and not on Django's list of common
# passwords nor ours of passwords common in Vietnam (newsroom/passwords/common-vi.txt).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "newsroom.validators.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (newsroom.signin): five failures lock a username from one address, and
# twenty failures from one address whatever the usernames (one address may be a whole
# newsroom behind NAT) lock the address; for an hour. A successful login forgives that
# username's failures. `manage.py axes_reset_ip <address>` unlocks an address early.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(env("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "newsroom.signin.AccountAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
# A forgotten password (accounts.password_reset): the mailed link works once, within a day;
# at most this many requests per address and per email (django-ratelimit's "count/period").
PASSWORD_RESET_TIMEOUT = 24 * 3600
PASSWORD_RESET_RATE = env("PASSWORD_RESET_RATE", "5/h")
# Axes' own log lines mask the username and the address: newsroom.signin logs them instead.
AXES_VERBOSE = False

# Staff sessions end after SESSION_COOKIE_AGE seconds without a request (12 hours: a
# working day; each request starts the time again), and when the browser closes if
# SESSION_EXPIRE_AT_BROWSER_CLOSE is on. Readers have no session.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(12 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# Two-step sign-in (accounts): required for administrators and the roles that say so
# (editors) unless turned off (development does, for the demo's logins).
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", True)
# The issuer shown in authenticator apps.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Tòa soạn")
# A code from the step before or after is accepted too (a phone's clock a little off).
OTP_TOTP_TOLERANCE = 1
# Mail (invitations): an SMTP server from the environment; DEFAULT_FROM_EMAIL signs it.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "toasoan@localhost")
# How long an invitation's link works.
INVITATION_DAYS = int(env("INVITATION_DAYS", "7"))

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The admin's language a person chose, for the login page too (newsroom.middleware).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# Our own catalogue (kept by makemessages), then translations we add for Django and the
# third-party apps where their own Vietnamese catalogue is missing or incomplete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "third_party"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: the image validator enforces its own limits; this keeps Django from buffering
# huge request bodies in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields other than files: Django's default, 2.5 MiB. The largest legitimate form is
# a long story in the admin: 12,000 words of Vietnamese (headings, figures, a table) post
# 0.13 MiB, urlencoded; 2.5 MiB is some 200,000 words.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
IMAGE_MAX_BYTES = int(env("IMAGE_MAX_BYTES", str(20 * 1024 * 1024)))
# The largest request body the front server lets through: one image at IMAGE_MAX_BYTES
# and the rest of its form. deploy/nginx.conf's client_max_body_size says the same
# (tests/test_limits.py checks it): change both together.
REQUEST_MAX_BYTES = IMAGE_MAX_BYTES + 1024 * 1024
IMAGE_MAX_PIXELS = int(env("IMAGE_MAX_PIXELS", str(50_000_000)))

# Media (originals and renditions) in an S3-compatible bucket needs no code change: install
# django-storages[s3], set MEDIA_STORAGE=storages.backends.s3.S3Storage (production reads
# it), the variables below, and MEDIA_URL to the bucket's public address (body images are
# recognised by it). boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
AWS_DEFAULT_ACL = env("AWS_DEFAULT_ACL")
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)  # public, cacheable URLs
AWS_S3_FILE_OVERWRITE = False
# Stored names are random and never reused, so browsers and CDNs may keep files a year.
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}

# An editor's signed preview link stays valid this long (seconds).
PREVIEW_LINK_MAX_AGE = int(env("PREVIEW_LINK_MAX_AGE", str(3 * 24 * 3600)))

# The weather box hides itself when its reading is older than this (minutes): stale
# weather is worse than none.
WEATHER_MAX_AGE = int(env("WEATHER_MAX_AGE", "180"))

# A reader's open live story asks for new updates this often (seconds): a whole number, 3
# or more (every open page asks; a poll's answer is kept 5 s anyway, live.views.POLL_SECONDS).
_live_poll = env("LIVE_POLL_SECONDS", "12").strip()
if not (_live_poll.isascii() and _live_poll.isdigit() and int(_live_poll) >= 3):
    raise ImproperlyConfigured(
        f"LIVE_POLL_SECONDS must be a whole number of seconds, 3 or more, not {_live_poll!r}."
    )
LIVE_POLL_SECONDS = int(_live_poll)

# The view beacon (articles.beacon): posts a minute from one client address, at most.
BEACON_RATE_LIMIT = int(env("BEACON_RATE_LIMIT", "60"))
# Readers counted for one story from one client address in one 30-minute window: mobile
# carriers put many readers behind one address, a script rotating its user agent is one.
BEACON_READERS_PER_ADDRESS = int(env("BEACON_READERS_PER_ADDRESS", "20"))

# The site's public address, for absolute links made without a request (canonical links,
# Open Graph and feeds use the request's address when they have one).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# "Most read" ranks public stories by their views over this many days, today included.
MOST_READ_DAYS = int(env("MOST_READ_DAYS", "7"))
# Views are kept day by day for this many days, today included (never fewer than
# MOST_READ_DAYS); `manage.py prune_daily_views` rolls older days into each story's total.
DAILY_VIEWS_KEEP_DAYS = int(env("DAILY_VIEWS_KEEP_DAYS", "90"))

SIMPLE_HISTORY_REVERT_DISABLED = False

# Links typed without a scheme are https (the Django 6 default).
FORMS_URLFIELD_ASSUME_HTTPS = True

TAGGIT_CASE_INSENSITIVE = True
# Tag addresses transliterate like every other slug: "Đà Nẵng" → /tag/da-nang/.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
# A comma ends a tag, a space never does: "Đà Nẵng" is one tag (articles.tags).
TAGGIT_TAGS_FROM_STRING = "articles.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tags.format_tags"

CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": _("Paragraph"), "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": _("Heading 2"),
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": _("Heading 3"),
                    "class": "ck-heading_heading3",
                },
            ]
        },
        "image": {
            "toolbar": ["imageTextAlternative", "toggleImageCaption"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "language": "vi",
    },
}
# The editor speaks the admin's language (its Vietnamese strings are loaded above).
CKEDITOR_5_USER_LANGUAGE = True
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "images:editor-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp", "avif", "heic", "heif"]

# Content Security Policy (django-csp 4). Public pages use only our own scripts and styles;
# CKEditor 5 in the admin needs inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"] + env_list("CSP_EXTRA_IMG_SRC"),
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    }
}

# The security log (newsroom.security: logins, failed logins, lockouts, 403s, refused
# uploads, workflow moves) goes to stderr (the systemd journal) or, when SECURITY_LOG_FILE
# is set, to one file a day kept SECURITY_LOG_DAYS days.
SECURITY_LOG_FILE = env("SECURITY_LOG_FILE")
SECURITY_LOG_DAYS = int(env("SECURITY_LOG_DAYS", "90"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"security": {"format": "%(asctime)s %(levelname)s security %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": (
            {
                "class": "newsroom.security.DailyFileHandler",
                "filename": SECURITY_LOG_FILE,
                "days": SECURITY_LOG_DAYS,
                "formatter": "security",
            }
            if SECURITY_LOG_FILE
            else {"class": "logging.StreamHandler", "formatter": "security"}
        ),
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "newsroom.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # Its lines mask the username and the address; newsroom.signin logs them instead.
        "axes": {"level": "ERROR"},
    },
}

LOGIN_URL = "admin:login"
# After logging in with no safe "next" address: the desk.
LOGIN_REDIRECT_URL = "admin:index"

# Our own reverse proxies (nginx, Varnish, a load balancer, a CDN's edge ranges): only when
# the request comes from one of these is X-Forwarded-For believed (newsroom.security.client_ip;
# a request with no peer address, on a unix socket, counts as from our proxy). Addresses or
# networks, comma-separated: a CDN in front means its published ranges belong here.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"

# --- Library photos in the body (issue 14) ---
# CKEditor keeps what the sanitiser keeps (newsroom.html): a photo's library id and the
# credit in its caption. Uploads accept iPhones' HEIC (images.validation reads them).
CKEDITOR_5_CONFIGS["default"].setdefault("htmlSupport", {}).setdefault("allow", []).extend(
    [
        {"name": "img", "attributes": {"data-image": True}},
        {"name": "span", "classes": ["credit"]},
    ]
)
CKEDITOR_5_CONFIGS["default"]["image"]["upload"] = {
    "types": ["jpeg", "png", "gif", "webp", "avif", "heic", "heif"]
}

# --- Galleries (issue 14) ---
# CKEditor keeps a gallery block (``<figure class="gallery" data-gallery="12"></figure>``,
# galleries.admin gives it to paste) through its General HTML Support; newsroom.html's
# allow-list is what decides on save.
CKEDITOR_5_CONFIGS["default"].setdefault("htmlSupport", {}).setdefault("allow", []).append(
    {"name": "figure", "classes": ["gallery"], "attributes": {"data-gallery": True}}
)

# --- Embeds (issue 14) ---
# A provider's URL on a line of its own becomes an embed (embeds app): its oEmbed answer is
# asked for at save time, waiting at most EMBED_TIMEOUT seconds (then it stays a link).
EMBED_TIMEOUT = float(env("EMBED_TIMEOUT", "3"))
# A good answer is kept a week: a story reopened in the editor (which shows its embeds as
# links) is saved again without asking the provider.
EMBED_CACHE_SECONDS = 7 * 24 * 3600
# Facebook and Instagram answer oEmbed only with a Meta app token ("app-id|client-token");
# without one, their URLs stay links.
EMBED_META_TOKEN = env("EMBED_META_TOKEN", "")
# Exactly the hosts the embeds load from once a reader asks: frames, provider scripts, and
# YouTube's video pictures.
EMBED_FRAME_HOSTS = [
    "https://www.youtube-nocookie.com",
    "https://www.facebook.com",
    "https://www.instagram.com",
    "https://www.tiktok.com",
    "https://platform.twitter.com",
]
EMBED_SCRIPT_HOSTS = [
    "https://connect.facebook.net",
    "https://www.instagram.com",
    "https://www.tiktok.com",
    "https://platform.twitter.com",
]
EMBED_IMAGE_HOSTS = ["https://i.ytimg.com"]
# CKEditor keeps a stored embed as the block it is (else it would merge the links inside
# two neighbouring embeds into one line, which is no longer an embed when saved).
CKEDITOR_5_CONFIGS["default"].setdefault("htmlSupport", {}).setdefault("allow", []).append(
    {
        "name": "figure",
        "classes": ["embed"],
        "attributes": {
            name: True
            for name in ("data-embed", "data-url", "data-title", "data-thumbnail", "data-id")
        },
    }
)
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = ["'self'", *EMBED_FRAME_HOSTS]
CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] += EMBED_SCRIPT_HOSTS
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += EMBED_IMAGE_HOSTS

# --- The desk's notifications (issue 14, dashboard) ---
# Mail each notification (handed in, returned, published, scheduled) to its recipient as
# well, through the EMAIL_* settings above, when the person has an address.
NOTIFICATION_EMAILS = env_bool("NOTIFICATION_EMAILS", False)

# --- Readers' comments (issue 16) ---
# A comment's text: at most this many characters, plain text.
COMMENT_MAX_LENGTH = int(env("COMMENT_MAX_LENGTH", "1000"))
# A form sent sooner than this many seconds after it was handed out is a script's; one
# older than COMMENT_FORM_MAX_AGE is asked for again (the text is kept).
COMMENT_MIN_SECONDS = int(env("COMMENT_MIN_SECONDS", "3"))
COMMENT_FORM_MAX_AGE = int(env("COMMENT_FORM_MAX_AGE", str(6 * 3600)))
# At most COMMENT_RATE_LIMIT comments from one address every COMMENT_RATE_WINDOW seconds.
COMMENT_RATE_LIMIT = int(env("COMMENT_RATE_LIMIT", "5"))
COMMENT_RATE_WINDOW = int(env("COMMENT_RATE_WINDOW", "600"))
# Likes of one comment counted from one address in a day (readers behind one NAT share it).
COMMENT_LIKES_PER_ADDRESS = int(env("COMMENT_LIKES_PER_ADDRESS", "20"))
# Readers' emails, addresses and browsers are kept this many days, then erased by
# `manage.py erase_comment_personal_data` (run it daily: deploy/systemd).
COMMENT_PERSONAL_DATA_DAYS = int(env("COMMENT_PERSONAL_DATA_DAYS", "90"))
# Mail the writer the link that removes their comment (else it is only shown once).
COMMENT_REMOVAL_EMAILS = env_bool("COMMENT_REMOVAL_EMAILS", False)
# Top-level comments shown under a story (each with its replies).
COMMENTS_SHOWN = int(env("COMMENTS_SHOWN", "50"))

# --- Import from WordPress (issue 16) ---
# A story's address on the old WordPress site answers with a 301 to its address here
# (wordpress.middleware): asked only for a 404 or WordPress's /?p=123.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1,
    "wordpress.middleware.OldAddressMiddleware",
)
