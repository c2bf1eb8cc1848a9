"""What quarter-scoped pages share: the quarter they show, the as-of day, the quarter switcher."""

import datetime
import re

from django.http import Http404

from loti_okr.errors import InvalidInput

from ..models import Quarter
from ..models.quarters import current_of

SLUG = re.compile(Quarter.SLUG_PATTERN)


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


def quarter_named(quarters, slug):
    """The quarter of `quarters` with `slug`; 404 for anything else, including text no slug
    could be (a NUL byte would make PostgreSQL refuse a query)."""
    if slug and SLUG.fullmatch(slug):
        for quarter in quarters:
            if quarter.slug == slug:
                return quarter
    raise Http404("There is no such quarter.")


class QuarterContextMixin:
    """Puts the page's quarter, and every quarter for the switcher, in the context. Pages that
    pick their quarter read every quarter once and pick from that list (`all_quarters`). Drafts
    are among them for LOTI staff and managers only, so for anyone else a draft's address is 404."""

    all_quarters = None

    def get_context_data(self, **kwargs):
        quarters = self.all_quarters
        if quarters is None:
            quarters = Quarter.objects.visible_to(self.request.user)
        return super().get_context_data(quarter=self.quarter, quarters=quarters, **kwargs)


class QuarterFromPathMixin(QuarterContextMixin):
    """For pages whose URL names the quarter: /quarters/<slug>/..."""

    def dispatch(self, request, *args, **kwargs):
        self.all_quarters = list(Quarter.objects.visible_to(request.user))
        self.quarter = quarter_named(self.all_quarters, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)


class QuarterFromQueryMixin(QuarterContextMixin):
    """For pages that span quarters (a borough, a workstream): ?quarter=<slug>, else the current."""

    def dispatch(self, request, *args, **kwargs):
        self.all_quarters = list(Quarter.objects.visible_to(request.user))
        slug = request.GET.get("quarter")
        self.quarter = (
            quarter_named(self.all_quarters, slug) if slug else current_of(self.all_quarters)
        )
        return super().dispatch(request, *args, **kwargs)
