"""What quarter-scoped pages share: the quarter they show, the as-of day, the quarter switcher."""

import datetime
import re

from django.core.exceptions import BadRequest
from django.http import Http404

from ..models import Quarter
from ..models.quarters import current_of

SLUG = re.compile(Quarter.SLUG_PATTERN)


# The ways people type a date in the UK: 2021-12-01, 01/12/2021, 1/12/2021, 1 December 2021,
# 1 Dec 2021 (day first, always: 01/12 is the first of December).
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


def read_date(text):
    """The day `text` names in any of DATE_FORMATS, or None."""
    text = " ".join(text.replace(",", " ").split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def canonical_day(value):
    """?as_of= as the page reads it, for the page cache's key: one entry a day, however it is
    written; None when empty (the page of today); ValueError when no day (a page of its own)."""
    value = value.strip()
    if not value:
        return None
    day = read_date(value[:40])
    if day is None:
        raise ValueError(value)
    return day.isoformat()


def canonical_map(value):
    """?map=count is the count map; any other value is the default (progress) map."""
    return "count" if value == "count" else None


def as_of_day(request):
    """The day named by ?as_of= (typed as people type dates), or None when absent."""
    value = request.GET.get("as_of", "").strip()
    if not value:
        return None
    day = read_date(value[:40])
    if day is None:
        raise BadRequest(
            f'"{value[:30]}" is not a date. Enter the date like 1 December 2021 or 01/12/2021.'
        )
    return day


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

    query_parameters = ("quarter",)

    def dispatch(self, request, *args, **kwargs):
        self.all_quarters = list(Quarter.objects.visible_to(request.user))
        slug = request.GET.get("quarter")
        self.quarter = (
            quarter_named(self.all_quarters, slug) if slug else current_of(self.all_quarters)
        )
        return super().dispatch(request, *args, **kwargs)
