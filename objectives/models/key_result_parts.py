"""A key result's parts: its links, the boroughs it names and the partners involved, each
known in fixtures by the key result's natural key and one of its own."""

from django.db import models

from accounts.audit import audit_records
from core.text import PlainTextModel


class KeyResultPartManager(models.Manager):
    def get_by_natural_key(self, quarter_slug, number, own_key):
        return self.get(
            key_result__quarter__slug=quarter_slug,
            key_result__number=number,
            **{self.model.OWN_NATURAL_KEY: own_key},
        )


class KeyResultPart(PlainTextModel, models.Model):
    """A row of one key result, known in fixtures by its natural key and `OWN_NATURAL_KEY`."""

    OWN_NATURAL_KEY = None

    objects = KeyResultPartManager()

    class Meta:
        abstract = True

    def natural_key(self):
        own = self
        for name in self.OWN_NATURAL_KEY.split("__"):
            own = getattr(own, name)
        return (*self.key_result.natural_key(), own)

    natural_key.dependencies = ["objectives.keyresult", "boroughs.borough", "partners.partner"]


class KeyResultLink(KeyResultPart):
    """A link the plan gives for a key result ("Read the proposal"); the URL may be unpublished."""

    OWN_NATURAL_KEY = "position"

    key_result = models.ForeignKey(
        "objectives.KeyResult", on_delete=models.CASCADE, related_name="links"
    )
    label = models.CharField(max_length=100)
    url = models.URLField(blank=True, help_text="Leave blank where the plan gives no address.")
    position = models.PositiveSmallIntegerField(default=1)

    history = audit_records()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_result", "position"], name="one_link_per_position"
            ),
        ]

    def __str__(self):
        return self.label


class BoroughParticipation(KeyResultPart):
    """A borough taking part in a key result, with the part the plan gives it."""

    OWN_NATURAL_KEY = "borough__gss_code"

    key_result = models.ForeignKey(
        "objectives.KeyResult", on_delete=models.CASCADE, related_name="participations"
    )
    borough = models.ForeignKey(
        "boroughs.Borough", on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        max_length=200, blank=True, help_text='In the plan\'s words, e.g. "sharing insights".'
    )

    history = audit_records()

    class Meta:
        ordering = ["borough__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_result", "borough"], name="borough_takes_part_once"
            ),
        ]

    def __str__(self):
        return f"{self.borough} in {self.key_result.reference}"


class PartnerInvolvement(KeyResultPart):
    """A partner organisation's part in a key result ("funder", "build partner")."""

    OWN_NATURAL_KEY = "partner__slug"

    key_result = models.ForeignKey(
        "objectives.KeyResult", on_delete=models.CASCADE, related_name="involvements"
    )
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="involvements"
    )
    role = models.CharField(max_length=200, blank=True)

    history = audit_records()

    class Meta:
        ordering = ["partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["key_result", "partner"], name="partner_involved_once"),
        ]

    def __str__(self):
        return f"{self.partner} in {self.key_result.reference}"
