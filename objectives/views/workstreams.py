"""Workstreams: the index with each one's progress, and one workstream's key results."""

from django.views.generic import DetailView, ListView

from accounts.access import Rule

from ..models import KeyResult
from ..selectors import workstream_summaries
from ..summaries import ProgressSummary
from ..visibility import visible_workstreams
from .mixins import QuarterFromQueryMixin


class WorkstreamListView(QuarterFromQueryMixin, ListView):
    access = Rule.PUBLIC

    template_name = "objectives/workstream_list.html"
    context_object_name = "workstream_list"

    def get_queryset(self):
        return visible_workstreams(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = workstream_summaries(self.quarter, context["workstream_list"])
        return context


class WorkstreamDetailView(QuarterFromQueryMixin, DetailView):
    access = Rule.PUBLIC

    template_name = "objectives/workstream_detail.html"
    context_object_name = "workstream"

    def get_queryset(self):
        return visible_workstreams(self.request.user)

    def get_context_data(self, **kwargs):
        key_results = list(
            KeyResult.objects.for_quarter(self.quarter).for_workstream(self.object).for_listing()
        )
        return super().get_context_data(
            key_results=key_results, summary=ProgressSummary(key_results), **kwargs
        )
