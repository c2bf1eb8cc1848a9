"""My key results: what a person owns in the current quarter, those due a check-in first, with
a quick "no change" check-in for several at once."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.access import Rule
from accounts.roles import Role, role_of
from core.numbers import plain_integer

from ..models import KeyResult
from ..services import record_no_change
from ..summaries import mark_as_of
from .mixins import QuarterFromQueryMixin


class MyKeyResultsView(QuarterFromQueryMixin, TemplateView):
    access = Rule.OWN_PAGE

    template_name = "objectives/my_key_results.html"

    def owned(self):
        if self.quarter is None:
            return []
        key_results = list(
            KeyResult.objects.for_quarter(self.quarter).owned_by(self.request.user).for_listing()
        )
        mark_as_of(key_results, self.quarter, timezone.localdate())  # pace, due
        # Due a check-in first, then by number.
        return sorted(key_results, key=lambda kr: (not kr.is_stale, kr.number))

    def left_unowned(self):
        """For LOTI staff, who hand them on: the quarter's key results whose owners have left."""
        if self.quarter is None or role_of(self.request.user) is not Role.STAFF:
            return []
        key_results = KeyResult.objects.for_quarter(self.quarter).for_listing()
        return [kr for kr in key_results.filter(has_had_owners=True) if kr.is_left_unowned]

    def get_context_data(self, **kwargs):
        owned = self.owned()
        return super().get_context_data(
            owned=owned,
            left_unowned=self.left_unowned(),
            due=[kr for kr in owned if kr.is_stale],
            stale_after_days=settings.STALE_AFTER_DAYS,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """Record "no change" on each ticked key result: its latest status and progress again,
        which clears the due flag."""
        chosen = {kr.pk: kr for kr in self.owned()}
        numbers = []
        for pk in request.POST.getlist("key_result"):
            number = plain_integer(pk)
            if number is None:
                raise BadRequest(f"“{pk[:20]}” is not a key result: choose from the list.")
            key_result = chosen.get(number)
            if key_result is None:
                raise PermissionDenied("You can record check-ins only on key results you own.")
            try:
                record_no_change(key_result=key_result, recorded_by=request.user)
            except ValidationError as error:
                messages.error(request, f"KR {key_result.number}: {' '.join(error.messages)}")
            else:
                numbers.append(str(key_result.number))
        if numbers:
            messages.success(request, f"Recorded “no change” on KR {', '.join(numbers)}.")
        elif not request.POST.getlist("key_result"):
            messages.error(request, "Select at least one key result to record “no change” on")
        return redirect(request.get_full_path())
