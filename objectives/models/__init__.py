"""The domain's models, one module per part; everything is importable from `objectives.models`."""

from ..choices import Confidence, Status
from .check_ins import BoroughUpdate, BoroughUpdateQuerySet, CheckIn, CheckInQuerySet
from .data_version import DataVersion
from .key_results import (
    BoroughParticipation,
    KeyResult,
    KeyResultLink,
    KeyResultPart,
    KeyResultQuerySet,
    PartnerInvolvement,
)
from .quarters import Quarter, QuarterQuerySet, current_of

__all__ = [
    "BoroughParticipation",
    "BoroughUpdate",
    "BoroughUpdateQuerySet",
    "CheckIn",
    "CheckInQuerySet",
    "Confidence",
    "DataVersion",
    "KeyResult",
    "KeyResultLink",
    "KeyResultPart",
    "KeyResultQuerySet",
    "PartnerInvolvement",
    "Quarter",
    "QuarterQuerySet",
    "Status",
    "current_of",
]
