"""Who is asking, and the security log.

``client_ip`` is the one answer to "which address did this request come from": the socket's
peer, or, when that peer is one of our own proxies (``TRUSTED_PROXIES``), the last address
in ``X-Forwarded-For`` that is not one of them. Login throttling (axes), the view beacon's
limits and the security log all use it, so an attacker cannot pick their address by sending
the header themselves.

``log_event`` writes one line to the ``newsroom.security`` logger: what happened, the user
(id and username), the client address, and the details given. It never writes a password,
a session key or a token: callers pass only what may be read by an operator. Logged:
logins, failed logins and lockouts (``newsroom.signin``), every 403 the site answers
(``SecurityLogMiddleware``), workflow moves (``articles.workflow``) and refused uploads
(``images``). Where the log goes is ``LOGGING`` in the settings (stderr, or a file kept
``SECURITY_LOG_DAYS`` days)."""

import contextvars
import datetime
import ipaddress
import logging
import os
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("newsroom.security")

# Details never written, whatever a caller passes.
SECRET_FIELDS = frozenset({"password", "password1", "password2", "sessionid", "session", "token"})


def _is_trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks())


def _trusted_networks():
    return [
        ipaddress.ip_network(item, strict=False)
        for item in getattr(settings, "TRUSTED_PROXIES", [])
    ]


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or ""
    # No peer address: gunicorn on a unix socket, which only our own proxy can reach.
    if remote and not _is_trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # The proxy appends the address it saw: read from the right, skip our own proxies.
    for candidate in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            return remote
        if not _is_trusted(candidate):
            return candidate
    return remote


def _user_fields(request, user=None):
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return {"user_id": user.pk, "username": user.get_username()}
    return {"user_id": None, "username": None}


# The request being answered, for events logged where no request is at hand (a workflow
# move is given the user only): set by SecurityLogMiddleware.
_current_request = contextvars.ContextVar("newsroom_security_request", default=None)


def current_request():
    """The request being answered (``None`` outside one: a management command)."""
    return _current_request.get()


def log_event(event, request=None, *, user=None, username=None, level=logging.WARNING, **details):
    """One security event: ``event`` is a short code (``login_failed``, ``upload_refused``,
    ``permission_denied``, ``workflow``…). ``username`` names the account tried when no
    user is signed in (a failed login). Without ``request``, the request being answered
    gives the address (none in a management command)."""
    if request is None:
        request = current_request()
    fields = _user_fields(request, user) if request is not None or user is not None else {}
    if username is not None and not fields.get("username"):
        fields["username"] = username
    fields["ip"] = client_ip(request) if request is not None else None
    fields.update({key: value for key, value in details.items() if key not in SECRET_FIELDS})
    text = " ".join(f"{key}={value!r}" for key, value in fields.items())
    logger.log(level, "%s %s", event, text, extra={"security_event": event})


class SecurityLogMiddleware:
    """Keeps the request at hand for ``log_event``, and logs every 403 the site answers
    (a permission the user lacks, a CSRF failure), with the address asked for. Sits
    outside the CSRF and authentication middleware so that it sees their answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                log_event("permission_denied", request, method=request.method, path=request.path)
        finally:
            _current_request.reset(token)
        return response


class DailyFileHandler(logging.FileHandler):
    """The security log in one file a day: ``SECURITY_LOG_FILE`` with the date added
    (``security.log.2025-03-10``), files older than ``days`` removed. Every gunicorn
    worker appends to the same day's file and none renames another's: with several
    processes, ``TimedRotatingFileHandler`` renames under the others' feet and, in
    Python 3.11, deletes a file another process has just rotated."""

    def __init__(self, filename, days=90):
        self.base, self.days = Path(filename), days
        self.day = datetime.date.today()
        super().__init__(self._path(self.day), encoding="utf-8", delay=True)
        self._remove_old(self.day)

    def _path(self, day):
        return f"{self.base}.{day.isoformat()}"

    def emit(self, record):
        day = datetime.date.fromtimestamp(record.created)
        if day != self.day:  # the handler's lock is held here
            self.close()
            self.day, self.baseFilename = day, os.path.abspath(self._path(day))
            self._remove_old(day)
        super().emit(record)

    def _remove_old(self, today):
        oldest = today - datetime.timedelta(days=self.days)
        for path in self.base.parent.glob(f"{self.base.name}.*"):
            try:
                day = datetime.date.fromisoformat(path.name.rsplit(".", 1)[1])
            except ValueError:
                continue
            if day <= oldest:
                path.unlink(missing_ok=True)
