"""A quarter's scored review: "What LOTI delivered in Year 3 Q2", as a page and as text ready
to publish. Who may read it before it is published: objectives.visibility."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.views.generic import TemplateView, View

from accounts.access import Rule

from .. import visibility
from ..models import BoroughUpdate, KeyResult, QuarterReview
from ..reviewing import review_text
from ..services import headline, outcome_of
from ..summaries import by_workstream
from .mixins import QuarterFromPathMixin


class ReviewMixin(QuarterFromPathMixin):
    def review_and_key_results(self):
        review = QuarterReview.objects.filter(quarter=self.quarter).first()
        if not visibility.review_is_visible(review, self.request.user):
            raise Http404("This quarter's review is not published yet.")
        key_results = list(
            KeyResult.objects.for_quarter(self.quarter)
            .for_listing()
            .select_related("outcome")
            .prefetch_related(
                Prefetch(
                    "borough_updates",
                    queryset=BoroughUpdate.objects.shown().select_related("borough"),
                )
            )
        )
        for key_result in key_results:
            key_result.final = outcome_of(key_result)
        return review, key_results


class ReviewView(ReviewMixin, TemplateView):
    access = Rule.PUBLIC

    template_name = "objectives/review.html"

    def get_context_data(self, **kwargs):
        review, key_results = self.review_and_key_results()
        return super().get_context_data(
            review=review,
            headline=headline(key_results),
            workstreams=by_workstream(key_results),
            **kwargs,
        )


class ReviewTextView(ReviewMixin, View):
    access = Rule.PUBLIC

    markdown = False

    def get(self, request, *args, **kwargs):
        review, key_results = self.review_and_key_results()
        text = review_text(
            self.quarter, review, key_results, reader=request.user, markdown=self.markdown
        )
        kind = "text/markdown" if self.markdown else "text/plain"
        return HttpResponse(text, content_type=f"{kind}; charset=utf-8")
