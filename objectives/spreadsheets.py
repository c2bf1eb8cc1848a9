"""Cells a spreadsheet would run as formulas: made plain text on the way out (every CSV the site
or `export_plan` writes) and given back exactly on the way in (`import_plan`); times as
spreadsheets read them."""

import datetime

from django.utils import timezone

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What makes a cell plain text; a cell that already starts with it gets one more, so that
# `restore` can tell the two apart and every text comes back exactly.
ESCAPE = "'"


def neutralise(value):
    """Keep a spreadsheet from running text as a formula, by making it plainly text."""
    if isinstance(value, str) and value.startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return ESCAPE + value
    return value


def restore(text):
    """The text as it was before `neutralise`: exactly the apostrophe it added goes."""
    if text.startswith(ESCAPE) and text[1:].startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return text[1:]
    return text


def spreadsheet_time(moment):
    """A moment as spreadsheets read a date and time: "2026-12-04 00:18", in London time (the
    site's TIME_ZONE). JSON keeps ISO 8601 with its offset."""
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
