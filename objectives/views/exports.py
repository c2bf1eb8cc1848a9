"""Downloads: a quarter's key results as CSV (for Excel) and JSON, and its check-ins as CSV."""

import csv

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.generic import View

from accounts.access import Rule
from accounts.people import public_name
from accounts.roles import can_see_internal_notes
from core.addresses import absolute_url

from ..filters import KeyResultFilter
from ..models import BoroughUpdate, CheckIn, KeyResult
from ..services import outcome_of
from ..spreadsheets import neutralise, spreadsheet_time
from ..summaries import QuarterReading
from .mixins import QuarterFromPathMixin, as_of_day, canonical_day

KEY_RESULT_COLUMNS = [
    "number",
    "title",
    "workstream",
    "boroughs",
    "open_to_all_boroughs",
    "partners",
    "owners",
    "verdict",
    "verdict_reason",
    "status",
    "progress",
    "expected_progress",
    "pace",
    "confidence",
    "last_check_in",
    "last_note",
    "evidence_label",
    "evidence_url",
    "sample_data",
    "outcome",
    "score",
    "reflection",
    "updated_at",
    "url",
]

CHECK_IN_COLUMNS = [
    "key_result",
    "title",
    "date",
    "status",
    "progress",
    "confidence",
    "note",
    "evidence_label",
    "evidence_url",
    "recorded_by",
    "recorded_at",
    "sample_data",
    "voided",
    "void_reason",
    "url",
]


