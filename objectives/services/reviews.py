"""Closing a quarter with a scored review: outcomes, scores and reflections for its key results
and a retrospective, saved as a draft until published. A key result that was rolled over is
"carried over", whatever was entered."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import SCORES, KeyResult, KeyResultOutcome, Outcome, QuarterReview


def automatic_outcome(key_result):
    """The outcome a key result has whatever staff enter: carried over once rolled over."""
    return Outcome.CARRIED_OVER if hasattr(key_result, "carried_over_to") else None


@dataclass
class ReviewHeadline:
    """ "What LOTI delivered": counts by outcome and the average score, against the plan."""

    planned: int
    counts: dict
    average_score: Decimal | None

    @property
    def achieved(self):
        return self.counts.get(Outcome.ACHIEVED, 0)

    @property
    def partly(self):
        return self.counts.get(Outcome.PARTLY, 0)

    @property
    def not_achieved(self):
        return self.counts.get(Outcome.NOT_ACHIEVED, 0)

    @property
    def carried_over(self):
        return self.counts.get(Outcome.CARRIED_OVER, 0)

    @property
    def dropped(self):
        return self.counts.get(Outcome.DROPPED, 0)


def headline(key_results):
    """From key results with their outcomes: dropped ones and those carried over are counted
    but not scored (their score lives on in the next quarter, or nowhere)."""
    outcomes = [kr.outcome for kr in key_results if _has_outcome(kr)]
    counts = {}
    for outcome in outcomes:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    scored = [o.score for o in outcomes if o.outcome not in (Outcome.DROPPED, Outcome.CARRIED_OVER)]
    average = (sum(scored) / len(scored)).quantize(Decimal("0.01")) if scored else None
    return ReviewHeadline(planned=len(key_results), counts=counts, average_score=average)


def _has_outcome(key_result):
    try:
        return key_result.outcome is not None
    except KeyResultOutcome.DoesNotExist:
        return False


def outcome_of(key_result):
    return key_result.outcome if _has_outcome(key_result) else None


@transaction.atomic
def save_review(quarter, *, outcomes, retrospective, publish=False, by=None):
    """Save every outcome ({key result id: (outcome, score, reflection)}) and the retrospective
    ({went_well, went_badly, try_next}); publish when asked. Every value is checked first."""
    review, _ = QuarterReview.objects.select_for_update().get_or_create(quarter=quarter)
    key_results = {kr.pk: kr for kr in KeyResult.objects.filter(quarter=quarter)}
    problems, rows = {}, []
    for pk, (outcome, score, reflection) in outcomes.items():
        key_result = key_results.get(pk)
        if key_result is None:
            raise ValidationError("An outcome names a key result of another quarter.")
        outcome = automatic_outcome(key_result) or outcome
        if outcome not in Outcome.values:
            problems[pk] = "Choose an outcome"
            continue
        score = Decimal(str(score)) if score not in (None, "") else None
        if score not in SCORES:
            problems[pk] = "Choose a score from 0.0 to 1.0, in tenths"
            continue
        row = KeyResultOutcome.objects.filter(key_result=key_result).first() or (
            KeyResultOutcome(key_result=key_result)
        )
        row.outcome, row.score, row.reflection = outcome, score, (reflection or "").strip()
        row.full_clean(exclude=["key_result"])
        rows.append(row)
    if problems:
        raise ValidationError(problems)
    for row in rows:
        if by is not None:
            row._history_user = by
        row.save()
    for field in ("went_well", "went_badly", "try_next"):
        setattr(review, field, (retrospective.get(field) or "").strip())
    if publish and review.published_at is None:
        review.published_at = timezone.now()
    review.full_clean(exclude=["quarter"])
    if by is not None:
        review._history_user = by
    review.save()
    return review
