"""Inviting a person: one step creates their account with its role (and borough, for an
officer) and e-mails a link to set a password, made with Django's token machinery (it expires
after PASSWORD_RESET_TIMEOUT and stops working once a password is set). The admin's invite
page, its "resend" action and `manage.py invite` all come here."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.council_sign_in import signs_in_with_council
from accounts.people import email_taken
from accounts.roles import give_role, role_label_of, role_problems
from core.text import problem_with

from . import sending
from .models import SentMessage

User = get_user_model()
logger = logging.getLogger(__name__)


def set_password_url(user):
    """The link that lets `user` choose a password (an invitation's or a password reset's)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return sending.absolute_url(reverse("accounts:set-password", args=[uid, token]))


# One password reset message per person in this many minutes, so a form cannot flood an inbox.
RESETS_EVERY_MINUTES = 2


def request_password_reset(email, *, connection=None):
    """E-mail a link to choose a new password to the active person with this address, if
    there is one; the caller says the same thing either way, revealing nothing."""
    person = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if person is None or signs_in_with_council(person) is not None:
        return None  # no password to reset: their council's sign-in is the way in
    if SentMessage.sent_recently(
        person, SentMessage.Kind.PASSWORD_RESET, minutes=RESETS_EVERY_MINUTES
    ):
        return None
    return send_set_password_link(
        person,
        kind=SentMessage.Kind.PASSWORD_RESET,
        subject="Reset your LOTI OKR tracker password",
        template="password_reset",
        connection=connection,
    )


def send_set_password_link(person, *, kind, subject, template, connection=None, **context):
    """An invitation or a password reset: a message whose one action is choosing a password."""
    return sending.send(
        recipient=person,
        kind=kind,
        subject=subject,
        template=template,
        context={
            **context,
            "set_password_url": set_password_url(person),
            "username": person.get_username(),
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        },
        connection=connection,
    )


def invitation_problems(*, email, role, borough, name=""):
    problems = {}
    try:
        validate_email(email)
    except ValidationError:
        problems["email"] = "Enter an e-mail address in the correct format, like name@example.org"
    else:
        if email_taken(email) or User.objects.filter(username__iexact=email).exists():
            problems["email"] = "Someone already has an account with this e-mail address"
    problems.update(role_problems(role, borough))
    if problem := problem_with(name or "", "The name", one_line=True):
        problems["name"] = f"{problem}."
    return problems


class InvitationNotSent(Exception):
    """The person was invited (their account is kept) but the e-mail could not be sent."""

    def __init__(self, person, reason):
        self.person, self.reason = person, reason
        super().__init__(
            f"Invited {person.email}, but the invitation could not be sent ({reason}). "
            "Their account is kept: send it again with “Send the invitation again” on the people "
            "list once the mail server answers."
        )


def invite(*, email, role, borough=None, name="", invited_by=None, connection=None):
    """Create the person's account with their role and send the invitation; ValidationError
    (by field) if the address is taken, the name is not one line, or the role and borough do
    not go together; InvitationNotSent (the account kept) if the e-mail could not be sent."""
    email = (email or "").strip()
    problems = invitation_problems(email=email, role=role, borough=borough, name=name)
    if problems:
        raise ValidationError(problems)
    first_name, _, last_name = (name or "").strip().partition(" ")
    person = User(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
    person.set_unusable_password()
    if invited_by is not None:
        person._history_user = invited_by
    person.full_clean(exclude=["password"])
    with transaction.atomic():
        person.save()
        give_role(person, role, borough)
    try:
        send_invitation(person, invited_by=invited_by, connection=connection)
    except sending.SENDING_FAILURES as error:
        logger.warning("The invitation to %s could not be sent: %s", person.email, error)
        raise InvitationNotSent(person, sending.reason(error)) from error
    return person


def send_invitation(person, *, invited_by=None, connection=None):
    """E-mail (again) the link to set a password; an earlier link keeps working until it
    expires or a password is set. Someone whose council's Microsoft sign-in is set up is told
    to sign in with their council account instead: they need no password."""
    council = signs_in_with_council(person)
    if council is not None:
        return sending.send(
            recipient=person,
            kind=SentMessage.Kind.INVITATION,
            subject="You are invited to the LOTI OKR tracker",
            template="invitation_council",
            context={
                "sign_in_url": sending.absolute_url(reverse("accounts:sign-in")),
                "organisation": council.organisation,
                "address": person.email,
                "role_label": role_label_of(person),
                "invited_by": invited_by.get_full_name().strip() if invited_by else "",
            },
            connection=connection,
        )
    return send_set_password_link(
        person,
        kind=SentMessage.Kind.INVITATION,
        subject="You are invited to the LOTI OKR tracker",
        template="invitation",
        connection=connection,
        role_label=role_label_of(person),
        invited_by=invited_by.get_full_name().strip() if invited_by else "",
    )
