"""List filters the admin's lists share."""

from django.contrib import admin

from ..models import Quarter, current_of


class QuarterFilter(admin.SimpleListFilter):
    """By quarter: the current one (the `current_of` rule) until another, or all, is chosen, so
    a list opens on what LOTI staff work on now rather than every quarter's KR 17."""

    title = "quarter"
    parameter_name = "quarter"
    quarter_lookup = "quarter"  # how the listed model reaches its quarter
    ALL = "all"

    def lookups(self, request, model_admin):
        self.quarters = list(Quarter.objects.all())
        self.current = current_of(self.quarters)
        return [(quarter.slug, str(quarter)) for quarter in self.quarters]

    def chosen(self):
        if self.value():
            return self.value()
        return self.current.slug if self.current else self.ALL

    def queryset(self, request, queryset):
        chosen = self.chosen()
        if chosen == self.ALL:
            return queryset
        return queryset.filter(**{f"{self.quarter_lookup}__slug": chosen})

    def choices(self, changelist):
        chosen = self.chosen()
        yield {
            "selected": chosen == self.ALL,
            "query_string": changelist.get_query_string({self.parameter_name: self.ALL}),
            "display": "All quarters",
        }
        for slug, name in self.lookup_choices:
            current = self.current is not None and slug == self.current.slug
            yield {
                "selected": chosen == slug,
                "query_string": changelist.get_query_string({self.parameter_name: slug}),
                "display": f"{name} (current)" if current else name,
            }


class KeyResultQuarterFilter(QuarterFilter):
    quarter_lookup = "key_result__quarter"


def key_results_by_quarter(queryset):
    """Key results for a select box, named with their quarter in one query."""
    return queryset.select_related("quarter").order_by("-quarter__start_date", "number")
