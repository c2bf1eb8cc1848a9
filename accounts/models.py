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


class CouncilSignIn(models.Model):
    """Sign-in through one organisation's own Microsoft tenant (OpenID Connect): a council's, or
    LOTI's own when `borough` is empty. Its tenant vouches only for the addresses in `domains`;
    the issuer, client id and secret are kept in django-allauth's app record (`app`), which the
    sign-in flow reads (accounts/council_sign_in.py)."""

    LOTI = "loti"  # the app's provider id for LOTI's own tenant

    app = models.OneToOneField(
        "socialaccount.SocialApp", on_delete=models.CASCADE, related_name="council_sign_in"
    )
    borough = models.OneToOneField(
        "boroughs.Borough",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_sign_in",
        help_text="Empty for LOTI's own tenant, which LOTI's staff sign in through.",
    )
    domains = models.CharField(
        max_length=500,
        help_text="The e-mail domains this tenant vouches for, separated by commas, "
        "e.g. camden.gov.uk. No other organisation's sign-in may name them.",
    )

    history = audit_records()

    class Meta:
        verbose_name = "council sign-in"
        ordering = ["app__name"]

    def __str__(self):
        return f"{self.app.name} Microsoft sign-in"

    @property
    def organisation(self):
        return self.app.name

    @property
    def issuer(self):
        return self.app.settings.get("server_url", "")

    @property
    def domain_list(self):
        return [domain.strip().lower() for domain in self.domains.split(",") if domain.strip()]

    def vouches_for(self, address):
        return domain_of(address) in self.domain_list


def domain_of(address):
    return (address or "").rpartition("@")[2].strip().lower()


class SignInRecord(models.Model):
    """One sign-in or refused sign-in, for the audit trail: who, how, and why it was refused.
    (Wrong passwords are django-axes's records; lock-outs too.)"""

    class Outcome(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        FIRST_COUNCIL_SIGN_IN = "first_council_sign_in", "First sign-in with a council account"
        REFUSED = "refused", "Refused"

    class Method(models.TextChoices):
        PASSWORD = "password", "Password"
        COUNCIL = "council", "Council Microsoft account"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_in_records",
    )
    address = models.CharField(max_length=254, blank=True, help_text="As the sign-in gave it.")
    method = models.CharField(max_length=20, choices=Method.choices)
    organisation = models.CharField(
        max_length=100, blank=True, help_text="Whose Microsoft tenant, for a council sign-in."
    )
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "sign-in"

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.address or self.person}"
