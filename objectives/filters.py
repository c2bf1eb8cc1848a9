"""The key result list's filters: a GET form, so every filtered list is an address to share."""

import django_filters

from boroughs.models import Borough
from partners.models import Partner
from workstreams.models import Workstream

from .models import KeyResult, Status


def choice_error(thing):
    return {"invalid_choice": f"Select a {thing} from the list"}


class KeyResultFilter(django_filters.FilterSet):
    """The GET form on the key result list; every filtered list is a URL someone can share."""

    q = django_filters.CharFilter(
        label="Search titles and descriptions",
        method="filter_text",
        max_length=200,
        error_messages={"max_length": "Search for 200 characters or fewer"},
    )
    workstream = django_filters.ModelChoiceFilter(
        queryset=Workstream.objects.all(),
        label="Workstream",
        to_field_name="slug",
        empty_label="All workstreams",
        error_messages=choice_error("workstream"),
    )
    borough = django_filters.ModelChoiceFilter(
        queryset=Borough.objects.all(),
        label="Borough",
        to_field_name="slug",
        method="filter_borough",
        empty_label="All boroughs",
        error_messages=choice_error("borough"),
    )
    partner = django_filters.ModelChoiceFilter(
        queryset=Partner.objects.all(),
        label="Partner",
        to_field_name="slug",
        method="filter_partner",
        empty_label="All partners",
        error_messages=choice_error("partner"),
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices,
        label="Status",
        method="filter_status",
        empty_label="Any status",
        error_messages=choice_error("status"),
    )

    class Meta:
        model = KeyResult
        fields = ["q", "workstream", "borough", "partner", "status"]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_borough(self, queryset, name, borough):
        return queryset.for_borough(borough)

    def filter_partner(self, queryset, name, partner):
        return queryset.for_partner(partner)

    def filter_status(self, queryset, name, status):
        return queryset.filter(current_status=status)
