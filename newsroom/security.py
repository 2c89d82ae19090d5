"""Who is asking, and the security log.

``client_ip`` is the one answer to "which address did this request come from": the socket's
peer, or, when that peer is one of our own proxies (``TRUSTED_PROXIES``), the last address
in ``X-Forwarded-For`` that is not one of them. Login throttling (axes), the view beacon's
limits and the security log all use it, so an attacker cannot pick their address by sending
the header themselves.

``log_event`` writes one line to the ``newsroom.security`` logger: what happened, the user
(id and username), the client address, and the details given. It never writes a password,
a session key or a token: callers pass only what may be read by an operator."""

import ipaddress
import logging

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
        ipaddress.ip_network(item, strict=False) for item in getattr(settings, "TRUSTED_PROXIES", [])
    ]


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(remote):
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


def log_event(event, request=None, *, user=None, username=None, level=logging.WARNING, **details):
    """One security event: ``event`` is a short code (``login_failed``, ``upload_refused``,
    ``permission_denied``, ``workflow``…). ``username`` names the account tried when no
    user is signed in (a failed login)."""
    fields = _user_fields(request, user) if request is not None or user is not None else {}
    if username is not None and not fields.get("username"):
        fields["username"] = username
    fields["ip"] = client_ip(request) if request is not None else None
    fields.update({key: value for key, value in details.items() if key not in SECRET_FIELDS})
    text = " ".join(f"{key}={value!r}" for key, value in fields.items())
    logger.log(level, "%s %s", event, text, extra={"security_event": event})
