from django import forms, template

register = template.Library()


@register.inclusion_tag("includes/form_field.html")
def govuk_field(field, width=""):
    """A form field in GOV.UK Frontend markup: label, error message and the control."""
    is_select = isinstance(field.field.widget, forms.Select)
    base = "govuk-select" if is_select else "govuk-input"
    classes = [base]
    if width:
        classes.append(f"govuk-input--width-{width}")
    attrs = {}
    if field.errors:
        classes.append(f"{base}--error")
        attrs["aria-describedby"] = f"{field.id_for_label}-error"
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
def lookup(mapping, key):
    """mapping[key] in a template, or "" when there is none."""
    return mapping.get(key, "")


@register.filter
def expected_on(quarter, day):
    """Percent progress expected of `quarter` by `day`."""
    return quarter.expected_progress(day)


@register.filter
def running_on(quarter, day):
    return quarter.is_running_on(day)
