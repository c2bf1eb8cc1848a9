"""Boroughs: the index with its map, a borough's commitments, My borough and borough updates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from accounts.access import Rule
from accounts.roles import officer_borough
from boroughs.models import Borough

from .. import charts
from ..forms import BoroughUpdateForm
from ..models import BoroughUpdate, KeyResult, Quarter
from ..selectors import borough_commitments, boroughs_with_commitments, recent_borough_updates
from ..services import (
    correct_borough_update,
    may_change_borough_update,
    post_borough_update,
    withdraw_borough_update,
)
from ..summaries import ProgressSummary, QuarterReading
from .mixins import QuarterFromQueryMixin


class BoroughListView(QuarterFromQueryMixin, ListView):
    access = Rule.PUBLIC

    template_name = "objectives/borough_list.html"
    context_object_name = "borough_list"

    def get_queryset(self):
        return boroughs_with_commitments(self.quarter)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["london_map"] = charts.london_tiles(context["borough_list"], quarter=self.quarter)
        context["open_to_all_count"] = (
            KeyResult.objects.for_quarter(self.quarter).open_to_all_boroughs().count()
        )
        return context


class BoroughDetailView(QuarterFromQueryMixin, DetailView):
    access = Rule.PUBLIC

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
            updates=recent_borough_updates(self.object, 20, quarter=self.quarter)
            if self.quarter
            else [],
            **kwargs,
        )


class MyBoroughView(QuarterFromQueryMixin, TemplateView):
    """A borough officer's landing page: their commitments first, what is due, their updates."""

    access = Rule.OFFICER

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
            recent_updates=[
                (update, may_change_borough_update(update, self.request.user))
                for update in recent_borough_updates(borough)
            ],
            **kwargs,
        )


class BoroughUpdateCreateView(TemplateView):
    """A borough officer posts an update on a key result that names their borough."""

    access = Rule.OFFICER

    template_name = "objectives/borough_update_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.quarter = get_object_or_404(
            Quarter.objects.visible_to(request.user), slug=kwargs["slug"]
        )
        self.key_result = get_object_or_404(
            KeyResult.objects.select_related("quarter"),
            quarter=self.quarter,
            number=kwargs["number"],
        )
        self.borough = officer_borough(request.user)
        if not self.key_result.names_borough(self.borough):
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


class OwnBoroughUpdateMixin:
    """The update named in the address, if the signed-in officer posted it and may change it."""

    def dispatch(self, request, *args, **kwargs):
        self.update = get_object_or_404(
            BoroughUpdate.objects.shown().select_related("key_result__quarter", "borough"),
            pk=kwargs["pk"],
        )
        if not may_change_borough_update(self.update, request.user):
            raise PermissionDenied("You can change only the updates you posted.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            update=self.update,
            key_result=self.update.key_result,
            borough=self.update.borough,
            **kwargs,
        )


class BoroughUpdateCorrectView(OwnBoroughUpdateMixin, TemplateView):
    """An officer corrects an update they posted."""

    access = Rule.OFFICER

    template_name = "objectives/borough_update_correct.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", BoroughUpdateForm(instance=self.update))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = BoroughUpdateForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        correct_borough_update(self.update, by=request.user, **form.cleaned_data)
        messages.success(request, "Your update is corrected.")
        return redirect(self.update.get_absolute_url())


class BoroughUpdateWithdrawView(OwnBoroughUpdateMixin, TemplateView):
    """An officer withdraws an update they posted, after confirming."""

    access = Rule.OFFICER

    template_name = "objectives/borough_update_withdraw.html"

    def post(self, request, *args, **kwargs):
        withdraw_borough_update(self.update, by=request.user)
        messages.success(
            request, f"Your update on KR {self.update.key_result.number} is withdrawn."
        )
        return redirect("objectives:my-borough")
