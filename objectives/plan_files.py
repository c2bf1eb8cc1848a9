"""Quarter plans as plain files (YAML or CSV): read, check, write to the database, and export.

Reading never writes: `read_plan` checks the whole file and reports every problem with its line
and a plain reason, and `create_plan` writes everything in one transaction. The formats are
described in the README, with an example in `docs/example-plan.yaml`.
"""

import csv
import datetime
import difflib
import io
import re
from dataclasses import dataclass, field

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from boroughs.models import Borough, normalise_name
from partners.models import Partner
from workstreams.models import Workstream

from .models import KeyResult, Quarter, Status
from .services import create_key_result

CSV_COLUMNS = [
    "year",
    "quarter",
    "slug",
    "start_date",
    "end_date",
    "workstream",
    "number",
    "title",
    "description",
    "status",
    "open_to_all_boroughs",
    "boroughs",
    "partners",
    "people",
    "dependencies",
    "links",
    "continues",
]
REQUIRED_CSV_COLUMNS = [
    "year",
    "quarter",
    "start_date",
    "end_date",
    "workstream",
    "number",
    "title",
]
NAME_ROLE = ("name", "role")
LABEL_URL = ("label", "url")
QUARTER_COLUMNS = ["year", "quarter", "slug", "start_date", "end_date"]
TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0", ""}
CONTINUES = re.compile(r"^\s*(?P<slug>[-\w]+)\s*(?:/|\s+KR\s*)(?P<number>\d+)\s*$", re.IGNORECASE)


class PlanFileError(Exception):
    """The file cannot be imported; `problems` says every reason, each with its line."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


class Located(dict):
    """A mapping read from the file that remembers the line of each of its keys."""

    def __init__(self, values, line, lines=None):
        super().__init__(values)
        self.line = line
        self.lines = lines or {}

    def line_of(self, key):
        return self.lines.get(key, self.line)


class LocatedStr(str):
    line = None


class _LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping the line each mapping, key and string starts on."""


def _construct_mapping(loader, node):
    values = loader.construct_mapping(node, deep=True)
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return Located(values, node.start_mark.line + 1, lines)


def _construct_str(loader, node):
    text = LocatedStr(loader.construct_scalar(node))
    text.line = node.start_mark.line + 1
    return text


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


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


# Reading


def decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PlanFileError(
            [Problem(line, "the file is not UTF-8 text; save it as UTF-8 and try again")]
        ) from None


def read_plan(data, file_format):
    """Check a plan file (bytes) in `file_format` ("yaml" or "csv"); return a Plan or raise
    PlanFileError listing every problem."""
    text = decode(data)
    raw = _raw_from_yaml(text) if file_format == "yaml" else _raw_from_csv(text)
    return _Checker(raw).plan()


