"""A key result's audit trail, read from django-simple-history's records.

Every save of a quarter, key result, check-in, borough update, participation, partner
involvement or link leaves a historical record with who and when; this module turns a key
result's records into a readable list of changes, each with the fields before and after.
"""

from dataclasses import dataclass, field

from .models import BoroughParticipation, BoroughUpdate, CheckIn, KeyResultLink, PartnerInvolvement

KINDS = {"+": "added", "~": "changed", "-": "deleted"}
NOT_SHOWN = {"version", "updated_at", "created_at", "recorded_at"}

# What each kind of record is called, what to fetch with it, and how to name one in a sentence.
PARTS = [
    (
        BoroughParticipation,
        "Borough",
        ["borough"],
        lambda r: f"{r.borough} ({r.role or 'no part'})",
    ),
    (PartnerInvolvement, "Partner", ["partner"], lambda r: f"{r.partner} ({r.role or 'no part'})"),
    (KeyResultLink, "Link", [], lambda r: r.label),
    (CheckIn, "Check-in", [], lambda r: f"{r.date}, {r.get_status_display()}, {r.progress}%"),
    (BoroughUpdate, "Borough update", ["borough"], lambda r: f"{r.borough}: {r.text[:80]}"),
]


@dataclass
class Change:
    when: object
    who: str  # the username, kept even if the account is removed; "" for the system
    thing: str
    kind: str
    fields: list = field(default_factory=list)  # (field name, before, after)


def _changes(records, thing, describe):
    previous, changes = {}, []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        fields = []
        if record.history_type == "~" and before is not None:
            fields = [
                (change.field.replace("_", " "), change.old, change.new)
                for change in record.diff_against(before).changes
                if change.field not in NOT_SHOWN
            ]
            if not fields:
                continue
        label = thing if record.history_type == "~" else f"{thing}: {describe(record)}"
        who = record.history_username
        if who and record.history_change_reason:  # e.g. "via API token Power BI"
            who = f"{who} {record.history_change_reason}"
        changes.append(
            Change(
                record.history_date,
                who,
                label,
                KINDS[record.history_type],
                fields,
            )
        )
    return changes


def _ordered(history, related=()):
    return history.select_related(*related).order_by("history_date", "history_id")


def key_result_changes(key_result):
    """Every recorded change to the key result and what hangs off it, newest first."""
    changes = _changes(_ordered(key_result.history.all()), "Key result", lambda r: r.title)
    for model, thing, related, describe in PARTS:
        records = _ordered(model.history.filter(key_result_id=key_result.pk), related)
        changes += _changes(records, thing, describe)
    return sorted(changes, key=lambda change: change.when, reverse=True)
