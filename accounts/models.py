"""People's records: the link that makes a user a borough officer, the audit trail of
people's accounts (their roles, groups and borough links)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import post_save, pre_save
from simple_history import register

from .audit import RemembersWho, audit_records


class BoroughLink(models.Model):
    """Links a borough officer's account to the one borough they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="borough_link"
    )
    borough = models.ForeignKey(
        "boroughs.Borough", on_delete=models.PROTECT, related_name="officer_links"
    )

    history = audit_records()

    class Meta:
        verbose_name = "borough link"

    def __str__(self):
        return f"{self.user.get_username()} for {self.borough}"


# Who gave whom which role: every change to an account and its groups is in the audit trail
# (never its password hash, nor the time of its last sign-in).
register(
    get_user_model(),
    app="accounts",
    bases=[RemembersWho],
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)


def _no_history_for_signing_in(sender, instance, update_fields=None, **kwargs):
    """Signing in saves only last_login: not a change anyone made to the account."""
    instance.skip_history_when_saving = update_fields is not None and set(update_fields) <= {
        "last_login"
    }


def _history_again_next_time(sender, instance, **kwargs):
    instance.__dict__.pop("skip_history_when_saving", None)


pre_save.connect(_no_history_for_signing_in, sender=get_user_model())
post_save.connect(_history_again_next_time, sender=get_user_model())
