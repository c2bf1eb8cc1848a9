"""The domain's models, one module per part; everything is importable from `objectives.models`."""

from ..choices import Confidence, Status
from .check_ins import BoroughUpdate, BoroughUpdateQuerySet, CheckIn, CheckInQuerySet
from .data_version import DataVersion
from .key_result_parts import BoroughParticipation, KeyResultLink, KeyResultPart, PartnerInvolvement
from .key_results import KeyResult, KeyResultQuerySet
from .plan_uploads import CheckedPlanFile
from .quarters import Quarter, QuarterQuerySet, current_of
from .reviews import SCORES, KeyResultOutcome, Outcome, QuarterReview

__all__ = [
    "SCORES",
    "BoroughParticipation",
    "BoroughUpdate",
    "BoroughUpdateQuerySet",
    "CheckIn",
    "CheckInQuerySet",
    "CheckedPlanFile",
    "Confidence",
    "DataVersion",
    "KeyResult",
    "KeyResultLink",
    "KeyResultOutcome",
    "KeyResultPart",
    "KeyResultQuerySet",
    "Outcome",
    "PartnerInvolvement",
    "Quarter",
    "QuarterQuerySet",
    "QuarterReview",
    "Status",
    "current_of",
]
