"""Reading plan files: YAML and CSV turned into one raw structure that remembers each value's line.

Nothing here judges the content (that is `checking.py`); a file that cannot be read at all
raises PlanFileError with the line where reading stopped.
"""

import csv
import io
import json
from dataclasses import dataclass

import yaml

from core.text import CONTROL_CHARACTER, control_character_in

from ..spreadsheets import restore

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
    "owners",
    "new_workstream",
    "workstream_description",
    "partner_details",
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


MOST_BYTES = 1024 * 1024  # a quarter's plan is a few kilobytes
DEEPEST = 20  # a plan nests five levels; a file nested thousands deep is an attack


class _LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping the line each mapping, key and string starts on, and
    refusing what a plan never needs and an attack does: anchors and aliases (a few hundred
    bytes of aliases expand to gigabytes), and nesting deeper than DEEPEST (recursion)."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise PlanFileError(
                [
                    Problem(
                        event.start_mark.line + 1,
                        "anchors and aliases (&name, *name) are not allowed in plan files; "
                        "write each value out",
                    )
                ]
            )
        self.depth += 1
        if self.depth > DEEPEST:
            raise PlanFileError(
                [Problem(event.start_mark.line + 1, f"the file nests deeper than {DEEPEST} levels")]
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


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


def decode(data):
    """The file's text; refused whole if it is too large, not UTF-8, or holds a control
    character (core/text.py: PostgreSQL cannot store a NUL, where SQLite would)."""
    if len(data) > MOST_BYTES:
        raise PlanFileError([Problem(None, f"the file is larger than {MOST_BYTES // 2**20} MB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PlanFileError(
            [Problem(line, "the file is not UTF-8 text; save it as UTF-8 and try again")]
        ) from None
    if found := CONTROL_CHARACTER.search(text):
        line = text[: found.start()].count("\n") + 1
        raise PlanFileError([control_character_problem(line, found.group())])
    return text


def control_character_problem(line, text):
    return Problem(
        line,
        f"the file holds a control character ({control_character_in(text)}), which plans "
        "cannot contain",
    )


def refuse_escaped_control_characters(value, line=None):
    """YAML writes any character as an escape ("abc\\0def"): look in every string read."""
    if isinstance(value, dict):
        for key, item in value.items():
            refuse_escaped_control_characters(key, getattr(value, "line", line))
            refuse_escaped_control_characters(item, getattr(value, "line", line))
    elif isinstance(value, list):
        for item in value:
            refuse_escaped_control_characters(item, line)
    elif isinstance(value, str) and CONTROL_CHARACTER.search(value):
        raise PlanFileError([control_character_problem(getattr(value, "line", line), value)])


def raw_from_yaml(text):
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
    refuse_escaped_control_characters(document)
    return document


def raw_from_csv(text):
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
        rows.append(Located({k: restore((v or "").strip()) for k, v in row.items()}, line))
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
                "owners": [item for item in _cell_items(row.get("owners", "")) if item],
            },
            row.line,
        )
        name = row["workstream"]
        workstream = workstreams.setdefault(
            name, Located({"name": name, "key_results": []}, row.line)
        )
        if row.get("new_workstream", "").strip() and "new" not in workstream:
            workstream["new"] = row["new_workstream"]
            workstream.lines["new"] = row.line
        if row.get("workstream_description") and "description" not in workstream:
            workstream["description"] = row["workstream_description"]
            workstream.lines["description"] = row.line
        workstream["key_results"].append(key_result)
    return Located(
        {
            "quarter": quarter,
            "partners": _partners_from_details(rows),
            "workstreams": list(workstreams.values()),
        },
        1,
    )


def _partners_from_details(rows):
    """The `partners` section, from the partner_details cells: the partners each row names, as
    JSON (name, acronym, kind, slug, description), which export writes for an instance without
    them."""
    partners = {}
    for row in rows:
        cell = row.get("partner_details", "")
        try:
            details = json.loads(cell) if cell else []
        except ValueError:
            details = None
        if not isinstance(details, list) or not all(isinstance(d, dict) for d in details):
            raise PlanFileError(
                [Problem(row.line, "partner_details is not as export_plan writes it: clear it")]
            )
        for item in details:
            values = {key: str(value) for key, value in item.items() if value is not None}
            partners.setdefault(values.get("name", "").lower(), Located(values, row.line))
    return list(partners.values())


def _cell_items(cell):
    """A cell's list items: one a line when the cell has several lines, else split on ";"."""
    return [part.strip() for part in cell.split("\n" if "\n" in cell else ";")]


def join_cell(items):
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
