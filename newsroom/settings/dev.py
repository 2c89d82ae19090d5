"""Local development: debug on, SQLite by default, local-memory cache."""

from .base import *  # noqa: F403
from .base import LOGGING, env, env_bool

DEBUG = env_bool("DEBUG", True)
# The demo's editor signs in with the printed password alone; set it to 1 to try the
# two-step sign-in that production requires.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", False)
# Invitations and notifications are printed in the terminal.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The desk's notifications are mailed too (desk.notify), to the terminal above.
NOTIFICATION_EMAILS = env_bool("NOTIFICATION_EMAILS", True)
# Django's "django" logger has a console handler of its own while DEBUG is on, and passes
# its lines on to ours as well: each would print twice. Ours alone.
LOGGING = {
    **LOGGING,
    "loggers": {**LOGGING["loggers"], "django": {"handlers": [], "level": "INFO"}},
}
