"""Recording check-ins: every rule about recording one lives here, and every way in (the admin,
the site's form, the commands) calls it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..models import CheckIn, DataVersion

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
    """Whether `user` may record a check-in on `key_result`: those with the add permission
    (LOTI staff). None is the system itself (a command)."""
    return user is None or user.has_perm("objectives.add_checkin")


@transaction.atomic
def record_check_in(*, key_result, status, progress, recorded_by=None, date=None, **details):
    """Add a check-in to a key result: append-only, earlier check-ins are kept as they were.

    `details` are the check-in's other fields (see CHECK_IN_FIELDS). Every rule about recording
    a check-in is checked here: who may, and every field (`full_clean`) before it is saved.
    """
    if not may_record_check_in(recorded_by, key_result):
        raise MayNotRecordCheckIns(f"You may not record check-ins on {key_result.reference}.")
    check_in = CheckIn(
        key_result=key_result,
        status=status,
        progress=progress,
        recorded_by=recorded_by,
        **details,
    )
    if date is not None:
        check_in.date = date
    check_in.full_clean()
    check_in.save()
    return check_in


@transaction.atomic
def record_sample_check_ins(check_ins, *, batch_size=5000):
    """Many illustrative check-ins at once (seed_demo_progress, generate_scale_data): each is
    checked field by field like any other, then all are written in bulk, as sample data."""
    for check_in in check_ins:
        check_in.is_sample = True
        check_in.clean_fields(exclude=["key_result", "recorded_by"])
    CheckIn.objects.bulk_create(check_ins, batch_size=batch_size)
    DataVersion.bump_after_commit()  # bulk_create sends no signals
    return len(check_ins)
