"""Writes that keep history: every change to progress goes through here."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from .models import (
    BoroughParticipation,
    BoroughUpdate,
    CheckIn,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
    Status,
)


@transaction.atomic
def record_check_in(*, key_result, status, progress, recorded_by=None, date=None, **details):
    """Add a check-in to a key result. Earlier check-ins are kept as they were.

    `details` are the check-in's other fields: note, confidence, evidence, is_internal.
    """
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
def create_key_result(*, boroughs=(), partners=(), links=(), **fields):
    """Create a key result with its boroughs and partners ((thing, role) pairs) and links
    ((label, url) pairs, in order), checking every field first."""
    key_result = KeyResult(**fields)
    key_result.full_clean()
    key_result.save()
    bulk_create_with_history(
        [
            BoroughParticipation(key_result=key_result, borough=borough, role=role)
            for borough, role in boroughs
        ],
        BoroughParticipation,
    )
    bulk_create_with_history(
        [
            PartnerInvolvement(key_result=key_result, partner=partner, role=role)
            for partner, role in partners
        ],
        PartnerInvolvement,
    )
    bulk_create_with_history(
        [
            KeyResultLink(key_result=key_result, label=label, url=url, position=position)
            for position, (label, url) in enumerate(links, 1)
        ],
        KeyResultLink,
    )
    return key_result


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


def add_months(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_quarter_defaults(quarter):
    """Year, number, slug and dates for the quarter after `quarter`: three months from the day
    after it ends (LOTI's Q2 runs 16 October to 15 January, so Q3 runs 16 January to 15 April)."""
    year, number = (
        (quarter.year + 1, 1) if quarter.number == 4 else (quarter.year, quarter.number + 1)
    )
    start_date = quarter.end_date + datetime.timedelta(days=1)
    return {
        "year": year,
        "number": number,
        "slug": f"y{year}-q{number}",
        "start_date": start_date,
        "end_date": add_months(start_date, 3) - datetime.timedelta(days=1),
    }


@transaction.atomic
def roll_over(*, key_results, into=None, **new_quarter):
    """Carry unfinished key results into the next quarter, creating that quarter if needed.

    Each carried key result keeps its workstream, words, boroughs, partners and links, takes the
    next free number in the new quarter and records which key result it continues. The original
    keeps its history untouched. `into` is an existing quarter; otherwise `new_quarter` gives the
    new one's year, number, slug and dates.
    """
    key_results = list(key_results)
    problems = []
    for key_result in key_results:
        if key_result.status in Status.finished():
            problems.append(f"{key_result.reference} is {key_result.status.label.lower()}")
        elif KeyResult.objects.filter(carried_over_from=key_result).exists():
            problems.append(f"{key_result.reference} has already been carried over")
    if problems:
        raise ValidationError(
            [f"Only unfinished key results can be carried over: {p}." for p in problems]
        )
    if into is None:
        into = Quarter(**new_quarter)
        into.full_clean()
        into.save()
    elif any(key_result.quarter_id == into.pk for key_result in key_results):
        raise ValidationError("A key result cannot be carried over into its own quarter.")
    number = (into.key_results.aggregate(highest=Max("number"))["highest"] or 0) + 1
    carried = []
    for key_result in sorted(key_results, key=lambda kr: (kr.quarter.start_date, kr.number)):
        carried.append(
            create_key_result(
                quarter=into,
                workstream=key_result.workstream,
                number=number,
                title=key_result.title,
                description=key_result.description,
                starting_status=key_result.status,
                open_to_all_boroughs=key_result.open_to_all_boroughs,
                named_people=key_result.named_people,
                dependencies=key_result.dependencies,
                carried_over_from=key_result,
                boroughs=[(p.borough, p.role) for p in key_result.participations.all()],
                partners=[(i.partner, i.role) for i in key_result.involvements.all()],
                links=[(link.label, link.url) for link in key_result.links.all()],
            )
        )
        number += 1
    return into, carried
