"""A checked plan: what `checking.py` makes of a file and `services.create_plan` writes."""

import datetime
from dataclasses import dataclass, field

from boroughs.models import normalise_name
from workstreams.models import Workstream

from ..models import KeyResult, Status


@dataclass
class PlannedKeyResult:
    line: int
    workstream: str
    number: int
    title: str
    description: str = ""
    status: str = Status.NOT_STARTED
    open_to_all_boroughs: bool = False
    named_people: str = ""
    dependencies: str = ""
    boroughs: list = field(default_factory=list)  # (Borough, role)
    partners: list = field(default_factory=list)  # (partner name as known or to create, role)
    links: list = field(default_factory=list)  # (label, url)
    continues: KeyResult | None = None
    owners: list = field(default_factory=list)  # users, found by their e-mail addresses


@dataclass
class Plan:
    """A checked plan, ready to write."""

    year: int
    number: int
    slug: str
    start_date: datetime.date
    end_date: datetime.date
    workstreams: list  # names in the file's order
    key_results: list  # PlannedKeyResult
    new_partners: list = field(default_factory=list)  # dicts for Partner(**fields)
    workstream_descriptions: dict = field(default_factory=dict)  # name: description, if given

    @property
    def new_workstreams(self):
        known = {normalise_name(w.name) for w in Workstream.objects.all()}
        return [name for name in self.workstreams if normalise_name(name) not in known]

    def summary_lines(self):
        lines = [
            f"Quarter: Year {self.year} Q{self.number} ({self.slug}), "
            f"{self.start_date:%-d %B %Y} to {self.end_date:%-d %B %Y}",
            f"Key results: {len(self.key_results)} in {len(self.workstreams)} workstreams",
        ]
        if self.new_workstreams:
            lines.append(f"New workstreams: {', '.join(self.new_workstreams)}")
        if self.new_partners:
            lines.append(f"New partners: {', '.join(p['name'] for p in self.new_partners)}")
        for kr in self.key_results:
            boroughs = ", ".join(borough.short_name for borough, _ in kr.boroughs) or "none named"
            partners = ", ".join(name for name, _ in kr.partners) or "none named"
            lines.append(
                f"  KR {kr.number} [{kr.workstream}] {kr.title} (boroughs: {boroughs}; "
                f"partners: {partners})"
            )
        return lines
