"""Writing plans: a checked plan file, its key results with their parts, and roll-over."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from boroughs.models import normalise_name
from partners.models import Partner
from workstreams.models import Workstream

from ..models import (
    BoroughParticipation,
    BoroughUpdate,
    CheckIn,
    KeyResult,
    KeyResultLink,
    KeyResultOutcome,
    Outcome,
    PartnerInvolvement,
    Quarter,
)
from ..slugs import unique_slug
from .reviews import outcome_of


@transaction.atomic
def create_key_result(*, boroughs=(), partners=(), links=(), owners=(), **fields):
    """Create a key result with its boroughs and partners ((thing, role) pairs) and links
    ((label, url) pairs, in order), checking every field first."""
    key_result = KeyResult(**fields)
    key_result.full_clean()
    key_result.save()
    parts = {
        BoroughParticipation: [
            BoroughParticipation(key_result=key_result, borough=borough, role=role)
            for borough, role in boroughs
        ],
        PartnerInvolvement: [
            PartnerInvolvement(key_result=key_result, partner=partner, role=role)
            for partner, role in partners
        ],
        KeyResultLink: [
            KeyResultLink(key_result=key_result, label=label, url=url, position=position)
            for position, (label, url) in enumerate(links, 1)
        ],
    }
    for model, rows in parts.items():
        for row in rows:
            # Every field checked in Python, so SQLite never stores what PostgreSQL refuses.
            row.full_clean(exclude=["key_result"], validate_unique=False)
        bulk_create_with_history(rows, model)
    key_result.owners.set(owners)
    return key_result


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
        partner = Partner(**fields)
        partner.full_clean()
        partner.save()
    partners = {p.name: p for p in Partner.objects.all()}
    workstreams = {normalise_name(w.name): w for w in Workstream.objects.all()}
    position = Workstream.objects.aggregate(highest=Max("position"))["highest"] or 0
    taken = {workstream.slug for workstream in workstreams.values()}
    for name in plan.workstreams:
        if normalise_name(name) not in workstreams:
            position += 1
            slug = unique_slug(
                name,
                taken,
                fallback="workstream",
                max_length=Workstream._meta.get_field("slug").max_length,
            )
            taken.add(slug)
            workstream = Workstream(
                name=name,
                slug=slug,
                position=position,
                description=plan.workstream_descriptions.get(name, ""),
            )
            workstream.full_clean()
            workstream.save()
            workstreams[normalise_name(name)] = workstream
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
            owners=planned.owners,
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
        try:
            with transaction.atomic():
                into.save()
        except IntegrityError:
            # Sent twice at once (a double click): both passed the check, one saved first.
            raise ValidationError(
                f"{into} was created while you were rolling over, perhaps by this same form sent "
                "twice: open the quarter to see what it holds."
            ) from None
    else:
        refuse_to_carry_into(into, key_results)
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
                starting_progress=key_result.progress,
                open_to_all_boroughs=key_result.open_to_all_boroughs,
                named_people=key_result.named_people,
                dependencies=key_result.dependencies,
                carried_over_from=key_result,
                boroughs=[(p.borough, p.role) for p in key_result.participations.all()],
                partners=[(i.partner, i.role) for i in key_result.involvements.all()],
                links=[(link.label, link.url) for link in key_result.links.all()],
                owners=list(key_result.owners.all()),
            )
        )
        number += 1
    for outcome in KeyResultOutcome.objects.filter(key_result__in=key_results).exclude(
        outcome=Outcome.CARRIED_OVER
    ):  # the review now tells where they went (and its history, what it said before)
        outcome.outcome = Outcome.CARRIED_OVER
        outcome.save()
    return into, carried


def refuse_to_carry_into(into, key_results):
    """Roll-over adds to a draft only: a published quarter's plan is what readers were told,
    and nothing is carried twice into one quarter."""
    if into.is_published:
        raise ValidationError(
            f"{into} is published, so roll-over cannot add to it: its plan is what readers were "
            "told. Roll over into a new quarter (a draft until you publish it), or add key "
            "results to a draft quarter."
        )
    if any(key_result.quarter_id == into.pk for key_result in key_results):
        raise ValidationError("A key result cannot be carried over into its own quarter.")
    already = {
        ancestor.pk: held
        for held in into.key_results.all()
        for ancestor in held.lineage()
        if ancestor.pk != held.pk
    }
    twice = [
        f"{kr.reference} (as {already[kr.pk].reference})" for kr in key_results if kr.pk in already
    ]
    if twice:
        raise ValidationError(f"{into} already holds {', '.join(twice)}: nothing is carried twice.")


def outcomes_changed_by_carrying(key_results):
    """The review outcomes a roll-over of `key_results` turns into "Carried over", as
    (key result, outcome it had), so staff are told before and after."""
    return [
        (kr, outcome.get_outcome_display())
        for kr in key_results
        if (outcome := outcome_of(kr)) is not None and outcome.outcome != Outcome.CARRIED_OVER
    ]


@transaction.atomic
def publish_quarter(quarter, *, by=None):
    """Make a draft quarter public: its plan, key results and figures, on every page and export.
    Publishing twice changes nothing."""
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    if quarter.is_published:
        return quarter
    quarter.published_at = timezone.now()
    if by is not None:
        quarter._history_user = by
    quarter.save(update_fields=["published_at"])
    return quarter


def quarter_removal_refusal(quarter):
    """Why `quarter` cannot be removed whole, or None: once anyone has checked in or posted an
    update on it, or a later quarter continues one of its key results, it is on the record."""
    key_results = KeyResult.objects.filter(quarter=quarter)
    if CheckIn.objects.filter(key_result__in=key_results).exists():
        return f"{quarter} has check-ins: it is on the record and cannot be removed."
    if BoroughUpdate.objects.filter(key_result__in=key_results).exists():
        return f"{quarter} has borough updates: it is on the record and cannot be removed."
    continued = (
        KeyResult.objects.filter(carried_over_from__quarter=quarter)
        .select_related("quarter")
        .first()
    )
    if continued is not None:
        return f"{continued.reference} continues one of its key results: remove that quarter first."
    return None


def quarter_removal_summary(quarter):
    """What removing `quarter` deletes, as a confirmation page names it."""
    key_results = KeyResult.objects.filter(quarter=quarter)
    return {
        "key results": key_results.count(),
        "borough parts": BoroughParticipation.objects.filter(key_result__in=key_results).count(),
        "partner parts": PartnerInvolvement.objects.filter(key_result__in=key_results).count(),
        "links": KeyResultLink.objects.filter(key_result__in=key_results).count(),
    }


@transaction.atomic
def remove_quarter(quarter, *, by=None):
    """Delete a quarter and its key results (with their boroughs, partners, links and owners),
    e.g. a plan imported by mistake; refused once it is on the record. The audit trail keeps
    every deleted row. Workstreams and partners stay: other quarters may name them."""
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    refusal = quarter_removal_refusal(quarter)
    if refusal:
        raise ValidationError(refusal)
    for key_result in KeyResult.objects.filter(quarter=quarter):
        if by is not None:
            key_result._history_user = by
        key_result.delete()
    if by is not None:
        quarter._history_user = by
    quarter.delete()
