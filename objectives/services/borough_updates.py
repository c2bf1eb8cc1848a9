"""Borough officers' updates on the key results that name their borough."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.roles import officer_borough

from ..models import BoroughUpdate

REPEAT_WITHIN = datetime.timedelta(minutes=1)


class NotYourBorough(PermissionDenied):
    """An officer tried to post on a key result that does not name their borough."""


class NotYourUpdate(PermissionDenied):
    """Someone tried to correct or withdraw an update they did not post."""


@transaction.atomic
def post_borough_update(*, key_result, author, borough, text, link=""):
    """An officer's update on a key result that names their borough. The same words posted
    again within REPEAT_WITHIN (a double click, a form sent again) are the same update."""
    if not key_result.participations.filter(borough=borough).exists():
        raise NotYourBorough(f"{key_result.reference} does not name {borough}.")
    # Two clicks arrive at once: the author's row makes the second wait for the first.
    get_user_model().objects.select_for_update().filter(pk=author.pk).first()
    repeated = BoroughUpdate.objects.filter(
        key_result=key_result,
        author=author,
        text=text,
        link=link,
        withdrawn_at__isnull=True,
        created_at__gte=timezone.now() - REPEAT_WITHIN,
    ).first()
    if repeated is not None:
        return repeated
    update = BoroughUpdate(
        key_result=key_result, borough=borough, author=author, text=text, link=link
    )
    update.full_clean()
    update.save()
    return update


def may_change_borough_update(update, person):
    """Its author, while they still speak for its borough, until it is withdrawn."""
    return (
        update.withdrawn_at is None
        and update.author_id == person.pk
        and officer_borough(person) == update.borough
    )


@transaction.atomic
def correct_borough_update(update, *, by, text, link=""):
    """Its author corrects an update; the history keeps what it said before."""
    if not may_change_borough_update(update, by):
        raise NotYourUpdate("You can correct only your own updates.")
    update.text, update.link = text, link
    update.full_clean()
    update._history_user = by
    update.save(update_fields=["text", "link"])
    return update


@transaction.atomic
def withdraw_borough_update(update, *, by):
    """Its author withdraws an update: it leaves every page and export; the history keeps it."""
    if not may_change_borough_update(update, by):
        raise NotYourUpdate("You can withdraw only your own updates.")
    update.withdrawn_at = timezone.now()
    update._history_user = by
    update.save(update_fields=["withdrawn_at"])
    return update
