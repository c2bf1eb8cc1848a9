"""Borough officers' updates on the key results that name their borough."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..models import BoroughUpdate


class NotYourBorough(PermissionDenied):
    """An officer tried to post on a key result that does not name their borough."""


@transaction.atomic
def post_borough_update(*, key_result, author, borough, text, link=""):
    """An officer's update on a key result that names their borough."""
    if not key_result.participations.filter(borough=borough).exists():
        raise NotYourBorough(f"{key_result.reference} does not name {borough}.")
    update = BoroughUpdate(
        key_result=key_result, borough=borough, author=author, text=text, link=link
    )
    update.full_clean()
    update.save()
    return update
