"""Checking a plan file: the raw structure `reading.py` gives, turned into a Plan or every problem.

`PlanChecker` reports each problem with its line and a plain reason; length limits come from the
model fields, so a file is held to exactly what the database will take.
"""

import datetime
import difflib
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.backends.base.operations import BaseDatabaseOperations

from boroughs.models import Borough, normalise_name
from partners.models import Partner
from workstreams.models import Workstream

from ..models import (
    BoroughParticipation,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
    Status,
)
from ..slugs import unique_slug
from .plan import Plan, PlannedKeyResult
from .reading import Located, PlanFileError, Problem, decode, raw_from_csv, raw_from_yaml

TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0", ""}
CONTINUES = re.compile(r"^\s*(?P<slug>[-\w]+)\s*(?:/|\s+KR\s*)(?P<number>\d+)\s*$", re.IGNORECASE)


def limit(model, name):
    """The most characters `model`'s field `name` holds."""
    return model._meta.get_field(name).max_length


def highest(model, name):
    """The largest number `model`'s integer field `name` holds, in every database we run on:
    the standard column ranges PostgreSQL keeps (SQLite would store anything)."""
    field = model._meta.get_field(name)
    return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()][1]


def read_plan(data, file_format):
    """Check a plan file (bytes) in `file_format` ("yaml" or "csv"); return a Plan or raise
    PlanFileError listing every problem."""
    text = decode(data)
    raw = raw_from_yaml(text) if file_format == "yaml" else raw_from_csv(text)
    return PlanChecker(raw).plan()


