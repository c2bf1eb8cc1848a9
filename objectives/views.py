import datetime
import re
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView, View
from django_filters.views import FilterView

from accounts.roles import Role, can_see_internal_notes, officer_borough, role_of
from boroughs.models import Borough
from partners.models import Partner
from workstreams.models import Workstream

from . import charts
from .filters import KeyResultFilter
from .forms import BoroughUpdateForm
from .history import key_result_changes
from .models import (
    BoroughParticipation,
    BoroughUpdate,
    CheckIn,
    KeyResult,
    PartnerInvolvement,
    Quarter,
    borough_workstream_pairs,
    boroughs_with_commitments,
    partners_with_commitments,
)
from .services import post_borough_update
from .summaries import ProgressSummary, QuarterReading, by_workstream, mark_pace

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class InvalidInput(BadRequest):
    """Bad input whose message is safe and useful to show the person who sent it."""


def bad_request(request, exception=None):
    if isinstance(exception, InvalidInput):
        message = str(exception)
    elif isinstance(exception, RequestDataTooBig):
        message = "What you sent is too large. Shorten it and try again."
    else:
        message = ""
    return render(request, "400.html", {"message": message}, status=400)


def as_of_day(request):
    """The day named by ?as_of=YYYY-MM-DD, or None when absent."""
    value = request.GET.get("as_of", "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f'"{value[:30]}" is not a date. Enter the date as year-month-day, like 2021-12-01.'
        ) from None


def quarter_or_404(slug):
    """The quarter a slug from the address or query string names; 404 for anything else,
    including text no slug could be (a NUL byte would make PostgreSQL refuse the query)."""
    if not slug or not SLUG.fullmatch(slug):
        raise Http404("There is no such quarter.")
    return get_object_or_404(Quarter, slug=slug)


class QuarterContextMixin:
    """Puts the page's quarter, and every quarter for the switcher, in the context."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quarter=self.quarter, quarters=Quarter.objects.all(), **kwargs
        )


class QuarterFromPathMixin(QuarterContextMixin):
    """For pages whose URL names the quarter: /quarters/<slug>/..."""

    def dispatch(self, request, *args, **kwargs):
        self.quarter = get_object_or_404(Quarter, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)


class QuarterFromQueryMixin(QuarterContextMixin):
    """For pages that span quarters (a borough, a workstream): ?quarter=<slug>, else the current."""

    def dispatch(self, request, *args, **kwargs):
        slug = request.GET.get("quarter")
        self.quarter = quarter_or_404(slug) if slug else Quarter.objects.current()
        return super().dispatch(request, *args, **kwargs)


def quarter_reading(quarter, as_of=None, *, with_notes=False, include_internal=False):
    """The quarter's key results as they stood on `as_of` (today when None), read once."""
    key_results = KeyResult.objects.for_quarter(quarter).for_listing(as_of=as_of)
    if with_notes:
        key_results = key_results.with_latest_note(as_of=as_of, include_internal=include_internal)
    return QuarterReading(quarter, list(key_results), as_of or timezone.localdate())


def quarter_pictures(reading):
    """The dashboard's and the board pack's pictures, in four queries."""
    quarter, day = reading.quarter, reading.day
    check_ins = (
        CheckIn.objects.for_quarter(quarter)
        .filter(date__lte=day)
        .in_order_made()
        .values_list("key_result_id", "date", "progress", "status")
    )
    boroughs = list(boroughs_with_commitments(quarter))
    workstreams = [row.workstream for row in reading.workstreams]
    burn_up = charts.burn_up(quarter, [kr.pk for kr in reading.key_results], check_ins, day)
    return {
        "burn_up": burn_up,
        "burn_up_rows": charts.weekly(burn_up.points),
        "status_bars": charts.status_bars(reading.workstreams),
        "london_map": charts.london_tiles(boroughs),
        "borough_count": sum(1 for borough in boroughs if borough.commitment_count),
        "matrix_workstreams": workstreams,
        "matrix": charts.borough_workstream_matrix(
            boroughs, workstreams, borough_workstream_pairs(quarter)
        ),
    }


