"""Reads that several pages share: each returns what a page shows, in a fixed number of queries."""

from collections import defaultdict

from django.db.models import Count, F, FilteredRelation, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import people
from accounts.roles import can_see_internal_notes
from boroughs.models import Borough

from . import charts
from .models import (
    BoroughParticipation,
    BoroughUpdate,
    CheckIn,
    KeyResult,
    PartnerInvolvement,
)
from .models.key_results import active_owners, names_borough
from .services.reviews import headline
from .summaries import ProgressSummary, QuarterReading, by_workstream


def quarter_reading(quarter, as_of=None, *, with_notes=False, include_internal=False):
    """The quarter's key results as they stood on `as_of` (today when None), read once: the key
    results in one query, the check-ins that count in another. Each key result shows its
    latest; the reading keeps the rest for the charts (`quarter_charts`)."""
    key_results = KeyResult.objects.for_quarter(quarter).listed(owners=False)
    if with_notes:
        key_results = key_results.with_latest_note(as_of=as_of, include_internal=include_internal)
    check_ins = CheckIn.objects.for_quarter(quarter).counted()
    if as_of is not None:
        check_ins = check_ins.filter(date__lte=as_of)
    rows = list(check_ins.in_order_made().values_list(*KeyResult.LATEST_CHECK_IN_FIELDS))
    latest = {row[0]: row for row in rows}  # in the order made: the latest is the last
    key_results = list(key_results)
    for key_result in key_results:
        key_result.quarter = quarter  # the same object: no copy of it a key result
        key_result.show_latest_check_in(latest.get(key_result.pk))
    give_owner_names(key_results, quarter)
    reading = QuarterReading(quarter, key_results, as_of or timezone.localdate())
    reading.check_ins = rows
    return reading


def give_owner_names(key_results, quarter):
    """Set `owner_name_list` and `has_had_owners` on `quarter`'s `key_results` from one light query
    of names: for pages that name owners and nothing more of them, a millisecond cheaper than
    prefetching whole accounts (`active_owners`, `with_owner_history`), in the same order."""
    names, had_owners = defaultdict(list), set()
    rows = (
        KeyResult.owners.through.objects.filter(keyresult__quarter=quarter)
        .order_by("user__first_name", "user__last_name", "user__username")
        .values_list("keyresult_id", "user__first_name", "user__last_name", "user__is_active")
    )
    for key_result_id, first_name, last_name, is_active in rows:
        had_owners.add(key_result_id)
        if is_active:
            names[key_result_id].append(people.name_from(first_name, last_name))
    for key_result in key_results:
        key_result.owner_name_list = names[key_result.pk]
        key_result.has_had_owners = key_result.pk in had_owners


def quarter_charts(reading, *, map_shading="progress"):
    """The dashboard's and the board pack's charts from a `quarter_reading`, in two more queries.
    Each key result of the reading gains `trend`: the points of its small progress line, or None.

    `sample_data_present` tells whether the page shows an illustrative check-in: it replaces
    the site-wide question (one query fewer) with the one the page's own figures answer."""
    quarter, day = reading.quarter, reading.day
    shown = [row for row in reading.check_ins if row[1] <= day]
    check_ins = [(kr_id, date, progress, status) for kr_id, date, status, progress, *_ in shown]
    trends = charts.sparklines(quarter, check_ins, day)
    for kr in reading.key_results:
        kr.trend = trends.get(kr.pk)
    by_id = {kr.pk: kr for kr in reading.key_results}
    boroughs, naming = boroughs_naming(by_id)
    workstreams = [row.workstream for row in reading.workstreams]
    burn_up = charts.burn_up(quarter, list(by_id), check_ins, day)
    return {
        "burn_up": burn_up,
        "burn_up_rows": charts.weekly(burn_up),
        "status_bars": charts.status_bars(reading.workstreams),
        "london_map": charts.london_tiles(boroughs, naming, map_shading, quarter),
        "borough_count": len(naming),
        "matrix_workstreams": workstreams,
        "matrix": charts.borough_workstream_matrix(boroughs, workstreams, naming),
        "sample_data_present": any(row[6] for row in shown),
    }


