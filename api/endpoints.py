"""The API, version 1 (/api/v1/): what a person may read and record on the site, through a
personal token. Every read asks the same querysets as the pages (`visible_to`, internal notes
as `can_see_internal_notes` decides); every write goes through the site's own services, which
hold the same rules."""

import datetime
import math
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from simple_history.utils import update_change_reason

from accounts.people import public_name
from accounts.roles import Role, can_see_internal_notes, officer_borough, role_of
from boroughs.models import Borough
from core.addresses import absolute_url
from objectives.models import BoroughUpdate, CheckIn, KeyResult, Quarter
from objectives.services import record_check_in, record_no_change
from objectives.services.borough_updates import post_borough_update
from objectives.views.exports import FilterProblems, exported_key_results
from objectives.visibility import visible_partners, visible_workstreams

from . import problems
from .auth import TokenAuth, require_write
from .schemas import (
    BoroughUpdateIn,
    BoroughUpdateOut,
    BoroughUpdatePage,
    CheckInIn,
    CheckInOut,
    CheckInPage,
    Day,
    KeyResultDetailOut,
    KeyResultPage,
    Named,
    Number,
    Plain,
    QuarterOut,
    StatusCode,
    Time,
)


class ExactTimes(NinjaJSONEncoder):
    """Times to the microsecond, as stored: a sync asks for check-ins recorded after the last
    `recorded_at` it saw, which Django's encoder (milliseconds) would make miss or repeat."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class ExactJSON(JSONRenderer):
    encoder_class = ExactTimes


class TrackerAPI(NinjaAPI):
    """django-ninja's API, sending each read's ETag, and describing problems as what they are
    (`application/problem+json`) in the OpenAPI document."""

    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        if response.status_code == 200 and getattr(request, "api_etag", None):
            response["ETag"] = request.api_etag
        return response

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {problems.PROBLEM_TYPE: content["application/json"]}
        return schema


api = TrackerAPI(
    title="LOTI OKR tracker API",
    version="1",
    description=(
        "Read what you may see on the LOTI OKR tracker and record check-ins and borough "
        "updates, with a personal token (`Authorization: Bearer ...`; make one on your account "
        "page). Errors are `application/problem+json` (RFC 9457). docs/api.md has examples."
    ),
    auth=TokenAuth(),
    renderer=ExactJSON(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.install(api)

READS = problems.declared(200, 304)
WRITES = problems.declared(201, write=True)
PAGE_SIZE, LARGEST_PAGE = 50, 200


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=LARGEST_PAGE)


def one_page(items, paging):
    """`items` (a list or queryset in a stable order) cut to the page asked for."""
    count = len(items) if isinstance(items, list) else items.count()
    start = (paging.page - 1) * paging.page_size
    return {
        "count": count,
        "page": paging.page,
        "pages": max(1, math.ceil(count / paging.page_size)),
        "results": list(items[start : start + paging.page_size]),
    }


def quarter_for(request, slug):
    return get_object_or_404(Quarter.objects.visible_to(request.user), slug=slug)


def key_result_for(request, slug, number):
    return get_object_or_404(
        KeyResult.objects.visible_to(request.user).select_related("quarter"),
        quarter__slug=slug,
        number=number,
    )


def check_in_record(check_in):
    return {
        "id": check_in.pk,
        "key_result": check_in.key_result.number,
        "date": check_in.date,
        "status": check_in.status,
        "progress": check_in.progress,
        "confidence": check_in.confidence or None,
        "note": check_in.shown_note,
        "is_internal": check_in.is_internal and not check_in.note_withheld,
        "evidence_label": check_in.shown_evidence_label,
        "evidence_url": check_in.shown_evidence_url,
        "recorded_by": public_name(check_in.recorded_by),
        "recorded_at": check_in.recorded_at,
        "sample_data": check_in.is_sample,
        "voided": check_in.voided_at is not None,
    }


def check_ins_seen_by(request):
    return (
        CheckIn.objects.visible_to(request.user)
        .with_notes_shown(include_internal=can_see_internal_notes(request.user))
        .select_related("key_result", "recorded_by")
        .order_by("recorded_at", "pk")
    )


@api.get("/quarters", response=READS | {200: list[QuarterOut]}, tags=["read"])
@problems.etag
def quarters(request):
    """The quarters you may see, newest first (drafts for LOTI staff only)."""
    return [
        {
            "slug": quarter.slug,
            "name": str(quarter),
            "start_date": quarter.start_date,
            "end_date": quarter.end_date,
            "state": quarter.state.value,
            "url": absolute_url(quarter.get_absolute_url()),
        }
        for quarter in Quarter.objects.visible_to(request.user).order_by("-start_date", "-pk")
    ]


@api.get("/quarters/{slug}/key-results", response=READS | {200: KeyResultPage}, tags=["read"])
@problems.etag
def key_results(
    request,
    slug: Plain,
    paging: Query[Paging],
    workstream: Plain = "",
    borough: Plain = "",
    partner: Plain = "",
    status: StatusCode | None = None,
    q: Annotated[Plain, Field(max_length=200)] = "",
    owner: Plain = "",
    as_of: Day | None = None,
):
    """The quarter's key results with their latest check-in and verdict, by number: the key
    result list's filters (slugs, as in the site's addresses), `owner` (a username, or `me`),
    and `as_of` (a day: the quarter as it stood then)."""
    quarter = quarter_for(request, slug)
    filters = {"workstream": workstream, "borough": borough, "partner": partner}
    filters |= {"status": status or "", "q": q}
    owned = KeyResult.objects.for_quarter(quarter)
    if owner:
        username = request.user.get_username() if owner == "me" else owner
        owned = owned.filter(owners__username=username)
    try:
        reading, records = exported_key_results(
            quarter, request, {k: v for k, v in filters.items() if v} or None, as_of, owned
        )
    except FilterProblems as error:
        raise problems.NoSuchFilterValue(error.errors) from error
    return {**one_page(records, paging), "as_of": reading.day}


@api.get(
    "/quarters/{slug}/key-results/{number}",
    response=READS | {200: KeyResultDetailOut},
    tags=["read"],
)
@problems.etag
def key_result(request, slug: Plain, number: Number, as_of: Day | None = None):
    """One key result and every check-in you may see on it, oldest first."""
    found = key_result_for(request, slug, number)
    _, [record] = exported_key_results(
        found.quarter, request, None, as_of, KeyResult.objects.filter(pk=found.pk)
    )
    check_ins = check_ins_seen_by(request).filter(key_result=found)
    return {"key_result": record, "check_ins": [check_in_record(c) for c in check_ins]}


@api.get("/quarters/{slug}/check-ins", response=READS | {200: CheckInPage}, tags=["read"])
@problems.etag
def check_ins(request, slug: Plain, paging: Query[Paging], since: Time | None = None):
    """The quarter's check-ins in the order they were recorded; `since` (a time) gives only
    those recorded after it, for a sync that asks again with the last `recorded_at` it saw."""
    quarter = quarter_for(request, slug)
    found = check_ins_seen_by(request).filter(key_result__quarter=quarter)
    if since is not None:
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        found = found.filter(recorded_at__gt=since)
    page = one_page(found, paging)
    return {**page, "results": [check_in_record(c) for c in page["results"]]}


@api.get(
    "/quarters/{slug}/borough-updates", response=READS | {200: BoroughUpdatePage}, tags=["read"]
)
@problems.etag
def borough_updates(request, slug: Plain, paging: Query[Paging], borough: Plain = ""):
    """Borough officers' updates on the quarter's key results, oldest first (withdrawn ones
    left out), optionally one borough's."""
    quarter = quarter_for(request, slug)
    found = (
        BoroughUpdate.objects.filter(
            key_result__in=KeyResult.objects.visible_to(request.user).for_quarter(quarter),
            withdrawn_at__isnull=True,
        )
        .select_related("key_result", "borough", "author")
        .order_by("created_at", "pk")
    )
    if borough:
        found = found.filter(borough__slug=borough)
    page = one_page(found, paging)
    page["results"] = [
        {
            "id": update.pk,
            "key_result": update.key_result.number,
            "borough": str(update.borough),
            "author": public_name(update.author),
            "text": update.text,
            "link": update.link,
            "created_at": update.created_at,
        }
        for update in page["results"]
    ]
    return page