def _raw_from_yaml(text):
    try:
        document = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise PlanFileError([Problem(line, f"this is not valid YAML: {error.problem}")]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise PlanFileError(
            [Problem(line, f"the file holds a character YAML does not allow ({error.reason})")]
        ) from None
    except yaml.YAMLError as error:
        raise PlanFileError([Problem(None, f"this is not valid YAML: {error}")]) from None
    if not isinstance(document, Located):
        raise PlanFileError(
            [Problem(1, "the file must be a YAML mapping with quarter and workstreams")]
        )
    return document


def _raw_from_csv(text):
    try:
        return _rows_from_csv(text)
    except csv.Error as error:
        raise PlanFileError([Problem(None, f"this is not valid CSV: {error}")]) from None


def _rows_from_csv(text):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_CSV_COLUMNS if name not in columns]
    if missing:
        raise PlanFileError(
            [Problem(1, f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")]
        )
    reader.fieldnames = columns
    rows, previous_end = [], 1
    for row in reader:
        line, previous_end = previous_end + 1, reader.line_num
        if None in row:
            raise PlanFileError([Problem(line, "this row has more cells than the header")])
        rows.append(Located({k: (v or "").strip() for k, v in row.items()}, line))
    if not rows:
        raise PlanFileError([Problem(2, "the file has a header but no key results")])
    first = rows[0]
    problems = [
        Problem(row.line, f'{name} "{row[name]}" differs from the first row\'s "{first[name]}"')
        for row in rows[1:]
        for name in QUARTER_COLUMNS
        if name in row and row[name] != first[name]
    ]
    if problems:
        raise PlanFileError(problems)
    quarter = Located(
        {
            "year": first["year"],
            "number": first["quarter"],
            "slug": first.get("slug", ""),
            "start_date": first["start_date"],
            "end_date": first["end_date"],
        },
        first.line,
    )
    workstreams = {}
    for row in rows:
        key_result = Located(
            {
                "number": row["number"],
                "title": row["title"],
                "description": row.get("description", ""),
                "status": row.get("status", ""),
                "open_to_all_boroughs": row.get("open_to_all_boroughs", ""),
                "boroughs": _split_pairs(row.get("boroughs", ""), row.line, ": ", NAME_ROLE),
                "partners": _split_pairs(row.get("partners", ""), row.line, ": ", NAME_ROLE),
                "people": row.get("people", ""),
                "dependencies": row.get("dependencies", ""),
                "links": _split_pairs(row.get("links", ""), row.line, " | ", LABEL_URL),
                "continues": row.get("continues", ""),
            },
            row.line,
        )
        name = row["workstream"]
        workstreams.setdefault(name, Located({"name": name, "key_results": []}, row.line))
        workstreams[name]["key_results"].append(key_result)
    return Located({"quarter": quarter, "workstreams": list(workstreams.values())}, 1)


def _cell_items(cell):
    """A cell's list items: one a line when the cell has several lines, else split on ";"."""
    return [part.strip() for part in cell.split("\n" if "\n" in cell else ";")]


def _join_cell(items):
    """The inverse of _cell_items: "; " between items, or new lines if an item holds ";"."""
    return ("\n" if any(";" in item for item in items) else "; ").join(items)


def _split_pairs(cell, line, separator, keys):
    """ "Barnet: sharing insights; Brent" -> [{name: Barnet, role: sharing insights}, ...]"""
    first, second = keys
    items = []
    for part in _cell_items(cell):
        if part:
            head, _, tail = part.partition(separator)
            items.append(Located({first: head.strip(), second: tail.strip()}, line))
    return items


class _Checker:
    """Turns the raw structure of either format into a Plan, collecting every problem."""

    def __init__(self, raw):
        self.raw = raw
        self.problems = []
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
            f"y{year}-q{number}" if year and number else ""
        )
        if start and end and end <= start:
            self.problem(raw.line_of("end_date"), f"end_date {end} is not after start_date {start}")
        if slug and not re.fullmatch(r"[-a-zA-Z0-9_]{1,20}", slug):
            self.problem(raw.line_of("slug"), f'slug "{slug}" may only hold letters, digits and -')
        elif slug and Quarter.objects.filter(slug=slug).exists():
            self.problem(raw.line, f'quarter "{slug}" already exists; nothing was imported')
        elif year and number and Quarter.objects.filter(year=year, number=number).exists():
            self.problem(raw.line, f"Year {year} Q{number} already exists; nothing was imported")
        if start and end and end > start:
            overlapping = Quarter.objects.filter(start_date__lte=end, end_date__gte=start).first()
            if overlapping:
                self.problem(raw.line, f"the dates overlap {overlapping} ({overlapping.slug})")
        return {"year": year, "number": number, "slug": slug, "start_date": start, "end_date": end}

    def new_partners(self, raw_partners, line):
        if not isinstance(raw_partners, list):
            self.problem(line, "partners must be a list")
            return []
        created = []
        for raw in raw_partners:
            if not isinstance(raw, Located):
                self.problem(line, "each partner needs at least a name")
                continue
            name = self.text(raw, "name", "the partner's name", 200, required=True)
            acronym = self.text(raw, "acronym", "the partner's acronym", 30)
            slug = str(raw.get("slug") or "").strip() or slugify(name)
            kind = str(raw.get("kind") or Partner.Kind.PUBLIC_BODY)
            if kind not in Partner.Kind.values:
                self.problem(
                    raw.line_of("kind"),
                    f'partner kind "{kind}" is not one of {", ".join(Partner.Kind.values)}',
                )
            known = Partner.objects.filter(Q(slug=slug) | Q(name__iexact=name)).first()
            if not name or known:
                continue  # a partner already known is used as it is
            fields = {
                "name": name,
                "acronym": acronym,
                "slug": slug,
                "kind": kind,
                "description": self.text(raw, "description", "the partner's description", 2000),
            }
            created.append(fields)
            for spelling in (slug, name, acronym):
                if spelling:
                    self.partners[spelling.lower()] = name
        return created

    def workstreams(self, raw_workstreams, line):
        if not isinstance(raw_workstreams, list) or not raw_workstreams:
            self.problem(line, "the file needs workstreams, each with key_results")
            return [], []
        names, key_results, numbers = [], [], {}
        for raw in raw_workstreams:
            if not isinstance(raw, Located):
                self.problem(line, "each workstream needs a name and key_results")
                continue
            name = self.text(raw, "name", "the workstream's name", 100, required=True)
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
        number = self.integer(raw, "number", "the key result's number")
        title = self.text(raw, "title", "the title", 300, required=True)
        return PlannedKeyResult(
            line=raw.line,
            workstream=workstream,
            number=number or 0,
            title=title,
            description=self.text(raw, "description", "the description", 10000),
            status=self.status(raw),
            open_to_all_boroughs=self.boolean(raw, "open_to_all_boroughs"),
            named_people=self.text(raw, "people", "people", 300),
            dependencies=self.text(raw, "dependencies", "dependencies", 2000),
            boroughs=self.named(raw, "boroughs", self.borough),
            partners=self.named(raw, "partners", self.partner),
            links=self.links(raw),
            continues=self.continues(raw),
        )

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

    def named(self, raw, key, resolve):
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
        elif KeyResult.objects.filter(carried_over_from=original).exists():
            self.problem(line, f"{original.reference} has already been carried over")
            return None
        return original


# Writing


@transaction.atomic
def create_plan(plan):
    """Write a checked plan: the quarter, new workstreams and partners, key results and their
    boroughs, partners and links. All or nothing."""
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


# Exporting


def plan_document(quarter):
    """The quarter as the plan file structure, in the plan's order."""
    key_results = (
        KeyResult.objects.for_quarter(quarter)
        .select_related("workstream", "carried_over_from__quarter")
        .prefetch_related("participations__borough", "involvements__partner", "links")
        .order_by("workstream__position", "workstream__name", "number")
    )
    workstreams, partners = {}, {}
    for kr in key_results:
        entry = {"number": kr.number, "title": kr.title}
        if kr.description:
            entry["description"] = kr.description
        if kr.starting_status != Status.NOT_STARTED:
            entry["status"] = str(kr.starting_status)
        if kr.open_to_all_boroughs:
            entry["open_to_all_boroughs"] = True
        if kr.participations.all():
            entry["boroughs"] = [
                _named(p.borough.short_name, p.role) for p in kr.participations.all()
            ]
        if kr.involvements.all():
            entry["partners"] = [_named(i.partner.name, i.role) for i in kr.involvements.all()]
            for involvement in kr.involvements.all():
                partners[involvement.partner.slug] = involvement.partner
        if kr.named_people:
            entry["people"] = kr.named_people
        if kr.dependencies:
            entry["dependencies"] = kr.dependencies
        if kr.links.all():
            entry["links"] = [
                {"label": link.label, **({"url": link.url} if link.url else {})}
                for link in kr.links.all()
            ]
        if kr.carried_over_from:
            entry["continues"] = (
                f"{kr.carried_over_from.quarter.slug}/{kr.carried_over_from.number}"
            )
        workstreams.setdefault(kr.workstream.name, []).append(entry)
    return {
        "quarter": {
            "year": quarter.year,
            "number": quarter.number,
            "slug": quarter.slug,
            "start_date": quarter.start_date,
            "end_date": quarter.end_date,
        },
        "partners": [
            {
                "name": p.name,
                **({"acronym": p.acronym} if p.acronym else {}),
                "slug": p.slug,
                "kind": p.kind,
                **({"description": p.description} if p.description else {}),
            }
            for p in sorted(partners.values(), key=lambda p: p.name)
        ],
        "workstreams": [{"name": name, "key_results": krs} for name, krs in workstreams.items()],
    }


def _named(name, role):
    return {"name": name, "role": role} if role else name


def export_yaml(quarter):
    header = (
        f"# LOTI plan file for {quarter}: import it with `manage.py import_plan FILE`.\n"
        "# The format is described in the README (Plan files).\n"
    )
    body = yaml.safe_dump(plan_document(quarter), sort_keys=False, allow_unicode=True, width=100)
    return header + body


def export_csv(quarter):
    document = plan_document(quarter)
    q = document["quarter"]
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def cell(items):
        return _join_cell(
            [item if isinstance(item, str) else f"{item['name']}: {item['role']}" for item in items]
        )

    for workstream in document["workstreams"]:
        for kr in workstream["key_results"]:
            writer.writerow(
                {
                    "year": q["year"],
                    "quarter": q["number"],
                    "slug": q["slug"],
                    "start_date": q["start_date"].isoformat(),
                    "end_date": q["end_date"].isoformat(),
                    "workstream": workstream["name"],
                    "number": kr["number"],
                    "title": kr["title"],
                    "description": kr.get("description", ""),
                    "status": kr.get("status", ""),
                    "open_to_all_boroughs": "yes" if kr.get("open_to_all_boroughs") else "",
                    "boroughs": cell(kr.get("boroughs", [])),
                    "partners": cell(kr.get("partners", [])),
                    "people": kr.get("people", ""),
                    "dependencies": kr.get("dependencies", ""),
                    "links": _join_cell(
                        [
                            f"{link['label']} | {link['url']}" if link.get("url") else link["label"]
                            for link in kr.get("links", [])
                        ]
                    ),
                    "continues": kr.get("continues", ""),
                }
            )
    return output.getvalue()