class DashboardView(TemplateView):
    """A quarter at a glance: where each workstream stands against the calendar, what slips."""

    template_name = "objectives/dashboard.html"
    with_notes = False

    def get_quarter(self):
        return get_object_or_404(Quarter, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        quarter = self.quarter = self.get_quarter()
        if quarter is None:
            return super().get_context_data(quarter=None, **kwargs)
        as_of = as_of_day(self.request)
        reading = quarter_reading(
            quarter,
            as_of,
            with_notes=self.with_notes,
            include_internal=can_see_internal_notes(self.request.user),
        )
        return super().get_context_data(
            quarter=quarter,
            quarters=Quarter.objects.all(),
            as_of=as_of,
            reading=reading,
            overall=reading.overall,
            workstreams=reading.workstreams,
            open_to_all=[kr for kr in reading.key_results if kr.open_to_all_boroughs],
            **quarter_pictures(reading),
            **kwargs,
        )


class HomeView(DashboardView):
    """The current quarter's dashboard, at a URL that never changes."""

    def get_quarter(self):
        return Quarter.objects.current()

    def get_template_names(self):
        if self.quarter is None:
            return ["objectives/no_quarters.html"]
        return [self.template_name]


class BoardPackView(DashboardView):
    """A print-ready report of the quarter for LOTI's governance meetings."""

    template_name = "objectives/board_pack.html"
    with_notes = True


class QuarterListView(ListView):
    template_name = "objectives/quarter_list.html"
    context_object_name = "quarter_list"

    def get_queryset(self):
        return Quarter.objects.order_by("-start_date")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key_results = defaultdict(list)
        for kr in KeyResult.objects.with_progress().only("quarter_id", "starting_status"):
            key_results[kr.quarter_id].append(kr)
        context["rows"] = [
            (quarter, ProgressSummary(key_results[quarter.pk]))
            for quarter in context["quarter_list"]
        ]
        context["current"] = Quarter.objects.current()
        return context


class QuarterSwitchView(View):
    """Where the quarter switcher's GET form lands: send the reader to the chosen quarter's page."""

    PAGES = {
        "dashboard": "objectives:quarter-dashboard",
        "key-results": "objectives:key-result-list",
        "report": "objectives:board-pack",
    }

    def get(self, request):
        quarter = quarter_or_404(request.GET.get("quarter", ""))
        page = self.PAGES.get(request.GET.get("page"), "objectives:quarter-dashboard")
        return redirect(reverse(page, kwargs={"slug": quarter.slug}))


class KeyResultListView(QuarterFromPathMixin, FilterView):
    filterset_class = KeyResultFilter
    template_name = "objectives/key_result_list.html"
    context_object_name = "key_results"
    paginate_by = settings.KEY_RESULTS_PER_PAGE

    def get_queryset(self):
        return KeyResult.objects.for_quarter(self.quarter).for_listing()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(query_without_page=query.urlencode(), **kwargs)


class KeyResultDetailView(QuarterFromPathMixin, DetailView):
    template_name = "objectives/key_result_detail.html"
    context_object_name = "key_result"

    def get_object(self, queryset=None):
        return get_object_or_404(
            KeyResult.objects.with_progress()
            .select_related(
                "quarter", "workstream", "carried_over_from__quarter", "carried_over_to__quarter"
            )
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=BoroughParticipation.objects.select_related("borough"),
                ),
                Prefetch(
                    "involvements", queryset=PartnerInvolvement.objects.select_related("partner")
                ),
                "links",
                Prefetch("check_ins", queryset=CheckIn.objects.select_related("recorded_by")),
                Prefetch(
                    "borough_updates",
                    queryset=BoroughUpdate.objects.select_related("borough", "author"),
                ),
            ),
            quarter=self.quarter,
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        key_result = self.object
        today = timezone.localdate()
        check_ins = key_result.check_ins.all()  # prefetched, newest first by Meta.ordering
        mark_pace([key_result], self.quarter, today)
        user = self.request.user
        borough = officer_borough(user)
        can_post = borough is not None and any(
            p.borough_id == borough.pk for p in key_result.participations.all()
        )
        return super().get_context_data(
            check_ins=check_ins,
            history=charts.key_result_history(key_result, check_ins, today),
            lineage=key_result.lineage(),
            stale_after_days=settings.STALE_AFTER_DAYS,
            can_see_internal=can_see_internal_notes(user),
            update_form=BoroughUpdateForm() if can_post else None,
            officer_borough=borough,
            changes=key_result_changes(key_result) if role_of(user) is Role.STAFF else None,
            **kwargs,
        )


def borough_commitments(borough, quarter, *, with_notes=False):
    """The quarter's key results naming the borough, those open to all boroughs besides, and
    the borough's part in each named one (key result id -> role).

    With notes, the named ones carry their latest public note (never an internal one).
    """
    in_quarter = KeyResult.objects.for_quarter(quarter)
    named = in_quarter.for_borough(borough).for_listing()
    if with_notes:
        named = named.with_latest_note(include_internal=False)
    named = list(named)
    open_to_all = (
        in_quarter.filter(open_to_all_boroughs=True)
        .exclude(pk__in=[kr.pk for kr in named])
        .for_listing()
    )
    roles = dict(
        BoroughParticipation.objects.filter(
            borough=borough, key_result__quarter=quarter
        ).values_list("key_result_id", "role")
    )
    return named, list(open_to_all), roles


