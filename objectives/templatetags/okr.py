"""Template tags and filters: GOV.UK form fields, tag colours, and addresses that keep context."""

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts import people

from ..choices import Status
from ..models import Quarter
from ..my_work import my_work as my_work_of
from ..pace import Pace
from ..verdicts import Verdict

register = template.Library()

# GOV.UK Frontend tag modifiers for statuses and paces; "" is the default blue tag.
TAG_COLOURS = {
    Status.NOT_STARTED: "grey",
    Status.SCOPING: "purple",
    Status.IN_PROGRESS: "",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "orange",
    Status.OFF_TRACK: "red",
    Status.COMPLETE: "teal",
    Status.DROPPED: "pink",
    Pace.AHEAD: "green",
    Pace.ON_PACE: "",
    Pace.BEHIND: "yellow",
    Pace.WELL_BEHIND: "red",
    Verdict.NOT_STARTED: "grey",
    Verdict.ON_TRACK: "green",
    Verdict.AT_RISK: "orange",
    Verdict.OFF_TRACK: "red",
    Verdict.NOT_COMPLETE: "yellow",
    Verdict.COMPLETE: "teal",
    Verdict.DROPPED: "pink",
    Quarter.State.DRAFT: "grey",
    Quarter.State.UPCOMING: "light-blue",
    Quarter.State.RUNNING: "green",
    Quarter.State.ENDED: "",
    Quarter.State.REVIEWED: "turquoise",
}


@register.filter
def tag_class(value):
    """The GOV.UK Frontend tag classes that show a status or a pace."""
    colour = TAG_COLOURS[value]
    return f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"


@register.simple_tag
def tag(value):
    """A status, pace, verdict or quarter state as a GOV.UK tag; nothing for None. A tag, not
    an include: tables show one or two a row."""
    if value is None:
        return ""
    return format_html('<strong class="{}">{}</strong>', tag_class(value), value.label)


@register.simple_tag
def verdict(key_result, with_reason=False):
    """A key result's verdict as a tag, and why when asked (objectives.verdicts)."""
    assessment = key_result.assessment
    if with_reason and assessment.reason:
        return format_html(
            '{}<span class="app-reason">{}</span>', tag(assessment.verdict), assessment.reason
        )
    return tag(assessment.verdict)


@register.simple_tag
def progress_bar(value, label=""):
    """A percentage as a bar with its figure (the figure is what assistive technology reads)."""
    hidden = format_html('<span class="govuk-visually-hidden"> {}</span>', label) if label else ""
    return format_html(
        '<span class="app-progress"> '
        '<progress class="app-progress__bar" max="100" value="{}" aria-hidden="true">'
        "{}%</progress> "
        '<span class="app-progress__value">{}%{}</span> </span>',
        value,
        value,
        value,
        hidden,
    )


@register.filter
def carried_into_as_seen_by(key_result, user):
    """`KeyResult.carried_into_as_seen_by` in a template."""
    return key_result.carried_into_as_seen_by(user)


@register.filter
def public_name(user):
    """A person as pages name them: their full name, never their e-mail or username."""
    return people.public_name(user)


@register.filter
def in_quarter(url, quarter):
    """A page spanning quarters (a borough, a workstream) as `quarter` shows it: ?quarter=."""
    return f"{url}?quarter={quarter.slug}" if quarter else url


@register.filter
def as_of(url, day):
    """A quarter's page as its record stood on `day`: ?as_of=YYYY-MM-DD (unchanged if None)."""
    return f"{url}?as_of={day:%Y-%m-%d}" if day else url


@register.inclusion_tag("includes/form_field.html")
def govuk_field(field, width=""):
    """A form field in GOV.UK Frontend markup: label, error message and the control."""
    is_select = isinstance(field.field.widget, forms.Select)
    base = "govuk-select" if is_select else "govuk-input"
    classes = [base]
    if width:
        classes.append(f"govuk-input--width-{width}")
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-hint")
    if field.errors:
        classes.append(f"{base}--error")
        described_by.append(f"{field.id_for_label}-error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    attrs["class"] = " ".join(classes)
    return {"field": field, "control": field.as_widget(attrs=attrs)}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (a page number, say)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


@register.filter
def matrix_cells(counts):
    """A row of the borough x workstream matrix: a cell a count, marked where it is not 0 (one
    filter a row rather than a loop of tags: the matrix has hundreds of cells). Counts are
    whole numbers, so the markup is safe as made."""
    return mark_safe(
        "".join(f'<td class="app-matrix__hit">{int(n)}</td>' if n else "<td>0</td>" for n in counts)
    )


@register.filter
def lookup(mapping, key):
    """mapping[key] in a template, or "" when there is none."""
    return mapping.get(key, "")


@register.filter
def running_on(quarter, day):
    return quarter.is_running_on(day)


@register.filter
def days_left_on(quarter, day):
    """`Quarter.days_left` as of `day`: {{ quarter|days_left_on:as_of }}."""
    return quarter.days_left(day)


@register.simple_tag(takes_context=True)
def my_work(context, user):
    """The navigation's "My key results" for `user` (objectives.my_work)."""
    request = context.get("request")
    return my_work_of(user, getattr(request, "data_version", None))
