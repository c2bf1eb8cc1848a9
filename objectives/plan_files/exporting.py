"""Exporting a quarter as a plan file (YAML or CSV) that `import_plan` reads back unchanged, here
or in another instance: the file carries the workstreams and partners it uses, marked so that an
instance without them creates them, and one that has them uses its own."""

import csv
import io
import json

import yaml

from ..models import KeyResult, Status
from ..models.key_results import active_owners
from ..spreadsheets import neutralise
from .reading import CSV_COLUMNS, join_cell


def plan_document(quarter):
    """The quarter as the plan file structure, in the plan's order."""
    key_results = (
        KeyResult.objects.for_quarter(quarter)
        .select_related("workstream", "carried_over_from__quarter")
        .prefetch_related(
            "participations__borough", "involvements__partner", "links", active_owners()
        )
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
        # Active owners only, as pages show them (and as import accepts them).
        if owners := sorted(owner.email for owner in kr.owners.all() if owner.email):
            entry["owners"] = owners
        workstreams.setdefault(kr.workstream, []).append(entry)
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
        "workstreams": [
            {
                "name": workstream.name,
                "new": True,  # created where missing; matched by name where present
                **({"description": workstream.description} if workstream.description else {}),
                "key_results": krs,
            }
            for workstream, krs in workstreams.items()
        ],
    }


def _named(name, role):
    return {"name": name, "role": role} if role else name


def export_yaml(quarter):
    header = (
        f"# LOTI plan file for {quarter}: import it with `manage.py import_plan FILE`.\n"
        "# The format is described in docs/plan-files.md. Workstreams marked new are created\n"
        "# where missing and used as they are where present; partners likewise.\n"
    )
    body = yaml.safe_dump(plan_document(quarter), sort_keys=False, allow_unicode=True, width=100)
    return header + body


def export_csv(quarter):
    document = plan_document(quarter)
    q = document["quarter"]
    partners = {partner["name"]: partner for partner in document["partners"]}

    def details(items):
        names = [item if isinstance(item, str) else item["name"] for item in items]
        return json.dumps([partners[name] for name in names], ensure_ascii=False) if names else ""

    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def cell(items):
        return join_cell(
            [item if isinstance(item, str) else f"{item['name']}: {item['role']}" for item in items]
        )

    for workstream in document["workstreams"]:
        for kr in workstream["key_results"]:
            row = {
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
                "links": join_cell(
                    [
                        f"{link['label']} | {link['url']}" if link.get("url") else link["label"]
                        for link in kr.get("links", [])
                    ]
                ),
                "continues": kr.get("continues", ""),
                "owners": join_cell(kr.get("owners", [])),
                "new_workstream": "yes",
                "workstream_description": workstream.get("description", ""),
                "partner_details": details(kr.get("partners", [])),
            }
            writer.writerow({column: neutralise(value) for column, value in row.items()})
    return "\ufeff" + output.getvalue()  # the byte order mark Excel needs to read UTF-8
