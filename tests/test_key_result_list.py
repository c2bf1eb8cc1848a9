"""The key result list's filter form: its selects write the HTML Django's own would, in Python."""

import pytest


@pytest.mark.parametrize("value", ["", "b&c", None])
def test_the_filters_select_writes_what_djangos_select_writes(db, value):
    from django import forms

    from objectives.filters import PlainSelect

    choices = [
        ("", "All of them"),
        ("a", 'Quotes "here"'),
        ("b&c", "Skills & <Capability>"),
        ("Grouped", [("g1", "One"), ("g2", "Two")]),
    ]
    attrs = {"class": "govuk-select", "id": "id_x", "required": True, "disabled": False}

    def lines(html):
        return [line for line in str(html).splitlines() if line.strip()]

    ours = PlainSelect(choices=choices).render("x", value, attrs=attrs)
    assert lines(ours) == lines(forms.Select(choices=choices).render("x", value, attrs=attrs))
    assert "Skills &amp; &lt;Capability&gt;" in ours