@api.get("/workstreams", response=READS | {200: list[Named]}, tags=["read"])
@problems.etag
def workstreams(request):
    """The workstreams of the quarters you may see."""
    return [{"slug": w.slug, "name": w.name} for w in visible_workstreams(request.user)]


@api.get("/boroughs", response=READS | {200: list[Named]}, tags=["read"])
@problems.etag
def boroughs(request):
    """London's 33 authorities."""
    return [{"slug": b.slug, "name": str(b)} for b in Borough.objects.all()]


@api.get("/partners", response=READS | {200: list[Named]}, tags=["read"])
@problems.etag
def partners(request):
    """The partner organisations of the quarters you may see."""
    return [{"slug": p.slug, "name": p.display_name} for p in visible_partners(request.user)]


def recorded(request, check_in):
    """Mark the audit trail: recorded through the API, with which token."""
    update_change_reason(check_in, f"via API token {request.api_token.name}")
    return Status(201, check_in_record(check_ins_seen_by(request).get(pk=check_in.pk)))


@api.post(
    "/quarters/{slug}/key-results/{number}/check-ins",
    response=WRITES | {201: CheckInOut},
    tags=["write"],
)
def record_a_check_in(request, slug: Plain, number: Number, check_in: CheckInIn):
    """Record a check-in, as on the site: LOTI staff, and the key result's owners; the same
    rules of dates, status and notes. Needs a read-and-write token."""
    require_write(request)
    found = key_result_for(request, slug, number)
    details = check_in.dict(exclude_none=True)
    made = record_check_in(key_result=found, recorded_by=request.user, **details)
    return recorded(request, made)


@api.post(
    "/quarters/{slug}/key-results/{number}/no-change",
    response=WRITES | {201: CheckInOut},
    tags=["write"],
)
def record_no_change_check_in(request, slug: Plain, number: Number):
    """Record "No change." (the latest values again), which clears the key result's due flag.
    Needs a read-and-write token."""
    require_write(request)
    found = key_result_for(request, slug, number)
    made = record_no_change(key_result=found, recorded_by=request.user)
    return recorded(request, made)


@api.post(
    "/quarters/{slug}/key-results/{number}/borough-updates",
    response=WRITES | {201: BoroughUpdateOut},
    tags=["write"],
)
def post_a_borough_update(request, slug: Plain, number: Number, update: BoroughUpdateIn):
    """A borough officer's update on a key result that names their borough. Needs a
    read-and-write token."""
    require_write(request)
    found = key_result_for(request, slug, number)
    if role_of(request.user) is not Role.OFFICER:
        raise PermissionDenied("Only borough officers post borough updates.")
    borough = officer_borough(request.user)
    made = post_borough_update(
        key_result=found, author=request.user, borough=borough, **update.dict()
    )
    return Status(
        201,
        {
            "id": made.pk,
            "key_result": found.number,
            "borough": str(borough),
            "author": public_name(request.user),
            "text": made.text,
            "link": made.link,
            "created_at": made.created_at,
        },
    )
