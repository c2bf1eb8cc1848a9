"""Who did what: the audit trail's records name the person behind each change, for good.

Every model with history uses `audit_records()`: django-simple-history's records plus the
username of whoever made the change, copied when the record is made, so the trail still says who
even if that person's account is removed some day (the link to the account is then empty).
"""

from django.apps import apps
from django.db import models
from simple_history.models import HistoricalRecords


class RemembersWho(models.Model):
    history_username = models.CharField(
        max_length=150,
        blank=True,
        help_text="Who made the change, kept even if their account is later removed.",
    )

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new record is made with its user at hand (save and bulk create alike); a record
        # read back from the database has none cached and keeps its stored name.
        field = self._meta.get_field("history_user")
        if field.is_cached(self) and not self.history_username:
            user = field.get_cached_value(self)
            if user is not None:
                self.history_username = user.get_username()


def audit_records(**options):
    """HistoricalRecords for one of our models, remembering who made each change."""
    return HistoricalRecords(bases=[RemembersWho], **options)


def changes_made_by(user):
    """How many changes in the audit trail `user` made, all models together."""
    return sum(
        model.objects.filter(history_user=user).count()
        for model in apps.get_models()
        if issubclass(model, RemembersWho)
    )
