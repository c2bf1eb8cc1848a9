"""A quarter as a whole: the dashboard (and the home page), the board pack, the quarter list."""

from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import ListView, TemplateView, View

from accounts.access import Rule
from accounts.roles import can_see_internal_notes

from ..models import KeyResult, Quarter
from ..models.quarters import current_of
from ..selectors import (
    latest_borough_updates,
    quarter_charts,
    quarter_reading,
    quarter_summaries,
    quarters_side_by_side,
)
from ..services import headline
from .mixins import as_of_day, canonical_day, canonical_map, quarter_named, read_date


def next_quarter_after(quarter, quarters, today=None):
    """The published quarter that starts next, announced on the current quarter's dashboard."""
    today = today or timezone.localdate()
    if quarter != current_of(quarters, today):
        return None
    upcoming = [q for q in quarters if q.is_published and q.start_date > today]
    return min(upcoming, key=lambda q: q.start_date, default=None)


def review_headline(quarter, reading, user):
    """The review's headline for an ended quarter's dashboard, where the reader may read it
    (one query, and only then)."""
    if not reading.is_over or not quarter.review_is_visible_to(user):
        return None
    return headline(list(KeyResult.objects.for_quarter(quarter).select_related("outcome")))


class DashboardView(TemplateView):
    """A quarter at a glance: where each workstream stands against the calendar, what slips."""

    access = Rule.PUBLIC
    query_parameters = ("as_of", "map")
    canonical_values = {"as_of": canonical_day, "map": canonical_map}

    template_name = "objectives/dashboard.html"
    with_notes = False
    as_of_error = None
    shows_as_of_form = True  # a bad as-of date is shown on the form, with the page

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.as_of_error:
            response.status_code = 400
        return response

    def get_quarter(self, quarters):
        return quarter_named(quarters, self.kwargs["slug"])

    def map_shading(self):
        """How the London map shades: by average progress unless the reader chose the count."""
        return "count" if self.request.GET.get("map") == "count" else "progress"

    def get_context_data(self, **kwargs):
        # For the switcher, and to pick from: drafts only for those who may see them.
        quarters = list(Quarter.objects.visible_to(self.request.user))
        quarter = self.quarter = self.get_quarter(quarters)
        if quarter is None:
            return super().get_context_data(quarter=None, **kwargs)
        try:
            as_of = as_of_day(self.request)
        except BadRequest as error:
            if not self.shows_as_of_form:
                raise
            # The dashboard itself, with the problem in an error summary (a 400, no traceback).
            as_of, self.as_of_error = None, str(error)
        reading = quarter_reading(
            quarter,
            as_of,
            with_notes=self.with_notes,
            include_internal=can_see_internal_notes(self.request.user),
        )
        return super().get_context_data(
            quarter=quarter,
            quarters=quarters,
            as_of=as_of,
            reading=reading,
            overall=reading.overall,
            workstreams=reading.workstreams,
            open_to_all=[kr for kr in reading.key_results if kr.open_to_all_boroughs],
            next_quarter=next_quarter_after(quarter, quarters),
            review_headline=review_headline(quarter, reading, self.request.user),
            as_of_error=self.as_of_error,
            as_of_typed=self.request.GET.get("as_of", "")[:40] if self.as_of_error else "",
            latest_updates=latest_borough_updates(quarter, reading.day),
            **quarter_charts(reading, map_shading=self.map_shading()),
            **kwargs,
        )


class HomeView(DashboardView):
    """The current quarter's dashboard, at a URL that never changes."""

    def get_quarter(self, quarters):
        return current_of(quarters)

    def get_template_names(self):
        if self.quarter is None:
            return ["objectives/no_quarters.html"]
        return [self.template_name]


class BoardPackView(DashboardView):
    """A print-ready report of the quarter for LOTI's governance meetings."""

    query_parameters = ("as_of",)
    canonical_values = {"as_of": canonical_day}

    template_name = "objectives/board_pack.html"
    with_notes = True
    shows_as_of_form = False


class QuarterListView(ListView):
    """Every quarter, newest first, with how far its key results got."""

    access = Rule.PUBLIC

    template_name = "objectives/quarter_list.html"
    context_object_name = "quarter_list"

    def get_queryset(self):
        return Quarter.objects.visible_to(self.request.user).order_by("-start_date")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = quarter_summaries(context["quarter_list"], user=self.request.user)
        context["compared"], context["side_by_side"] = quarters_side_by_side(
            context["quarter_list"], user=self.request.user
        )
        context["current"] = current_of(context["quarter_list"])
        return context


class QuarterSwitchView(View):
    """Where the quarter switcher's GET form lands: send the reader to the chosen quarter's page."""

    access = Rule.PUBLIC

    PAGES = {
        "dashboard": "objectives:quarter-dashboard",
        "key-results": "objectives:key-result-list",
        "report": "objectives:board-pack",
    }

    # What the page being left had chosen, carried to the next quarter where it still makes sense.
    CARRIED = ("q", "workstream", "borough", "partner", "status", "as_of")
    query_parameters = ("quarter", "page", *CARRIED)

    def get(self, request):
        quarters = Quarter.objects.visible_to(request.user)
        quarter = quarter_named(quarters, request.GET.get("quarter", ""))
        page = self.PAGES.get(request.GET.get("page"), "objectives:quarter-dashboard")
        kept = {
            name: request.GET[name]
            for name in self.CARRIED
            if request.GET.get(name) and self.still_makes_sense(name, request.GET[name], quarter)
        }
        url = reverse(page, kwargs={"slug": quarter.slug})
        return redirect(f"{url}?{urlencode(kept)}" if kept else url)

    @staticmethod
    def still_makes_sense(name, value, quarter):
        """An as-of day within the new quarter; a partner it involves; the rest always."""
        if name == "as_of":
            day = read_date(value[:40])
            return day is not None and quarter.start_date <= day <= quarter.end_date
        if name == "partner":
            return quarter.key_results.filter(involvements__partner__slug=value).exists()
        return True
