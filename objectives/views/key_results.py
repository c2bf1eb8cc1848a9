"""The key result list (with its filters) and one key result's page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from accounts.access import Rule
from accounts.roles import officer_borough

from .. import charts
from ..audit_trail import key_result_changes
from ..filters import KeyResultFilter
from ..forms import BoroughUpdateForm, CheckInForm
from ..models import KeyResult
from ..selectors import key_result_for_page
from ..services import (
    check_in_recorders,
    may_record_check_in,
    record_check_in,
    starting_values,
)
from ..summaries import mark_as_of
from .mixins import QuarterContextMixin, QuarterFromPathMixin


class KeyResultListView(QuarterFromPathMixin, FilterView):
    access = Rule.PUBLIC
    query_parameters = ("page",)

    filterset_class = KeyResultFilter
    template_name = "objectives/key_result_list.html"
    context_object_name = "key_results"

    def get_paginate_by(self, queryset):
        return settings.KEY_RESULTS_PER_PAGE

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "quarter": self.quarter}

    def get_queryset(self):
        return KeyResult.objects.for_quarter(self.quarter).for_listing()

    def paginate_queryset(self, queryset, page_size):
        # A quarter holds tens of key results: read them once rather than count them first.
        return super().paginate_queryset(list(queryset), page_size)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(query_without_page=query.urlencode(), **kwargs)


class KeyResultDetailView(QuarterContextMixin, DetailView):
    access = Rule.PUBLIC

    template_name = "objectives/key_result_detail.html"
    context_object_name = "key_result"

    def get_object(self, queryset=None):
        key_result = key_result_for_page(
            self.kwargs["slug"], self.kwargs["number"], reader=self.request.user
        )
        self.quarter = key_result.quarter  # read with it: no query of its own
        return key_result

    def get_context_data(self, **kwargs):
        key_result = self.object
        today = timezone.localdate()
        # Prefetched, newest first (Meta.ordering): voided ones only for those who may see them.
        check_ins = key_result.check_ins.all()
        counted = [check_in for check_in in check_ins if check_in.voided_at is None]
        mark_as_of([key_result], self.quarter, today)
        user = self.request.user
        borough = officer_borough(user)
        return super().get_context_data(
            # Voided check-ins are struck through where shown; no figure counts them.
            check_ins=check_ins,
            history=charts.key_result_history(key_result, counted, today),
            lineage=key_result.lineage_as_seen_by(user),
            stale_after_days=settings.STALE_AFTER_DAYS,
            update_form=BoroughUpdateForm() if key_result.names_borough(borough) else None,
            check_in_recorders=check_in_recorders(user, key_result),
            # Whether this page shows an illustrative check-in, from the ones it read: saves the
            # site-wide question's query (objectives.context_processors.sample_data).
            sample_data_present=any(check_in.is_sample for check_in in check_ins),
            **kwargs,
        )


class KeyResultHistoryView(TemplateView):
    """Every change to a key result and what hangs off it, for LOTI staff: a page of its own,
    since a long-lived key result's history outgrows its page (and its query budget)."""

    access = Rule.STAFF

    template_name = "objectives/key_result_history.html"

    def get_context_data(self, **kwargs):
        key_result = get_object_or_404(
            KeyResult.objects.select_related("quarter"),
            quarter__slug=self.kwargs["slug"],
            number=self.kwargs["number"],
        )
        return super().get_context_data(
            key_result=key_result,
            quarter=key_result.quarter,
            changes=key_result_changes(key_result),
            **kwargs,
        )


class CheckInCreateView(TemplateView):
    """Record a check-in on the site: LOTI staff and the key result's owners. It starts from
    the latest check-in's values; after saving, the person goes back where they came from."""

    access = Rule.RECORDERS

    template_name = "objectives/check_in_form.html"

    def dispatch(self, request, *args, **kwargs):
        # A draft's key result is 404 for anyone who may not see it, owner or not, as a number
        # that never existed is.
        self.key_result = get_object_or_404(
            KeyResult.objects.visible_to(request.user).for_listing(),
            quarter__slug=kwargs["slug"],
            number=kwargs["number"],
        )
        if not may_record_check_in(request.user, self.key_result):
            raise PermissionDenied(
                "Only LOTI staff and this key result's owners can record its check-ins."
            )
        return super().dispatch(request, *args, **kwargs)

    def back_to(self):
        """Where the person came from (?next=, on this site only), else the key result."""
        next_url = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}, require_https=False
        ):
            return next_url
        return self.key_result.get_absolute_url()

    def form(self, data=None):
        return CheckInForm(
            data, key_result=self.key_result, initial=starting_values(self.key_result)
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        return super().get_context_data(
            key_result=self.key_result,
            quarter=self.key_result.quarter,
            back_to=self.back_to(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        check_in = record_check_in(
            key_result=self.key_result, recorded_by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            f"Check-in recorded for KR {self.key_result.number}: "
            f"{check_in.get_status_display()}, {check_in.progress}%.",
        )
        return redirect(self.back_to())