def quarter_summaries(quarters, *, user):
    """(quarter, ProgressSummary of its key results today, its review's headline or None) for
    each quarter, in one query; a review's headline only where `user` may read the review."""
    key_results = defaultdict(list)
    rows = (
        KeyResult.objects.with_progress()
        .select_related("outcome")
        .only(
            "quarter_id",
            "starting_status",
            "starting_progress",
            "outcome__outcome",
            "outcome__score",
            "outcome__key_result_id",
        )
    )
    for kr in rows:
        key_results[kr.quarter_id].append(kr)
    return [
        (
            quarter,
            ProgressSummary(key_results[quarter.pk]),
            headline(key_results[quarter.pk]) if quarter.review_is_visible_to(user) else None,
        )
        for quarter in quarters
    ]


def quarters_side_by_side(quarters, *, user):
    """A year at a glance: for each workstream, each quarter's key results planned, and where
    the reader may read its review, achieved, carried over and the average score.
    [(workstream, [(quarter, planned, ReviewHeadline or None)])], quarters oldest first."""
    from workstreams.models import Workstream

    quarters = sorted(quarters, key=lambda q: q.start_date)
    readable = {q.pk for q in quarters if q.review_is_visible_to(user)}
    cells = defaultdict(list)
    rows = (
        KeyResult.objects.filter(quarter__in=quarters)
        .select_related("outcome")
        .only(
            "quarter_id",
            "workstream_id",
            "outcome__outcome",
            "outcome__score",
            "outcome__key_result_id",
        )
    )
    for kr in rows:
        cells[(kr.workstream_id, kr.quarter_id)].append(kr)
    table = []
    for workstream in Workstream.objects.all():
        row = [
            (
                quarter,
                len(cells[(workstream.pk, quarter.pk)]),
                headline(cells[(workstream.pk, quarter.pk)]) if quarter.pk in readable else None,
            )
            for quarter in quarters
        ]
        if any(planned for _, planned, _ in row):
            table.append((workstream, row))
    return quarters, table


def workstream_summaries(quarter, workstreams):
    """(workstream, ProgressSummary of its key results in `quarter`) for each workstream."""
    key_results = list(KeyResult.objects.for_quarter(quarter).for_listing())
    summaries = {row.workstream.pk: row.summary for row in by_workstream(key_results)}
    return [(w, summaries.get(w.pk, ProgressSummary())) for w in workstreams]


def recent_borough_updates(borough, count=10, *, quarter=None):
    """The borough's latest updates (in `quarter`, if given), newest first, with what the page
    names them by."""
    updates = BoroughUpdate.objects.shown().filter(borough=borough)
    if quarter is not None:
        updates = updates.filter(key_result__quarter=quarter)
    return updates.select_related("key_result__quarter", "author")[:count]


def latest_borough_updates(quarter, day, count=5):
    """The boroughs' latest updates on the quarter's key results, posted by `day`, newest first:
    the fields the list shows, each with its key result in `quarter`."""
    updates = list(
        BoroughUpdate.objects.shown()
        .filter(key_result__quarter=quarter, created_at__date__lte=day)
        .select_related("borough", "key_result")
        .only("text", "created_at", "borough__short_name", "key_result__number")
        .order_by("-created_at")[:count]
    )
    for update in updates:
        update.key_result.quarter = quarter
    return updates


