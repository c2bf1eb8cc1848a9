"""The domain's models, one module per part; everything is importable from `objectives.models`."""

from ..choices import Confidence, Status
from .check_ins import BoroughUpdate, CheckIn, CheckInQuerySet
from .data_version import DataVersion
from .key_results import (
    BoroughParticipation,
    KeyResult,
    KeyResultLink,
    KeyResultPart,
    KeyResultQuerySet,
    PartnerInvolvement,
)
from .quarters import Quarter, QuarterQuerySet

__all__ = [
    "BoroughParticipation",
    "BoroughUpdate",
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
]
