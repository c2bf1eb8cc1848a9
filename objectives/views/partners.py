"""Partner organisations: the index with their commitments, and one partner's key results."""

from django.views.generic import DetailView, ListView

from accounts.access import Rule

from ..models import KeyResult
from ..selectors import partner_roles, partners_with_commitments
from ..visibility import visible_partners
from .mixins import QuarterFromQueryMixin


class PartnerListView(QuarterFromQueryMixin, ListView):
    access = Rule.PUBLIC

    template_name = "objectives/partner_list.html"
    context_object_name = "partner_list"

    def get_queryset(self):
        return partners_with_commitments(visible_partners(self.request.user), self.quarter)


class PartnerDetailView(QuarterFromQueryMixin, DetailView):
    access = Rule.PUBLIC

    template_name = "objectives/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return visible_partners(self.request.user)

    def get_context_data(self, **kwargs):
        key_results = list(
            KeyResult.objects.for_quarter(self.quarter).for_partner(self.object).for_listing()
        )
        return super().get_context_data(
            key_results=key_results, roles=partner_roles(self.object, self.quarter), **kwargs
        )
