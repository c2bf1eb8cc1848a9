"""Partner organisations: the index with their commitments, and one partner's key results."""

from django.views.generic import DetailView, ListView

from partners.models import Partner

from ..models import KeyResult
from ..selectors import partner_roles, partners_with_commitments
from .mixins import QuarterFromQueryMixin


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
            key_results=key_results, roles=partner_roles(self.object, self.quarter), **kwargs
        )
