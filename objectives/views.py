from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView, View
from django_filters.views import FilterView

from boroughs.models import Borough
from partners.models import Partner
from workstreams.models import Workstream

from .filters import KeyResultFilter
from .models import KeyResult, Quarter, boroughs_taking_part
from .summaries import ProgressSummary, by_workstream


class QuarterFromPathMixin:
    """For pages whose URL names the quarter: /quarters/<slug>/..."""

    def dispatch(self, request, *args, **kwargs):
        self.quarter = get_object_or_404(Quarter, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quarter=self.quarter, quarters=Quarter.objects.all(), **kwargs
        )


class QuarterFromQueryMixin:
    """For pages that span quarters (a borough, a workstream): ?quarter=<slug>, else the current."""

    def dispatch(self, request, *args, **kwargs):
        slug = request.GET.get("quarter")
        if slug:
            self.quarter = Quarter.objects.filter(slug=slug).first()
            if self.quarter is None:
                raise Http404(f'There is no quarter "{slug[:20]}".')
        else:
            self.quarter = Quarter.objects.current()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quarter=self.quarter, quarters=Quarter.objects.all(), **kwargs
        )


class DashboardView(TemplateView):
    """A quarter at a glance: where each workstream stands and what needs attention."""

    template_name = "objectives/dashboard.html"

    def get_quarter(self):
        return get_object_or_404(Quarter, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        quarter = self.get_quarter()
        if quarter is None:
            return super().get_context_data(quarter=None, **kwargs)
        key_results = list(KeyResult.objects.for_quarter(quarter).for_listing())
        return super().get_context_data(
            quarter=quarter,
            quarters=Quarter.objects.all(),
            overall=ProgressSummary(key_results),
            workstreams=by_workstream(key_results),
            borough_count=boroughs_taking_part(quarter).count(),
            open_to_all=[kr for kr in key_results if kr.open_to_all_boroughs],
            **kwargs,
        )


class HomeView(DashboardView):
    """The current quarter's dashboard, at a URL that never changes."""

    def get_quarter(self):
        return Quarter.objects.current()

    def get_template_names(self):
        if Quarter.objects.exists():
            return [self.template_name]
        return ["objectives/no_quarters.html"]


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
    }

    def get(self, request):
        quarter = get_object_or_404(Quarter, slug=request.GET.get("quarter", ""))
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
            .select_related("quarter", "workstream")
            .prefetch_related(
                "participations__borough",
                "involvements__partner",
                "links",
                "check_ins__recorded_by",
            ),
            quarter=self.quarter,
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        check_ins = self.object.check_ins.all()  # prefetched, newest first by Meta.ordering
        return super().get_context_data(check_ins=check_ins, **kwargs)


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
        return Borough.objects.annotate(
            commitment_count=Count(
                "participations", filter=Q(participations__key_result__quarter=self.quarter)
            )
        ).order_by("short_name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_to_all_count=KeyResult.objects.for_quarter(self.quarter)
            .filter(open_to_all_boroughs=True)
            .count(),
            **kwargs,
        )


class BoroughDetailView(QuarterFromQueryMixin, DetailView):
    model = Borough
    template_name = "objectives/borough_detail.html"
    context_object_name = "borough"

    def get_context_data(self, **kwargs):
        in_quarter = KeyResult.objects.for_quarter(self.quarter)
        named = list(in_quarter.for_borough(self.object).for_listing())
        open_to_all = list(
            in_quarter.filter(open_to_all_boroughs=True)
            .exclude(pk__in=[kr.pk for kr in named])
            .for_listing()
        )
        return super().get_context_data(
            named=named,
            roles={p.key_result_id: p.role for p in self.object.participations.all()},
            open_to_all=open_to_all,
            summary=ProgressSummary(named),
            **kwargs,
        )


class PartnerListView(QuarterFromQueryMixin, ListView):
    template_name = "objectives/partner_list.html"
    context_object_name = "partner_list"

    def get_queryset(self):
        return Partner.objects.annotate(
            commitment_count=Count(
                "involvements", filter=Q(involvements__key_result__quarter=self.quarter)
            )
        ).order_by("name")


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
            roles={i.key_result_id: i.role for i in self.object.involvements.all()},
            **kwargs,
        )
