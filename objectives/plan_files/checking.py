"""Checking a plan file: the raw structure `reading.py` gives, turned into a Plan or every problem.

`PlanChecker` reports each problem with its line and a plain reason; length limits come from the
model fields, so a file is held to exactly what the database will take.
"""

import datetime
import difflib
import re

from boroughs.models import Borough, normalise_name
from core.numbers import LARGEST, plain_integer
from partners.models import Partner
from workstreams.models import Workstream

from ..models import (
    Quarter,
)
from ..slugs import unique_slug
from .checking_key_results import KeyResultChecks, limit
from .plan import Plan
from .reading import Located, PlanFileError, Problem, decode, raw_from_csv, raw_from_yaml

DESCRIPTION_LIMIT = 5000  # a workstream's description, a paragraph or two


def read_plan(data, file_format):
    """Check a plan file (bytes) in `file_format` ("yaml" or "csv"); return a Plan or raise
    PlanFileError listing every problem."""
    text = decode(data)
    raw = raw_from_yaml(text) if file_format == "yaml" else raw_from_csv(text)
    return PlanChecker(raw).plan()


class PlanChecker(KeyResultChecks):
    """Turns the raw structure of either format into a Plan, collecting every problem."""

    def __init__(self, raw):
        self.raw = raw
        self.problems = []
        self.continued = {}  # original key result id -> (number, line) of what continues it
        self.boroughs = Borough.objects.by_name()
        self.workstream_descriptions = {}
        self.partners = {}
        for partner in Partner.objects.all():
            for spelling in (partner.slug, partner.name, partner.acronym):
                if spelling:
                    self.partners[spelling.lower()] = partner.name

    def problem(self, line, message):
        self.problems.append(Problem(line, message))

    def plan(self):
        raw = self.raw
        if "quarter" not in raw or not isinstance(raw["quarter"], dict):
            self.problem(raw.line, "the file needs a quarter: year, number, start_date, end_date")
            raise PlanFileError(self.problems)
        quarter = self.quarter(raw["quarter"])
        new_partners = self.new_partners(raw.get("partners") or [], raw.line_of("partners"))
        workstreams, key_results = self.workstreams(
            raw.get("workstreams"), raw.line_of("workstreams")
        )
        if self.problems:
            raise PlanFileError(sorted(self.problems, key=lambda p: (p.line or 0, p.message)))
        return Plan(
            **quarter,
            workstreams=workstreams,
            key_results=key_results,
            new_partners=new_partners,
            workstream_descriptions=self.workstream_descriptions,
        )

    def integer(self, mapping, key, label, low=1, high=None):
        value = mapping.get(key)
        line = mapping.line_of(key)
        if value in (None, ""):
            self.problem(line, f"{label} is missing")
            return None
        number = plain_integer(value, lowest=-(10**12), highest=10**12)
        if number is None:
            self.problem(line, f'{label} "{value}" is not a whole number in digits 0-9')
            return None
        if number < low or number > (high or LARGEST):
            limit = f"from {low} to {high}" if high else f"{low} or more, up to {LARGEST:,}"
            self.problem(line, f"{label} {number} must be {limit}")
            return None
        return number

    def date(self, mapping, key, label):
        value = mapping.get(key)
        line = mapping.line_of(key)
        if isinstance(value, datetime.date):
            return value
        if value in (None, ""):
            self.problem(line, f"{label} is missing")
            return None
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(line, f'{label} "{value}" is not a date like 2022-01-16')
            return None

    def text(self, mapping, key, label, max_length, required=False):
        value = mapping.get(key)
        value = "" if value is None else str(value).strip()
        if required and not value:
            self.problem(mapping.line_of(key), f"{label} is missing")
        elif len(value) > max_length:
            self.problem(mapping.line_of(key), f"{label} is longer than {max_length} characters")
        return value

    def quarter(self, raw):
        year = self.integer(raw, "year", "the quarter's year", high=99)
        number = self.integer(raw, "number", "the quarter's number", high=4)
        start = self.date(raw, "start_date", "start_date")
        end = self.date(raw, "end_date", "end_date")
        slug = str(raw.get("slug") or "").strip() or (
            Quarter.default_slug(year, number) if year and number else ""
        )
        dates_problem = Quarter.dates_problem(start, end) if start and end else None
        if dates_problem and end <= start:
            self.problem(raw.line_of("end_date"), f"end_date {end} is not after start_date {start}")
        elif dates_problem:
            self.problem(raw.line_of("end_date"), dates_problem[0].lower() + dates_problem[1:])
        if slug and not re.fullmatch(Quarter.SLUG_PATTERN, slug):
            self.problem(raw.line_of("slug"), f'slug "{slug}" may only hold letters, digits and -')
        elif slug and Quarter.objects.filter(slug=slug).exists():
            self.problem(raw.line, f'quarter "{slug}" already exists; nothing was imported')
        elif year and number and Quarter.objects.filter(year=year, number=number).exists():
            self.problem(raw.line, f"Year {year} Q{number} already exists; nothing was imported")
        if start and end and not dates_problem:
            overlapping = Quarter.objects.filter(start_date__lte=end, end_date__gte=start).first()
            if overlapping:
                self.problem(raw.line, f"the dates overlap {overlapping} ({overlapping.slug})")
        return {"year": year, "number": number, "slug": slug, "start_date": start, "end_date": end}

    def new_partners(self, raw_partners, line):
        if not isinstance(raw_partners, list):
            self.problem(line, "partners must be a list")
            return []
        created, slug_lines = [], {}
        taken = set(Partner.objects.values_list("slug", flat=True))
        for raw in raw_partners:
            if not isinstance(raw, Located):
                self.problem(line, "each partner needs at least a name")
                continue
            name = self.text(
                raw, "name", "the partner's name", limit(Partner, "name"), required=True
            )
            acronym = self.text(raw, "acronym", "the partner's acronym", limit(Partner, "acronym"))
            kind = str(raw.get("kind") or Partner.Kind.PUBLIC_BODY)
            if kind not in Partner.Kind.values:
                self.problem(
                    raw.line_of("kind"),
                    f'partner kind "{kind}" is not one of {", ".join(Partner.Kind.values)}',
                )
            if not name or Partner.objects.filter(name__iexact=name).exists():
                continue  # a partner already known is used as it is
            slug = self.partner_slug(raw, name, taken, slug_lines)
            if slug is None:
                continue
            fields = {
                "name": name,
                "acronym": acronym,
                "slug": slug,
                "kind": kind,
                "description": self.text(
                    raw, "description", "the partner's description", limit(Partner, "description")
                ),
            }
            created.append(fields)
            for spelling in (slug, name, acronym):
                if spelling:
                    self.partners[spelling.lower()] = name
        return created

    def partner_slug(self, raw, name, taken, slug_lines):
        """The new partner's slug: the file's, if it is a free, valid slug (else a problem), or
        one derived from the name."""
        line = raw.line_of("slug")
        given = str(raw.get("slug") or "").strip()
        if not given:
            slug = unique_slug(
                name, taken | set(slug_lines), fallback="partner", max_length=limit(Partner, "slug")
            )
        elif not re.fullmatch(r"[-a-zA-Z0-9_]+", given) or len(given) > limit(Partner, "slug"):
            self.problem(line, f'partner slug "{given}" may only hold letters, digits, - and _')
            return None
        elif given in slug_lines:
            self.problem(line, f'partner slug "{given}" is also on line {slug_lines[given]}')
            return None
        elif given in taken:
            owner = Partner.objects.get(slug=given)
            self.problem(
                line,
                f'partner slug "{given}" is already used by {owner.name}; give this partner '
                "another slug",
            )
            return None
        else:
            slug = given
        slug_lines[slug] = line
        return slug

    def known_or_declared_new(self, raw, name, known):
        """A workstream is one LOTI already has, or declared new on purpose (`new: true`; in
        CSV, yes in `new_workstream`): a near miss ("Digital Inclusoin") is a typing slip, not
        a new workstream, and says which one was meant."""
        if normalise_name(name) in map(normalise_name, known):
            return
        if self.boolean(raw, "new"):
            close = difflib.get_close_matches(name.lower(), [k.lower() for k in known], 1, 0.85)
            if close:
                meant = next(k for k in known if k.lower() == close[0])
                self.problem(
                    raw.line_of("name"),
                    f'new workstream "{name}" is too like "{meant}": use "{meant}", or a '
                    "clearly different name",
                )
            return
        close = difflib.get_close_matches(name.lower(), [k.lower() for k in known], 1, 0.75)
        meant = next((k for k in known if close and k.lower() == close[0]), None)
        hint = f'did you mean "{meant}"? ' if meant else ""
        self.problem(
            raw.line_of("name"),
            f'workstream "{name}" is not one of LOTI\'s workstreams: {hint}To start a new '
            'workstream, say so: "new: true" on it in YAML, "yes" in the new_workstream column '
            "in CSV",
        )

    def workstreams(self, raw_workstreams, line):
        if not isinstance(raw_workstreams, list) or not raw_workstreams:
            self.problem(line, "the file needs workstreams, each with key_results")
            return [], []
        names, key_results, numbers = [], [], {}
        known = list(Workstream.objects.values_list("name", flat=True))
        for raw in raw_workstreams:
            if not isinstance(raw, Located):
                self.problem(line, "each workstream needs a name and key_results")
                continue
            name = self.text(
                raw, "name", "the workstream's name", limit(Workstream, "name"), required=True
            )
            if name and normalise_name(name) in map(normalise_name, names):
                self.problem(raw.line_of("name"), f'workstream "{name}" is listed twice')
            elif name:
                self.known_or_declared_new(raw, name, known)
            names.append(name)
            description = self.text(
                raw, "description", "the workstream's description", DESCRIPTION_LIMIT
            )
            if description:
                self.workstream_descriptions[name] = description
            raw_key_results = raw.get("key_results")
            if not isinstance(raw_key_results, list) or not raw_key_results:
                self.problem(raw.line, f'workstream "{name}" has no key_results')
                continue
            for raw_kr in raw_key_results:
                key_result = self.key_result(raw_kr, name, raw.line)
                if key_result is None:
                    continue
                if key_result.number in numbers:
                    self.problem(
                        raw_kr.line_of("number"),
                        f"duplicate number {key_result.number} (also on line "
                        f"{numbers[key_result.number]})",
                    )
                else:
                    numbers[key_result.number] = raw_kr.line_of("number")
                key_results.append(key_result)
        return names, sorted(key_results, key=lambda kr: kr.number)
