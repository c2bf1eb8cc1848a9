"""Writes that touch several rows or keep history, one module per kind: check-ins, plans
(import, key results, roll-over) and borough updates. Importable from `objectives.services`."""

from .borough_updates import (
    NotYourBorough,
    NotYourUpdate,
    correct_borough_update,
    may_change_borough_update,
    post_borough_update,
    withdraw_borough_update,
)
from .check_ins import (
    CHECK_IN_FIELDS,
    MayNotRecordCheckIns,
    check_in_problems,
    check_in_recorders,
    default_check_in_date,
    may_record_check_in,
    record_check_in,
    record_no_change,
    record_sample_check_ins,
    starting_values,
    void_check_in,
)
from .plans import (
    add_months,
    create_key_result,
    create_plan,
    next_quarter_defaults,
    publish_quarter,
    quarter_removal_refusal,
    quarter_removal_summary,
    remove_quarter,
    roll_over,
)
from .reviews import automatic_outcome, headline, outcome_of, save_review

__all__ = [
    "CHECK_IN_FIELDS",
    "MayNotRecordCheckIns",
    "NotYourBorough",
    "NotYourUpdate",
    "add_months",
    "automatic_outcome",
    "check_in_problems",
    "check_in_recorders",
    "correct_borough_update",
    "create_key_result",
    "create_plan",
    "default_check_in_date",
    "headline",
    "may_change_borough_update",
    "may_record_check_in",
    "next_quarter_defaults",
    "outcome_of",
    "post_borough_update",
    "publish_quarter",
    "quarter_removal_refusal",
    "quarter_removal_summary",
    "record_check_in",
    "record_no_change",
    "record_sample_check_ins",
    "remove_quarter",
    "roll_over",
    "save_review",
    "starting_values",
    "void_check_in",
    "withdraw_borough_update",
]