class BoroughUpdateCreateView(TemplateView):
    """A borough officer posts an update on a key result that names their borough."""

    template_name = "objectives/borough_update_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.quarter = get_object_or_404(Quarter, slug=kwargs["slug"])
        self.key_result = get_object_or_404(
            KeyResult.objects.select_related("quarter"),
            quarter=self.quarter,
            number=kwargs["number"],
        )
        self.borough = officer_borough(request.user)
        if not self.key_result.participations.filter(borough=self.borough).exists():
            raise PermissionDenied(f"{self.key_result.reference} does not name your borough.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", BoroughUpdateForm())
        return super().get_context_data(
            quarter=self.quarter, key_result=self.key_result, borough=self.borough, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = BoroughUpdateForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        post_borough_update(
            key_result=self.key_result,
            author=request.user,
            borough=self.borough,
            **form.cleaned_data,
        )
        messages.success(request, f"Your update on KR {self.key_result.number} is published.")
        return redirect(self.key_result.get_absolute_url() + "#borough-updates")


class MyBoroughView(QuarterFromQueryMixin, TemplateView):
    """A borough officer's landing page: their commitments first, what is due, their updates."""

    template_name = "objectives/my_borough.html"

    def get_context_data(self, **kwargs):
        borough = officer_borough(self.request.user)
        named, open_to_all, roles = borough_commitments(borough, self.quarter, with_notes=True)
        day = timezone.localdate()
        reading = QuarterReading(self.quarter, named, day) if self.quarter else None
        return super().get_context_data(
            borough=borough,
            named=named,
            reading=reading,
            open_to_all=open_to_all,
            roles=roles,
            recent_updates=BoroughUpdate.objects.filter(borough=borough).select_related(
                "key_result__quarter", "author"
            )[:10],
            **kwargs,
        )


class WorkstreamListView(QuarterFromQueryMixin, ListView):
    template_name = "objectives/workstream_list.html"
    context_object_name = "workstream_list"

    def get_queryset(self):
        return Workstream.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key_results = list(KeyResult.objects.for_quarter(self.quarter).for_listing())
        summaries = {row.workstream.pk: row.summary for row in by_workstream(key_results)}
        context["rows"] = [
            (workstream, summaries.get(workstream.pk, ProgressSummary()))
            for workstream in context["workstream_list"]
        ]
        return context


class WorkstreamDetailView(QuarterFromQueryMixin, DetailView):
    model = Workstream
    template_name = "objectives/workstream_detail.html"
    context_object_name = "workstream"

    def get_context_data(self, **kwargs):
        key_results = list(
            KeyResult.objects.for_quarter(self.quarter).for_workstream(self.object).for_listing()
        )
        return super().get_context_data(
            key_results=key_results, summary=ProgressSummary(key_results), **kwargs
        )


class BoroughListView(QuarterFromQueryMixin, ListView):
    template_name = "objectives/borough_list.html"
    context_object_name = "borough_list"

    def get_queryset(self):
        return boroughs_with_commitments(self.quarter)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["london_map"] = charts.london_tiles(context["borough_list"])
        context["open_to_all_count"] = (
            KeyResult.objects.for_quarter(self.quarter).filter(open_to_all_boroughs=True).count()
        )
        return context


class BoroughDetailView(QuarterFromQueryMixin, DetailView):
    model = Borough
    template_name = "objectives/borough_detail.html"
    context_object_name = "borough"

    def get_context_data(self, **kwargs):
        named, open_to_all, roles = borough_commitments(self.object, self.quarter)
        return super().get_context_data(
            named=named,
            roles=roles,
            open_to_all=open_to_all,
            summary=ProgressSummary(named),
            **kwargs,
        )


class PartnerListView(QuarterFromQueryMixin, ListView):
    template_name = "objectives/partner_list.html"
    context_object_name = "partner_list"

    def get_queryset(self):
        return partners_with_commitments(self.quarter)


class PartnerDetailView(QuarterFromQueryMixin, DetailView):
    model = Partner
    template_name = "objectives/partner_detail.html"
    context_object_name = "partner"

    def get_context_data(self, **kwargs):
        key_results = list(
            KeyResult.objects.for_quarter(self.quarter).for_partner(self.object).for_listing()
        )
        return super().get_context_data(
            key_results=key_results,
            roles=dict(
                self.object.involvements.filter(key_result__quarter=self.quarter).values_list(
                    "key_result_id", "role"
                )
            ),
            **kwargs,
        )
