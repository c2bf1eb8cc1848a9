"""The key result list's filters: a GET form, so every filtered list is an address to share."""

import django_filters
from django_filters import fields

from boroughs.models import Borough
from partners.models import Partner
from workstreams.models import Workstream

from .models import KeyResult, Status
from .visibility import visible_workstreams


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
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    class Meta:
        model = KeyResult
        fields = ["q", "workstream", "borough", "partner", "status"]

    def __init__(self, *args, quarter=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:
            # Nothing of a draft is offered to those who may not see drafts.
            self.filters["workstream"].queryset = visible_workstreams(self.request.user)
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
