"""What each person chose to receive by e-mail, and a record of every message sent (which is
also what keeps a second run of a command from sending the same reminder twice)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.roles import Role, role_of


class Preferences(models.Model):
    """A person's choices; someone who never chose has the defaults (`preferences_of`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="email_preferences",
    )
    reminders = models.BooleanField(
        "Remind me when a key result I own is due a check-in", default=True
    )
    # None: as the person's role decides (managers get the digest, others do not).
    digest = models.BooleanField("Send me the weekly digest", null=True, default=None)

    class Meta:
        verbose_name = "e-mail preferences"
        verbose_name_plural = "e-mail preferences"

    def __str__(self):
        return f"E-mail preferences of {self.user.get_username()}"

    @property
    def wants_digest(self):
        if self.digest is not None:
            return self.digest
        return role_of(self.user) is Role.MANAGER


def preferences_of(user):
    """The person's saved choices, or the defaults (unsaved) if they never chose."""
    try:
        return user.email_preferences
    except Preferences.DoesNotExist:
        return Preferences(user=user)


class SentMessage(models.Model):
    """One message sent to one person: when, what kind, and the key results it was about."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Check-in reminder"
        DIGEST = "digest", "Weekly digest"
        INVITATION = "invitation", "Invitation"
        PASSWORD_RESET = "password_reset", "Password reset"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_sent"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    subject = models.CharField(max_length=300)
    key_results = models.ManyToManyField("objectives.KeyResult", blank=True, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "kind", "-sent_at"])]

    def __str__(self):
        to = self.recipient.get_username()
        return f"{self.get_kind_display()} to {to}, {self.sent_at:%-d %b %Y}"

    @classmethod
    def sent_recently(cls, recipient, kind, *, days=0, minutes=0, now=None):
        since = (now or timezone.now()) - datetime.timedelta(days=days, minutes=minutes)
        return cls.objects.filter(recipient=recipient, kind=kind, sent_at__gt=since).exists()

    @classmethod
    def last_sent_at(cls, recipient, kind):
        return (
            cls.objects.filter(recipient=recipient, kind=kind)
            .values_list("sent_at", flat=True)
            .first()
        )


class FailedMessage(models.Model):
    """A message that could not be sent (the server refused it, or was away): kept so the
    admin's sending page can say so; the next run tries that person again."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_failed"
    )
    kind = models.CharField(max_length=20, choices=SentMessage.Kind.choices)
    failed_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient} failed: {self.reason}"
