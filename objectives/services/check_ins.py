"""Recording check-ins: every rule about recording one lives here, and every way in (the admin,
the site's form, the commands) calls it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.roles import Role, role_of

from ..models import CheckIn, Confidence, DataVersion, Status

# What a person records in a check-in; the rest (who, when recorded, sample) is set here.
CHECK_IN_FIELDS = (
    "date",
    "status",
    "progress",
    "confidence",
    "note",
    "evidence_label",
    "evidence_url",
    "is_internal",
)


class MayNotRecordCheckIns(PermissionDenied):
    """Someone without the right to record check-ins tried to."""


def may_record_check_in(user, key_result):
    """Whether `user` may record a check-in on `key_result`: LOTI staff, and the key result's
    own owners while their account works. None is the system itself (a command). Decided from
    the role and the (often prefetched) owners, which costs a page no query."""
    if user is None:
        return True
    recorders = check_in_recorders(user, key_result)
    return recorders is None or user.pk in recorders


def check_in_recorders(user, key_result):
    """Who, of the people reading a page as `user` reads it, may record a check-in on
    `key_result`: None for everyone (LOTI staff may record on any), else the ids of its owners
    whose accounts work. A page shows the button with `{% only_for %}`, so the page cache can
    share it between readers of one audience."""
    if role_of(user) is Role.STAFF:
        return None
    return {owner.pk for owner in key_result.owners.all() if owner.is_active}


def default_check_in_date(quarter, today=None):
    """The day a new check-in describes unless told: today, or the quarter's last day once it
    has ended (a late check-in on a past quarter describes how it ended)."""
    return min(today or timezone.localdate(), quarter.end_date)


def starting_values(key_result):
    """What every new check-in form starts from: the latest check-in's status, progress and
    confidence (before any, the plan's status and 0%), dated `default_check_in_date`."""
    return {
        "date": default_check_in_date(key_result.quarter),
        "status": key_result.status,
        "progress": key_result.progress,
        "confidence": key_result.confidence or Confidence.MEDIUM,
    }


def check_in_problems(*, key_result, date, status, progress, note="", today=None):
    """What is wrong with a check-in of these values, by field, in GOV.UK wording; {} if nothing.

    The date lies within the key result's quarter and not after today (a mistyped year would
    otherwise stay the "latest" check-in for ever); Complete means 100% and Not started 0%; a
    change of status or progress says why in a note (the people reading the dashboard ask), while
    "no change" needs none. The admin's form, the site's form and `record_check_in` all ask this."""
    problems = {}
    quarter = key_result.quarter
    if date is not None:
        if not quarter.start_date <= date <= quarter.end_date:
            problems["date"] = (
                f"Enter a date within {quarter}, from {quarter.start_date:%-d %B %Y} to "
                f"{quarter.end_date:%-d %B %Y}"
            )
        elif date > (today or timezone.localdate()):
            problems["date"] = "The date must be today or in the past"
    if status == Status.COMPLETE and progress is not None and progress != 100:
        problems["progress"] = (
            "A complete key result is at 100%: enter 100, or choose another status"
        )
    elif status == Status.NOT_STARTED and progress:
        problems["progress"] = (
            "A key result not started is at 0%: enter 0, or choose another status"
        )
    if not (note or "").strip() and changes_figures(key_result, status, progress):
        problems["note"] = "Enter a note saying what changed: a new status or progress needs one"
    return problems


def changes_figures(key_result, status, progress):
    """Whether a check-in of this status and progress differs from the key result's latest
    (before any check-in, from its starting status at 0%)."""
    if status is None or progress is None:
        return False
    return (status, progress) != (key_result.status, key_result.progress)


@transaction.atomic
def record_check_in(*, key_result, status, progress, recorded_by=None, date=None, **details):
    """Add a check-in to a key result: append-only, earlier check-ins are kept as they were.

    `details` are the check-in's other fields (see CHECK_IN_FIELDS). Every rule about recording
    a check-in is checked here: who may, `check_in_problems`, and every field (`full_clean`).
    """
    if not may_record_check_in(recorded_by, key_result):
        raise MayNotRecordCheckIns(f"You may not record check-ins on {key_result.reference}.")
    date = date or default_check_in_date(key_result.quarter)
    problems = check_in_problems(
        key_result=key_result,
        date=date,
        status=status,
        progress=progress,
        note=details.get("note", ""),
    )
    if problems:
        raise ValidationError(problems)
    check_in = CheckIn(
        key_result=key_result,
        date=date,
        status=status,
        progress=progress,
        recorded_by=recorded_by,
        **details,
    )
    check_in.full_clean()
    check_in.save()
    return check_in


def record_no_change(*, key_result, recorded_by):
    """A check-in saying nothing has changed (the starting values again), which clears the
    key result's due flag."""
    return record_check_in(
        key_result=key_result,
        recorded_by=recorded_by,
        note=CheckIn.NO_CHANGE_NOTE,
        **starting_values(key_result),
    )


@transaction.atomic
def void_check_in(check_in, *, by, reason):
    """Void a check-in recorded in error: it stays in the record, marked with who, when and
    why, and leaves every figure and as-of reading. Its own fields are never changed."""
    if role_of(by) is not Role.STAFF:
        raise MayNotRecordCheckIns("Only LOTI staff may void check-ins.")
    reason = (reason or "").strip()
    check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    if check_in.voided_at is not None:
        raise ValidationError({"reason": "This check-in has already been voided"})
    if not reason:
        raise ValidationError({"reason": "Enter why this check-in is voided"})
    limit = CheckIn._meta.get_field("void_reason").max_length
    if len(reason) > limit:
        raise ValidationError({"reason": f"The reason must be {limit:,} characters or fewer"})
    check_in.voided_at, check_in.voided_by, check_in.void_reason = timezone.now(), by, reason
    check_in._history_user = by
    check_in.save(update_fields=["voided_at", "voided_by", "void_reason"])
    return check_in


@transaction.atomic
def record_sample_check_ins(check_ins, *, batch_size=5000):
    """Many illustrative check-ins at once (seed_demo_progress, generate_scale_data): each is
    checked field by field like any other, then all are written in bulk, as sample data."""
    for check_in in check_ins:
        check_in.is_sample = True
        check_in.clean_fields(exclude=["key_result", "recorded_by"])
        problems = check_in_problems(
            key_result=check_in.key_result,
            date=check_in.date,
            status=check_in.status,
            progress=check_in.progress,
            note=check_in.note,
        )
        if problems:
            raise ValidationError(problems)
    CheckIn.objects.bulk_create(check_ins, batch_size=batch_size)
    DataVersion.bump_after_commit()  # bulk_create sends no signals
    return len(check_ins)
