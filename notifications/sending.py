"""Composing and sending one message to one person: plain text with a simple HTML part, in the
house style of GOV.UK Notify (short, plain English, one action), with absolute links, a one-click
unsubscribe link and the `List-Unsubscribe` header; recorded as sent in the same transaction, so
a message that fails to send is not counted as sent."""

import smtplib
from email.utils import formataddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from core.addresses import absolute_url

from .models import SentMessage

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# The kinds of message a person may stop with one click; invitations are sent once, on request.
UNSUBSCRIBABLE = (SentMessage.Kind.REMINDER, SentMessage.Kind.DIGEST)
# What sending one message can fail with: the server refusing it or away (OSError: refused,
# unreachable, timed out), or an address or name no header can hold (ValueError).
SENDING_FAILURES = (smtplib.SMTPException, OSError, BadHeaderError, ValueError)


def reason(error):
    """A failure in words for a message to staff, without a traceback."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the mail server refused the address"
    if isinstance(error, smtplib.SMTPException):
        return f"the mail server said: {error}"
    if isinstance(error, OSError):
        return f"the mail server could not be reached: {error.strerror or error}"
    return f"the address or name cannot be written in an e-mail: {error}"


def unsubscribe_url(user, kind):
    """A link that stops one kind of message for one person, with no sign-in: signed, so it
    cannot be forged for someone else, and without expiry, as old messages stay in inboxes."""
    token = signing.dumps([user.pk, kind], salt=UNSUBSCRIBE_SALT)
    return absolute_url(reverse("notifications:unsubscribe", args=[token]))


def read_unsubscribe_token(token):
    """(user id, kind) from a token; `signing.BadSignature` if it was not made here."""
    user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if kind not in UNSUBSCRIBABLE:
        raise signing.BadSignature("Not a kind of message one can stop.")
    return user_id, kind


def compose(*, recipient, kind, subject, template, context, connection=None):
    context = {
        **context,
        "name": recipient.get_full_name().strip(),
        "site_url": settings.SITE_URL,
        "account_url": absolute_url(reverse("notifications:account")),
    }
    headers = {}
    if kind in UNSUBSCRIBABLE:
        context["unsubscribe_url"] = unsubscribe_url(recipient, kind)
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        # A name stored with a line break (before names were checked) must not stop a message.
        to=[formataddr((" ".join(recipient.get_full_name().split()), recipient.email))],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", context), "text/html"
    )
    return message


def send_unless_sent_within(*, days, recipient, kind, **message):
    """`send` unless this kind of message went to this person in the last `days`. The person's
    row is locked while this is decided and sent, so two runs at once cannot both send."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=recipient.pk).first()
        if SentMessage.sent_recently(recipient, kind, days=days):
            return None
        return send(recipient=recipient, kind=kind, **message)


@transaction.atomic
def send(*, recipient, kind, subject, template, context, key_results=(), connection=None):
    """Send one message and record it; if sending fails, nothing is recorded."""
    record = SentMessage.objects.create(recipient=recipient, kind=kind, subject=subject)
    record.key_results.set(key_results)
    compose(
        recipient=recipient,
        kind=kind,
        subject=subject,
        template=template,
        context=context,
        connection=connection,
    ).send()
    return record
