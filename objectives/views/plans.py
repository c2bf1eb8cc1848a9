"""A quarter's plan in LOTI's own words, ready to publish: plain text, Markdown, and a preview
page for LOTI staff with a copy button."""

from django.http import HttpResponse
from django.views.generic import TemplateView, View

from accounts.access import Rule

from ..announcement import plan_announcement
from ..models import KeyResult
from .mixins import QuarterFromPathMixin


def announced_key_results(quarter):
    return list(
        KeyResult.objects.for_quarter(quarter)
        .select_related("workstream")
        .prefetch_related("links")
        .order_by("number")
    )


class PlanTextView(QuarterFromPathMixin, View):
    """/quarters/<slug>/plan.txt and plan.md."""

    access = Rule.PUBLIC

    markdown = False

    def get(self, request, *args, **kwargs):
        text = plan_announcement(
            self.quarter, announced_key_results(self.quarter), markdown=self.markdown
        )
        kind = "text/markdown" if self.markdown else "text/plain"
        response = HttpResponse(text, content_type=f"{kind}; charset=utf-8")
        suffix = "md" if self.markdown else "txt"
        response["Content-Disposition"] = (
            f'inline; filename="loti-{self.quarter.slug}-plan.{suffix}"'
        )
        return response


class PlanPreviewView(QuarterFromPathMixin, TemplateView):
    """LOTI staff read the announcement before pasting it into LOTI's website."""

    access = Rule.STAFF

    template_name = "objectives/plan_preview.html"

    def get_context_data(self, **kwargs):
        key_results = announced_key_results(self.quarter)
        return super().get_context_data(
            text=plan_announcement(self.quarter, key_results),
            markdown=plan_announcement(self.quarter, key_results, markdown=True),
            **kwargs,
        )