def csv_response(filename, columns, rows):
    """A CSV download that Excel opens as UTF-8, every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # the byte order mark that makes Excel read UTF-8
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row[column]) for column in columns])
    return response


def key_result_record(key_result, request, *, with_review=False):
    """The exported fields of a key result read by a `QuarterReading` from `for_export()`; its
    outcome, score and reflection only `with_review` (the reader may read the review)."""
    final = outcome_of(key_result) if with_review else None
    updated_at = key_result.last_recorded_at or key_result.updated_at
    return {
        "number": key_result.number,
        "title": key_result.title,
        "workstream": key_result.workstream.name,
        "boroughs": [borough.short_name for borough in key_result.boroughs.all()],
        "open_to_all_boroughs": key_result.open_to_all_boroughs,
        "partners": [partner.display_name for partner in key_result.partners.all()],
        "owners": key_result.owner_name_list,
        "verdict": key_result.verdict.code,
        "verdict_label": key_result.verdict.label,
        "verdict_reason": key_result.assessment.reason,
        "status": key_result.status.value,
        "status_label": key_result.status.label,
        "progress": key_result.progress,
        "expected_progress": key_result.expected_progress,
        "pace": key_result.pace.code if key_result.pace else None,
        "confidence": key_result.confidence.value if key_result.confidence else None,
        "last_check_in": key_result.last_checked_in_on.isoformat()
        if key_result.last_checked_in_on
        else None,
        "last_note": key_result.last_note or "",
        "evidence_label": key_result.last_evidence_label or "",
        "evidence_url": key_result.last_evidence_url or "",
        "sample_data": bool(key_result.latest_is_sample),
        "outcome": final.outcome if final else None,
        "score": str(final.score) if final else None,
        "reflection": final.reflection if final else "",
        "updated_at": updated_at.isoformat(),
        "url": absolute_url(key_result.get_absolute_url()),
    }


def as_csv_cells(record):
    return {
        **record,
        "boroughs": "; ".join(record["boroughs"]),
        "partners": "; ".join(record["partners"]),
        "owners": "; ".join(record["owners"]),
        "verdict": record["verdict_label"],
        "status": record["status_label"],
        "pace": (record["pace"] or "").replace("_", " "),
        "confidence": record["confidence"] or "",
        "open_to_all_boroughs": "yes" if record["open_to_all_boroughs"] else "no",
        "sample_data": "yes" if record["sample_data"] else "no",
        "last_check_in": record["last_check_in"] or "",
        "updated_at": spreadsheet_time(record["updated_at"]),
        "outcome": record["outcome"] or "",
        "score": record["score"] or "",
    }


class FilterProblems(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def exported_key_results(quarter, request, filters, as_of, queryset=None):
    """The quarter's key results as the downloads (and the API) give them to `request.user`,
    narrowed by `filters` (the list page's, or None), as they stood on `as_of` (today when
    None): (the reading, a record each); FilterProblems by filter if one is not understood."""
    queryset = queryset if queryset is not None else KeyResult.objects.for_quarter(quarter)
    queryset = queryset.for_export(
        as_of=as_of, include_internal=can_see_internal_notes(request.user)
    ).select_related("outcome")
    filterset = KeyResultFilter(filters, queryset=queryset, quarter=quarter, request=request)
    if filterset.is_bound and not filterset.is_valid():
        raise FilterProblems(
            {name: [str(e) for e in errs] for name, errs in filterset.errors.items()}
        )
    reading = QuarterReading(quarter, list(filterset.qs), as_of or timezone.localdate())
    with_review = quarter.review_is_visible_to(request.user)
    records = [
        key_result_record(kr, request, with_review=with_review) for kr in reading.key_results
    ]
    return reading, records


class KeyResultExportView(QuarterFromPathMixin, View):
    """The quarter's key results, narrowed by the list page's filters; `?as_of=` as on the
    dashboard."""

    access = Rule.PUBLIC
    filterset_class = KeyResultFilter
    query_parameters = ("as_of",)
    canonical_values = {"as_of": canonical_day}

    format = "csv"

    def get(self, request, *args, **kwargs):
        try:
            reading, records = exported_key_results(
                self.quarter, request, request.GET or None, as_of_day(request)
            )
        except FilterProblems as problems:
            return JsonResponse({"errors": problems.errors}, status=400)
        filename = f"loti-okr-{self.quarter.slug}-key-results"
        if self.format == "json":
            response = JsonResponse(
                {
                    "quarter": str(self.quarter),
                    "as_of": reading.day.isoformat(),
                    "expected_progress": reading.expected_progress,
                    "key_results": records,
                },
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
            response["Content-Disposition"] = f'inline; filename="{filename}.json"'
            return response
        return csv_response(filename, KEY_RESULT_COLUMNS, map(as_csv_cells, records))


class CheckInExportView(QuarterFromPathMixin, View):
    """Every check-in of the quarter, oldest first: the whole history, for analysis."""

    access = Rule.PUBLIC

    def get(self, request, *args, **kwargs):
        show_internal = can_see_internal_notes(request.user)
        check_ins = (
            CheckIn.objects.for_quarter(self.quarter)
            .visible_to(request.user)
            .with_notes_shown(include_internal=show_internal)
            .select_related("key_result__quarter", "recorded_by")
            .order_by("key_result__number", "date", "recorded_at", "pk")
        )
        rows = (
            {
                "key_result": check_in.key_result.number,
                "title": check_in.key_result.title,
                "date": check_in.date.isoformat(),
                "status": check_in.get_status_display(),
                "progress": check_in.progress,
                "confidence": check_in.get_confidence_display(),
                "note": check_in.shown_note,
                "evidence_label": check_in.shown_evidence_label,
                "evidence_url": check_in.shown_evidence_url,
                "recorded_by": public_name(check_in.recorded_by),
                "recorded_at": spreadsheet_time(check_in.recorded_at),
                "sample_data": "yes" if check_in.is_sample else "no",
                # Only LOTI staff see voided check-ins (objectives.visibility), with why.
                "voided": "yes" if check_in.voided_at else "no",
                "void_reason": check_in.void_reason,
                "url": absolute_url(check_in.get_absolute_url()),
            }
            for check_in in check_ins
        )
        return csv_response(f"loti-okr-{self.quarter.slug}-check-ins", CHECK_IN_COLUMNS, rows)


BOROUGH_UPDATE_COLUMNS = [
    "key_result",
    "title",
    "borough",
    "posted",
    "text",
    "link",
    "author",
    "url",
]


class BoroughUpdateExportView(QuarterFromPathMixin, View):
    """The quarter's borough updates, oldest first; withdrawn ones are left out."""

    access = Rule.PUBLIC

    def get(self, request, *args, **kwargs):
        updates = (
            BoroughUpdate.objects.shown()
            .filter(key_result__quarter=self.quarter)
            .select_related("key_result", "borough", "author")
            .order_by("created_at", "pk")
        )
        rows = (
            {
                "key_result": update.key_result.number,
                "title": update.key_result.title,
                "borough": update.borough.short_name,
                "posted": spreadsheet_time(update.created_at),
                "text": update.text,
                "link": update.link,
                "author": public_name(update.author),
                "url": absolute_url(update.get_absolute_url()),
            }
            for update in updates
        )
        filename = f"loti-okr-{self.quarter.slug}-borough-updates"
        return csv_response(filename, BOROUGH_UPDATE_COLUMNS, rows)
