"""Writes that touch several rows or keep history: check-ins, plans, roll-over, borough updates.

Every check-in, from the admin, a command or a page, is recorded by `record_check_in`, which
holds every rule about recording one."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from boroughs.models import normalise_name
from partners.models import Partner
from workstreams.models import Workstream

from .models import (
    BoroughParticipation,
    BoroughUpdate,
    CheckIn,
    DataVersion,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
)

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


@transaction.atomic
def create_plan(plan):
    """Write a checked plan (`plan_files.read_plan`): the quarter, new workstreams and
    partners, key results and their boroughs, partners and links. All or nothing."""
    quarter = Quarter(
        year=plan.year,
        number=plan.number,
        slug=plan.slug,
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    quarter.full_clean()
    quarter.save()
    for fields in plan.new_partners:
        Partner.objects.create(**fields)
    partners = {p.name: p for p in Partner.objects.all()}
    workstreams = {normalise_name(w.name): w for w in Workstream.objects.all()}
    position = Workstream.objects.aggregate(highest=Max("position"))["highest"] or 0
    for name in plan.workstreams:
        if normalise_name(name) not in workstreams:
            position += 1
            slug = slugify(name.replace("&", "and"))
            workstreams[normalise_name(name)] = Workstream.objects.create(
                name=name, slug=slug, position=position
            )
    for planned in plan.key_results:
        create_key_result(
            quarter=quarter,
            workstream=workstreams[normalise_name(planned.workstream)],
            number=planned.number,
            title=planned.title,
            description=planned.description,
            starting_status=planned.status,
            open_to_all_boroughs=planned.open_to_all_boroughs,
            named_people=planned.named_people,
            dependencies=planned.dependencies,
            carried_over_from=planned.continues,
            boroughs=planned.boroughs,
            partners=[(partners[name], role) for name, role in planned.partners],
            links=planned.links,
        )
    return quarter


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
        "slug": Quarter.default_slug(year, number),
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
    problems = [problem for problem in map(KeyResult.carry_over_refusal, key_results) if problem]
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
