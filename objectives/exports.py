"""Key results as CSV (for Excel) and JSON, one row or object per key result."""

import csv

from django.http import HttpResponse, JsonResponse
from django.views.generic import View

from .filters import KeyResultFilter
from .models import KeyResult
from .views import QuarterFromPathMixin

FIELDS = [
    "number",
    "title",
    "workstream",
    "boroughs",
    "partners",
    "status",
    "progress",
    "updated_at",
    "url",
]

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Keep a spreadsheet from running text as a formula, by making it plainly text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def key_result_record(key_result, request):
    """The exported fields of a key result from `KeyResultQuerySet.for_export()`."""
    updated_at = key_result.last_recorded_at or key_result.updated_at
    return {
        "number": key_result.number,
        "title": key_result.title,
        "workstream": key_result.workstream.name,
        "boroughs": [borough.short_name for borough in key_result.boroughs.all()],
        "open_to_all_boroughs": key_result.open_to_all_boroughs,
        "partners": [partner.display_name for partner in key_result.partners.all()],
        "status": key_result.status.value,
        "status_label": key_result.status.label,
        "progress": key_result.progress,
        "last_check_in": key_result.last_checked_in_on.isoformat()
        if key_result.last_checked_in_on
        else None,
        "updated_at": updated_at.isoformat(),
        "url": request.build_absolute_uri(key_result.get_absolute_url()),
    }


class KeyResultExportView(QuarterFromPathMixin, View):
    """The quarter's key results, narrowed by the same GET filters as the list page."""

    format = "csv"

    def get(self, request, *args, **kwargs):
        queryset = KeyResult.objects.for_quarter(self.quarter).for_export()
        filterset = KeyResultFilter(request.GET or None, queryset=queryset)
        if filterset.is_bound and not filterset.is_valid():
            errors = {name: [str(e) for e in errs] for name, errs in filterset.errors.items()}
            return JsonResponse({"errors": errors}, status=400)
        records = [key_result_record(kr, request) for kr in filterset.qs]
        filename = f"loti-okr-{self.quarter.slug}-key-results"
        if self.format == "json":
            response = JsonResponse(
                {"quarter": str(self.quarter), "key_results": records},
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
            response["Content-Disposition"] = f'inline; filename="{filename}.json"'
            return response
        return self.as_csv(records, filename)

    def as_csv(self, records, filename):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")  # the byte order mark that makes Excel read UTF-8
        columns = [*FIELDS[:5], "open_to_all_boroughs", *FIELDS[5:7], "last_check_in", *FIELDS[7:]]
        writer = csv.writer(response)
        writer.writerow(columns)
        for record in records:
            row = {
                **record,
                "boroughs": "; ".join(record["boroughs"]),
                "partners": "; ".join(record["partners"]),
                "status": record["status_label"],
                "open_to_all_boroughs": "yes" if record["open_to_all_boroughs"] else "no",
                "last_check_in": record["last_check_in"] or "",
            }
            writer.writerow([neutralise(row[column]) for column in columns])
        return response
