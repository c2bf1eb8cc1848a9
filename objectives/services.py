"""Writes that keep history: every change to progress goes through here."""

from django.db import transaction

from .models import CheckIn


@transaction.atomic
def record_check_in(*, key_result, status, progress, note="", date=None, recorded_by=None):
    """Add a check-in to a key result. Earlier check-ins are kept as they were."""
    check_in = CheckIn(
        key_result=key_result,
        status=status,
        progress=progress,
        note=note,
        recorded_by=recorded_by,
    )
    if date is not None:
        check_in.date = date
    check_in.full_clean()
    check_in.save()
    return check_in
