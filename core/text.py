"""The one rule for text the tracker stores: no control characters.

NUL and the other C0 control characters cannot be stored by PostgreSQL (NUL) or written to the
backup, and no person types them; they come from a crafted request or file. Tab, line feed and
carriage return are text (a browser sends a textarea's lines as CR LF). Every door calls this
module: web requests (loti_okr.middleware), plan files (objectives.plan_files) and the
commands' arguments (core.commands).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

# Lone surrogates are not characters at all (half of one, from a "\ud800" escape): UTF-8
# cannot encode them, so no database or file can hold them either.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


# A name or a subject is one line: an e-mail header cannot hold a line break either.
LINE_BREAK_OR_CONTROL = re.compile("[\x00-\x1f\ud800-\udfff]")


def control_character_in(text, *, one_line=False):
    """The first control character of `text` as 'U+0000' (with `one_line`, tab and line breaks
    count too), or None when there is none."""
    found = (LINE_BREAK_OR_CONTROL if one_line else CONTROL_CHARACTER).search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def problem_with(text, what="the text", *, one_line=False):
    """A sentence saying why `text` cannot be stored, or None when it can."""
    character = control_character_in(text, one_line=one_line)
    if character is None:
        return None
    kind = "a line break or control character" if one_line else "a control character"
    return (
        f"{what} holds {kind} ({character}), which the tracker does not store here; "
        "remove it (it often comes with text pasted from another program) and try again"
    )


def refuse_control_characters(value, *, one_line=False):
    """A validator for forms and models."""
    if isinstance(value, str) and (problem := problem_with(value, "This", one_line=one_line)):
        raise ValidationError(f"{problem}.", code="control_character")


def refuse_line_breaks(value):
    """A validator for one-line text: a person's name, a subject."""
    refuse_control_characters(value, one_line=True)


class PlainTextModel:
    """A model mixin: `full_clean` (the admin, model forms, services that clean) refuses text
    fields holding control characters, with the message of `refuse_control_characters`."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            try:
                refuse_control_characters(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.messages
        if errors:
            raise ValidationError(errors)
