"""Sending an invitation: a fresh link (the last one stops working), by email."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from newsroom.security import log_event


def send(invitation, request):
    """Give ``invitation`` a new link and mail it; saved either way. ``False`` if the mail
    could not be sent (the administrator is told; the link can be sent again)."""
    token = invitation.new_token()
    invitation.save()
    link = request.build_absolute_uri(reverse("accounts:accept", args=[token]))
    # The invited person has chosen no language yet: the newsroom's own.
    with translation.override("vi"):
        context = {"invitation": invitation, "link": link, "site": request.get_host()}
        subject = render_to_string("accounts/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/invitation_email.txt", context)
    log_event("invitation_sent", request, email=invitation.email, level=logging.INFO)
    try:
        send_mail(subject, body, None, [invitation.email])
    except OSError:
        logging.getLogger(__name__).exception("Invitation mail to %s failed", invitation.email)
        return False
    return True