def key_result_for_page(quarter_slug, number, *, reader):
    """One key result with everything its page shows to `reader`: its quarter, progress,
    lineage, owners, boroughs, partners, links, the check-ins they may see (notes as they may
    see them) and borough updates; 404 if none, or if it is not for them to see."""
    key_results = (
        KeyResult.objects.visible_to(reader)
        .with_progress()
        .select_related(
            "quarter", "workstream", "carried_over_from__quarter", "carried_over_to__quarter"
        )
        .prefetch_related(
            Prefetch(
                "participations", queryset=BoroughParticipation.objects.select_related("borough")
            ),
            Prefetch("involvements", queryset=PartnerInvolvement.objects.select_related("partner")),
            "links",
            active_owners(),
            Prefetch(
                "check_ins",
                queryset=CheckIn.objects.visible_to(reader)
                .select_related("recorded_by", "voided_by")
                .with_notes_shown(include_internal=can_see_internal_notes(reader)),
            ),
            Prefetch(
                "borough_updates",
                queryset=BoroughUpdate.objects.shown().select_related("borough", "author"),
            ),
        )
    )
    return get_object_or_404(key_results, quarter__slug=quarter_slug, number=number)


def borough_commitments(borough, quarter, *, with_notes=False):
    """The quarter's key results naming the borough, those open to all boroughs besides, and
    the borough's part in each named one (key result id -> role).

    With notes, the named ones carry their latest public note (never an internal one).
    """
    key_results = (
        KeyResult.objects.for_quarter(quarter)
        .annotate(names_this_borough=names_borough(borough))
        .filter(Q(names_this_borough=True) | Q(open_to_all_boroughs=True))
        .for_listing()
    )
    if with_notes:
        key_results = key_results.with_latest_note(include_internal=False)
    key_results = list(key_results)  # one query for both lists, their owners in one more
    named = [kr for kr in key_results if kr.names_this_borough]
    open_to_all = [kr for kr in key_results if not kr.names_this_borough]
    roles = dict(
        BoroughParticipation.objects.filter(
            borough=borough, key_result__quarter=quarter
        ).values_list("key_result_id", "role")
    )
    return named, open_to_all, roles


def partner_roles(partner, quarter):
    """The partner's part in each of the quarter's key results naming it (id -> role)."""
    return dict(
        partner.involvements.filter(key_result__quarter=quarter).values_list(
            "key_result_id", "role"
        )
    )


def _count_in_quarter(model, quarter, **link):
    """A subquery counting `model` rows of the quarter's key results linked as in `link`.

    A correlated count reads the participation index per borough, where a join and GROUP BY
    scanned every key result of every quarter (see docs/performance.md)."""
    rows = model.objects.filter(key_result__quarter=quarter, **link).order_by()
    counted = rows.values(*link).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0))


def boroughs_with_commitments(quarter):
    """All authorities, each with `commitment_count`: the quarter's key results naming it."""
    return Borough.objects.annotate(
        commitment_count=_count_in_quarter(BoroughParticipation, quarter, borough=OuterRef("pk"))
    ).order_by("short_name")


def partners_with_commitments(partners, quarter):
    """`partners`, each with `commitment_count`: the quarter's key results naming it."""
    # Thirteen-odd partners: a join and GROUP BY is quicker here than a correlated count.
    return partners.annotate(
        commitment_count=Count("involvements", filter=Q(involvements__key_result__quarter=quarter))
    ).order_by("name")


def boroughs_naming(key_results_by_id):
    """Every borough, by name, and {borough id: the key results among these that name it}, in
    one query: each borough comes once for each of the key results naming it (once, with None,
    when none does)."""
    rows = Borough.objects.annotate(
        part=FilteredRelation(
            "participations",
            condition=Q(participations__key_result_id__in=list(key_results_by_id)),
        ),
        named_key_result_id=F("part__key_result_id"),
    ).order_by("short_name", "named_key_result_id")
    boroughs, naming = {}, defaultdict(list)
    for borough in rows:
        boroughs.setdefault(borough.pk, borough)
        if borough.named_key_result_id is not None:
            naming[borough.pk].append(key_results_by_id[borough.named_key_result_id])
    return list(boroughs.values()), naming
