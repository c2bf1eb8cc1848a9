"""Checking one key result of a plan file: its fields, boroughs, partners, links and what it
continues. `PlanChecker` (checking.py) checks the rest of the file with these."""

import difflib
import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.backends.base.operations import BaseDatabaseOperations

from boroughs.models import normalise_name

from ..models import (
    BoroughParticipation,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Status,
)
from .plan import PlannedKeyResult
from .reading import Located

TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0", ""}
CONTINUES = re.compile(
    r"^\s*(?P<slug>[-\w]+)\s*(?:/|\s+KR\s*)(?P<number>[0-9]{1,9})\s*$", re.IGNORECASE
)


def limit(model, name):
    """The most characters `model`'s field `name` holds."""
    return model._meta.get_field(name).max_length


def highest(model, name):
    """The largest number `model`'s integer field `name` holds, in every database we run on:
    the standard column ranges PostgreSQL keeps (SQLite would store anything)."""
    field = model._meta.get_field(name)
    return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()][1]


class KeyResultChecks:
    """What PlanChecker knows about key results; it provides `problem`, `integer`, `text`,
    `boroughs`, `partners` and `continued`."""

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
            owners=self.owners(raw),
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

    def owners(self, raw):
        """Owners by the e-mail addresses of existing, active accounts (any letter case)."""
        items = raw.get("owners") or []
        if not isinstance(items, list):
            self.problem(raw.line_of("owners"), "owners must be a list of e-mail addresses")
            return []
        found = []
        for item in items:
            address = str(item).strip()
            line = getattr(item, "line", None) or raw.line_of("owners")
            owner = (
                get_user_model()
                .objects.filter(email__iexact=address, is_active=True)
                .exclude(email="")
                .first()
            )
            if owner is None:
                self.problem(line, f'no one with an account has the e-mail address "{address}"')
            elif owner in found:
                self.problem(line, f'"{address}" is named twice as an owner')
            else:
                found.append(owner)
        return found

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
