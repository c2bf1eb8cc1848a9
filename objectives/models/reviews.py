"""Closing a quarter: each key result's outcome, score and reflection, and the quarter's
retrospective, kept as a draft until published."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from accounts.audit import audit_records
from core.text import PlainTextModel

from .. import visibility
from ..choices import Status


class Outcome(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    PARTLY = "partly", "Partly achieved"
    NOT_ACHIEVED = "not_achieved", "Not achieved"
    DROPPED = "dropped", "Dropped"
    CARRIED_OVER = "carried_over", "Carried over"

    def disagreement_with(self, key_result):
        """Why this outcome contradicts where `key_result` ended, or None: "Achieved" at 0%
        Not started is a slip of the mouse more often than a fact."""
        status, progress = key_result.status, key_result.progress
        ended = f"{key_result.reference} ended {status.label} at {progress}%"
        if self == Outcome.ACHIEVED and status != Status.COMPLETE and progress < 100:
            return f"Achieved, but {ended}"
        if self in (Outcome.NOT_ACHIEVED, Outcome.DROPPED) and status == Status.COMPLETE:
            return f"{self.label}, but {ended}"
        return None


SCORES = [(Decimal(tenths) / 10).quantize(Decimal("0.1")) for tenths in range(11)]  # 0.0 ... 1.0


class QuarterReview(PlainTextModel, models.Model):
    """A quarter's retrospective in three parts; its publication opens every outcome, score and
    reflection of the quarter to readers."""

    quarter = models.OneToOneField(
        "objectives.Quarter", on_delete=models.CASCADE, related_name="review"
    )
    went_well = models.TextField("What went well", blank=True, max_length=3000)
    went_badly = models.TextField("What did not go well", blank=True, max_length=3000)
    try_next = models.TextField("What we will try next quarter", blank=True, max_length=3000)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = audit_records()

    def __str__(self):
        return f"Review of {self.quarter}"

    @property
    def is_published(self):
        return self.published_at is not None

    def is_visible_to(self, user):
        return visibility.review_is_visible(self, user)


class KeyResultOutcome(PlainTextModel, models.Model):
    """How a key result ended: an outcome, a score from 0.0 to 1.0 in tenths, one line."""

    key_result = models.OneToOneField(
        "objectives.KeyResult", on_delete=models.CASCADE, related_name="outcome"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    score = models.DecimalField(
        max_digits=2,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text="From 0.0 to 1.0, in tenths (0.7 is a good result for an ambitious key result).",
    )
    reflection = models.CharField(max_length=300, blank=True)

    history = audit_records()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=1), name="score_from_0_to_1"
            ),
        ]

    def __str__(self):
        return f"{self.key_result.reference}: {self.get_outcome_display()}, {self.score}"