class PlanChecker:
    """Turns the raw structure of either format into a Plan, collecting every problem."""

    def __init__(self, raw):
        self.raw = raw
        self.problems = []
        self.continued = {}  # original key result id -> (number, line) of what continues it
        self.boroughs = Borough.objects.by_name()
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
            **quarter, workstreams=workstreams, key_results=key_results, new_partners=new_partners
        )

    def integer(self, mapping, key, label, low=1, high=None):
        value = mapping.get(key)
        line = mapping.line_of(key)
        if value in (None, ""):
            self.problem(line, f"{label} is missing")
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self.problem(line, f'{label} "{value}" is not a whole number')
            return None
        if number < low or (high is not None and number > high):
            limit = f"from {low} to {high}" if high else f"{low} or more"
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

    def workstreams(self, raw_workstreams, line):
        if not isinstance(raw_workstreams, list) or not raw_workstreams:
            self.problem(line, "the file needs workstreams, each with key_results")
            return [], []
        names, key_results, numbers = [], [], {}
        for raw in raw_workstreams:
            if not isinstance(raw, Located):
                self.problem(line, "each workstream needs a name and key_results")
                continue
            name = self.text(
                raw, "name", "the workstream's name", limit(Workstream, "name"), required=True
            )
            if name and normalise_name(name) in map(normalise_name, names):
                self.problem(raw.line_of("name"), f'workstream "{name}" is listed twice')
            names.append(name)
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

    def key_result(self, raw, workstream, line):
        if not isinstance(raw, Located):
            self.problem(line, "each key result needs at least a number and a title")
            return None
        number = self.integer(
            raw, "number", "the key result's number", high=highest(KeyResult, "number")
        )
        title = self.text(raw, "title", "the title", limit(KeyResult, "title"), required=True)
        planned = PlannedKeyResult(
            line=raw.line,
            workstream=workstream,
            number=number or 0,
            title=title,
            description=self.text(
                raw, "description", "the description", limit(KeyResult, "description")
            ),
            status=self.status(raw),
            open_to_all_boroughs=self.boolean(raw, "open_to_all_boroughs"),
            named_people=self.text(raw, "people", "people", limit(KeyResult, "named_people")),
            dependencies=self.text(
                raw, "dependencies", "dependencies", limit(KeyResult, "dependencies")
            ),
            boroughs=self.named(raw, "boroughs", self.borough, limit(BoroughParticipation, "role")),
            partners=self.named(raw, "partners", self.partner, limit(PartnerInvolvement, "role")),
            links=self.links(raw),
            continues=self.continues(raw),
        )
        if planned.continues is not None:
            self.continued_once(planned, raw.line_of("continues"))
        return planned

    def continued_once(self, planned, line):
        """Two key results of one plan cannot continue the same one."""
        original = planned.continues
        if original.pk in self.continued:
            number, first_line = self.continued[original.pk]
            self.problem(
                line,
                f"{original.quarter.slug}/{original.number} is continued by key result {number} "
                f"(line {first_line}) too",
            )
        else:
            self.continued[original.pk] = (planned.number, line)

    def status(self, raw):
        value = str(raw.get("status") or "").strip()
        if not value:
            return Status.NOT_STARTED
        by_word = {s.value: s for s in Status} | {s.label.lower(): s for s in Status}
        status = by_word.get(value.lower().replace("-", "_")) or by_word.get(value.lower())
        if status is None:
            self.problem(
                raw.line_of("status"),
                f'unknown status "{value}": use one of {", ".join(s.value for s in Status)}',
            )
            return Status.NOT_STARTED
        return status

    def boolean(self, raw, key):
        value = raw.get(key)
        if isinstance(value, bool) or value is None:
            return bool(value)
        word = str(value).strip().lower()
        if word in TRUE_WORDS | FALSE_WORDS:
            return word in TRUE_WORDS
        self.problem(raw.line_of(key), f'{key} "{value}" must be yes or no')
        return False

    def named(self, raw, key, resolve, role_limit):
        """A list of names, or of {name, role}, each resolved; duplicates are problems."""
        items = raw.get(key) or []
        if not isinstance(items, list):
            self.problem(raw.line_of(key), f"{key} must be a list")
            return []
        found, seen = [], set()
        for item in items:
            if isinstance(item, Located):
                name, role, line = (
                    str(item.get("name") or ""),
                    str(item.get("role") or ""),
                    item.line,
                )
            else:
                name, role = str(item), ""
                line = getattr(item, "line", None) or raw.line_of(key)
            thing = resolve(name.strip(), line)
            if thing is None:
                continue
            if thing in seen:
                self.problem(line, f'"{name}" is named twice in key result {raw.get("number")}')
                continue
            seen.add(thing)
            if len(role.strip()) > role_limit:
                self.problem(line, f"{name.strip()}'s role is longer than {role_limit} characters")
                continue
            found.append((thing, role.strip()))
        return found

    def borough(self, name, line):
        borough = self.boroughs.get(normalise_name(name))
        if borough is None:
            close = difflib.get_close_matches(normalise_name(name), list(self.boroughs), n=1)
            hint = f" (did you mean {self.boroughs[close[0]].short_name}?)" if close else ""
            self.problem(line, f'unknown borough "{name}"{hint}')
        return borough

    def partner(self, name, line):
        partner = self.partners.get(name.lower())
        if partner is None:
            close = difflib.get_close_matches(name.lower(), list(self.partners), n=1)
            hint = f" (did you mean {self.partners[close[0]]}?)" if close else ""
            self.problem(line, f'unknown partner "{name}"{hint}; add it under partners first')
        return partner

    def links(self, raw):
        items = raw.get("links") or []
        if not isinstance(items, list):
            self.problem(raw.line_of("links"), "links must be a list")
            return []
        links = []
        for item in items:
            if isinstance(item, Located):
                label, url = (
                    str(item.get("label") or "").strip(),
                    str(item.get("url") or "").strip(),
                )
                line = item.line
            else:
                label, url, line = str(item).strip(), "", raw.line_of("links")
            if not label:
                self.problem(line, "a link needs a label")
                continue
            too_long = [
                (what, most)
                for what, text, most in (
                    ("a label", label, limit(KeyResultLink, "label")),
                    ("an address", url, limit(KeyResultLink, "url")),
                )
                if len(text) > most
            ]
            for what, most in too_long:
                self.problem(line, f'link "{label}" has {what} longer than {most} characters')
            if too_long:
                continue
            if url:
                try:
                    URLValidator()(url)
                except ValidationError:
                    self.problem(line, f'link "{label}" has an address that is not a web address')
                    continue
            links.append((label, url))
        return links

    def continues(self, raw):
        value = str(raw.get("continues") or "").strip()
        if not value:
            return None
        match = CONTINUES.match(value)
        line = raw.line_of("continues")
        if not match:
            self.problem(line, f'continues "{value}" should look like y3-q2/14')
            return None
        original = (
            KeyResult.objects.filter(quarter__slug=match["slug"], number=int(match["number"]))
            .select_related("quarter")
            .first()
        )
        if original is None:
            self.problem(line, f'continues "{value}", but there is no such key result')
        elif refusal := original.carry_over_refusal():
            self.problem(line, f"{refusal}: only unfinished key results can be continued")
            return None
        return original
