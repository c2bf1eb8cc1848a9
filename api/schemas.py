"""What the API reads and writes, as pydantic schemas (they are also the OpenAPI document)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator

from core.numbers import LARGEST
from objectives.models import Confidence, Status

StatusCode = Literal[tuple(Status.values)]
ConfidenceCode = Literal[tuple(Confidence.values)]

# What the site stores as text (core/text.py): no control characters but tab and line breaks.
PLAIN_TEXT = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*$"
Plain = Annotated[str, Field(pattern=PLAIN_TEXT)]
Number = Annotated[int, Field(ge=1, le=LARGEST)]
DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?"
TIME += "([Zz]|[+-][0-9]{2}:[0-9]{2})$"


def written_as(pattern, example):
    """Only the written form `pattern` (pydantic would also read a number as a time)."""
    import re

    form = re.compile(pattern)

    def check(value):
        if isinstance(value, str) and not form.match(value):
            raise ValueError(f"write it like {example}")
        return value

    return BeforeValidator(check)


Day = Annotated[datetime.date, written_as(DAY, "2021-12-01")]
Time = Annotated[datetime.datetime, written_as(TIME, "2021-12-01T09:30:00Z")]


class Problem(Schema):
    """An error, as RFC 9457's problem details (`application/problem+json`)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


class Named(Schema):
    slug: str
    name: str


class QuarterOut(Schema):
    slug: str
    name: str
    start_date: datetime.date
    end_date: datetime.date
    state: str = Field(description="draft, upcoming, running, ended or reviewed")
    url: str


class KeyResultOut(Schema):
    """A key result with its latest check-in and verdict, as the JSON export gives it."""

    number: int
    title: str
    workstream: str
    boroughs: list[str]
    open_to_all_boroughs: bool
    partners: list[str]
    owners: list[str]
    verdict: str
    verdict_label: str
    verdict_reason: str
    status: str
    status_label: str
    progress: int
    expected_progress: int | None
    pace: str | None
    confidence: str | None
    last_check_in: datetime.date | None
    last_note: str
    evidence_label: str
    evidence_url: str
    sample_data: bool
    outcome: str | None
    score: str | None
    reflection: str
    updated_at: datetime.datetime
    url: str


class CheckInOut(Schema):
    id: int
    key_result: int
    date: datetime.date
    status: str
    progress: int
    confidence: str | None
    note: str
    is_internal: bool
    evidence_label: str
    evidence_url: str
    recorded_by: str
    recorded_at: datetime.datetime
    sample_data: bool
    voided: bool


class KeyResultDetailOut(Schema):
    key_result: KeyResultOut
    check_ins: list[CheckInOut]


class BoroughUpdateOut(Schema):
    id: int
    key_result: int
    borough: str
    author: str
    text: str
    link: str
    created_at: datetime.datetime


class Page(Schema):
    count: int
    page: int
    pages: int


class KeyResultPage(Page):
    as_of: datetime.date
    results: list[KeyResultOut]


class CheckInPage(Page):
    results: list[CheckInOut]


class BoroughUpdatePage(Page):
    results: list[BoroughUpdateOut]


class CheckInIn(Schema):
    status: StatusCode
    progress: int = Field(ge=0, le=100)
    note: Plain = Field(max_length=5000)
    confidence: ConfidenceCode | None = None
    date: Day | None = Field(
        default=None, description="The day it speaks for; today (in the quarter) when left out."
    )
    evidence_label: Plain = Field(default="", max_length=200)
    evidence_url: Plain = Field(default="", max_length=500)
    is_internal: bool = Field(default=False, description="A note for LOTI staff and managers.")


class BoroughUpdateIn(Schema):
    text: Plain = Field(min_length=1, max_length=2000)
    link: Plain = Field(default="", max_length=500)
