"""The key result list's filters: a GET form, so every filtered list is an address to share."""

from html import escape

import django_filters
from django import forms
from django.utils.safestring import mark_safe
from django_filters import fields

from boroughs.models import Borough
from partners.models import Partner
from workstreams.models import Workstream

from .models import KeyResult, Status


class PlainSelect(forms.Select):
    """Django's select, written in Python: the same HTML as its templates, which render one
    template an option and took a third of the key result list's render on its 60-odd options.
    Its options' values and labels are escaped as Django's templates escape them."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(str(group_name))}">')
            parts += [
                f'\n  <option value="{escape(str(option["value"]))}"'
                f"{attributes(option['attrs'])}>{escape(str(option['label']))}</option>"
                for option in options
            ]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def attributes(attrs):
    """HTML attributes as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class OptionsReadAtOnce(fields.ModelChoiceIterator):
    """A select's rows read with one plain query: Django's `iterator()` opens a server-side
    cursor on PostgreSQL, three more round trips a select for a few dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.queryset.all():
            yield self.choice(row)


class ModelChoiceField(fields.ModelChoiceField):
    iterator = OptionsReadAtOnce


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


def choose_by_slug(model, thing, **options):
    """A select of `model` rows named in the address by slug, with GOV.UK wording."""
    return ModelChoiceFilter(
        queryset=model.objects.all(),
        widget=PlainSelect,
        label=thing.capitalize(),
        to_field_name="slug",
        empty_label=f"All {thing}s",
        error_messages={"invalid_choice": f"Select a {thing} from the list"},
        **options,
    )


class KeyResultFilter(django_filters.FilterSet):
    """The GET form on the key result list; every filtered list is a URL someone can share."""

    q = django_filters.CharFilter(
        label="Search titles and descriptions",
        method="filter_text",
        max_length=200,
        error_messages={"max_length": "Search for 200 characters or fewer"},
    )
    workstream = choose_by_slug(Workstream, "workstream")
    borough = choose_by_slug(Borough, "borough", method="filter_borough")
    partner = choose_by_slug(Partner, "partner", method="filter_partner")
    status = django_filters.ChoiceFilter(
        choices=Status.choices,
        label="Status",
        method="filter_status",
        empty_label="Any status",
        widget=PlainSelect,
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    class Meta:
        model = KeyResult
        fields = ["q", "workstream", "borough", "partner", "status"]

    def __init__(self, *args, quarter=None, **kwargs):
        super().__init__(*args, **kwargs)
        if quarter is not None:
            # Only the partners this quarter's key results involve: the others would list nothing.
            involved = Partner.objects.filter(involvements__key_result__quarter=quarter)
            self.filters["partner"].queryset = involved.distinct()

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_borough(self, queryset, name, borough):
        return queryset.for_borough(borough)

    def filter_partner(self, queryset, name, partner):
        return queryset.for_partner(partner)

    def filter_status(self, queryset, name, status):
        return queryset.filter(current_status=status)
