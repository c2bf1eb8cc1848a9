"""The admin's quarters: importing a plan (with a preview), publishing, removing a quarter
whole, and the roll-over of unfinished key results into the next one."""

import copy

from django.contrib import admin, messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.history_admin import ReadOnlyHistoryAdmin

from ..forms import OutcomeForm, PlanUploadForm, RetrospectiveForm, RollOverForm
from ..models import CheckedPlanFile, KeyResult, Quarter, QuarterReview, current_of
from ..plan_files import PlanFileError, create_plan, read_plan
from ..services import (
    automatic_outcome,
    next_quarter_defaults,
    outcome_of,
    outcomes_changed_by_carrying,
    publish_quarter,
    quarter_removal_refusal,
    quarter_removal_summary,
    remove_quarter,
    roll_over,
    save_review,
)
from .plan_file_pages import PlanFilePages


def what_publishing_does(draft, today=None):
    """In plain words, what publishing `draft` does to the home page (`current_of`'s rule)."""
    today = today or timezone.localdate()
    published = list(Quarter.objects.published())
    as_published = copy.copy(draft)  # as it would be; never saved
    as_published.published_at = timezone.now()
    home_then = current_of([*published, as_published], today)
    if home_then is as_published:
        return "It becomes the quarter on the home page at once."
    if draft.start_date > today:
        return (
            f"It becomes the quarter on the home page on {draft.start_date:%-d %B %Y}, when it "
            f"starts; until then the home page shows {home_then}."
        )
    return f"It is listed with the past quarters; the home page keeps showing {home_then}."


@admin.register(Quarter)
class QuarterAdmin(PlanFilePages, ReadOnlyHistoryAdmin):
    list_display = [
        "__str__",
        "state_display",
        "start_date",
        "end_date",
        "slug",
        "review_link",
        "plan_file",
    ]

    @admin.display(description="plan file")
    def plan_file(self, quarter):
        return self.plan_file_links(quarter)

    @admin.display(description="review")
    def review_link(self, quarter):
        url = reverse("admin:objectives_quarter_review", args=[quarter.pk])
        return format_html('<a href="{}">Review {}</a>', url, quarter)

    search_fields = ["slug"]
    actions = ["publish_action", "roll_over_action", "remove_action"]
    readonly_fields = ["published_at", "plan_file"]

    @admin.display(description="state")
    def state_display(self, quarter):
        return quarter.state.label

    @admin.action(description="Publish the selected draft quarters")
    def publish_action(self, request, queryset):
        """Asks first, naming what becomes public; publishes on confirmation."""
        drafts = list(queryset.drafts().order_by("start_date"))
        if not drafts:
            self.message_user(request, "Those quarters are already published.", messages.INFO)
            return None
        if request.POST.get("confirm") == "yes":
            for quarter in drafts:
                publish_quarter(quarter, by=request.user)
            names = ", ".join(str(quarter) for quarter in drafts)
            self.message_user(
                request, f"Published {names}: anyone may now read it.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish these quarters?",
            "drafts": [(q, q.key_results.count(), what_publishing_does(q)) for q in drafts],
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/objectives/quarter/publish.html", context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "Remove the selected quarter whole" instead
        return actions

    @admin.action(description="Remove the selected quarter whole (only before any check-in)")
    def remove_action(self, request, queryset):
        """Asks first, naming what goes; refuses a quarter that is on the record."""
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one quarter to remove.", messages.ERROR)
            return None
        quarter = queryset.get()
        refusal = quarter_removal_refusal(quarter)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return None
        if request.POST.get("confirm") == "yes":
            remove_quarter(quarter, by=request.user)
            self.message_user(
                request,
                f"Removed {quarter} and its key results. The audit trail keeps what they were.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Remove {quarter} whole?",
            "quarter": quarter,
            "summary": quarter_removal_summary(quarter),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/objectives/quarter/remove.html", context)

    change_list_template = "admin/objectives/quarter/quarters_change_list.html"

    def import_view(self, request):
        """Upload a plan, see every problem with its line or a preview of what it creates, and
        only then confirm: nothing is written before. The file is kept under its digest for
        the confirmation, and checked again there (the database may have changed meanwhile)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PlanUploadForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a plan",
            "opts": self.model._meta,
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            data, file_format = form.uploaded_bytes(), form.cleaned_data["file_format"]
            kept = None
            if data is None:
                kept = CheckedPlanFile.kept(form.cleaned_data["digest"], request.user)
                if kept is None:
                    raise BadRequest(
                        "This preview is older than a day, or was not yours: upload the plan "
                        "file again."
                    )
                data, file_format = bytes(kept.content), kept.file_format
            try:
                plan = read_plan(data, file_format)
            except PlanFileError as error:
                context["problems"] = error.problems
            else:
                if kept is not None and request.POST.get("confirm") == "yes":
                    quarter = create_plan(plan)
                    kept.delete()
                    self.message_user(
                        request,
                        f"Imported {quarter} as a draft with {len(plan.key_results)} key "
                        "results: check it, then publish it from the list of quarters.",
                        messages.SUCCESS,
                    )
                    return redirect(quarter.get_absolute_url())
                context["plan"] = plan
                digest = CheckedPlanFile.keep(data, file_format, request.user)
                context["confirm_form"] = PlanUploadForm(
                    initial={"digest": digest, "file_format": file_format}
                )
        status = 400 if context.get("problems") or form.errors else 200
        return TemplateResponse(
            request, "admin/objectives/quarter/import.html", context, status=status
        )

    def review_view(self, request, pk):
        """The whole quarter's review on one page: every key result's outcome, score and
        reflection, and the retrospective; saved as a draft, or published."""
        quarter = get_object_or_404(Quarter, pk=pk)
        if not self.has_change_permission(request, quarter):
            raise PermissionDenied
        key_results = list(
            KeyResult.objects.for_quarter(quarter)
            .for_listing()
            .select_related("outcome", "carried_over_to__quarter")
        )
        review = QuarterReview.objects.filter(quarter=quarter).first()
        data = request.POST if request.method == "POST" else None
        rows = []
        for key_result in key_results:
            existing = outcome_of(key_result)
            initial = (
                {
                    "outcome": existing.outcome,
                    "score": str(existing.score),
                    "reflection": existing.reflection,
                }
                if existing
                else {}
            )
            rows.append(
                OutcomeForm(
                    data,
                    prefix=f"kr-{key_result.pk}",
                    key_result=key_result,
                    automatic=automatic_outcome(key_result),
                    initial=initial,
                )
            )
        retrospective = RetrospectiveForm(data, instance=review, prefix="retro")
        problems = []
        if data is not None and all(f.is_valid() for f in rows) and retrospective.is_valid():
            publish = "publish" in request.POST
            outcomes = {
                form.key_result.pk: (
                    form.cleaned_data["outcome"] or form.automatic,
                    form.cleaned_data["score"],
                    form.cleaned_data["reflection"],
                )
                for form in rows
                if form.cleaned_data["outcome"] or form.cleaned_data["score"] or form.automatic
            }
            missing = [f.key_result.number for f in rows if f.key_result.pk not in outcomes]
            if publish and missing:
                problems.append(
                    "Give every key result an outcome and a score before publishing: KR "
                    + ", ".join(map(str, missing))
                )
            else:
                try:
                    save_review(
                        quarter,
                        outcomes=outcomes,
                        retrospective=retrospective.cleaned_data,
                        publish=publish,
                        by=request.user,
                    )
                except ValidationError as error:
                    problems.extend(
                        f"KR {next(f.key_result.number for f in rows if f.key_result.pk == pk)}: "
                        f"{' '.join(messages_)}"
                        for pk, messages_ in error.message_dict.items()
                    )
                else:
                    self.message_user(
                        request,
                        f"The review of {quarter} is "
                        + ("published." if publish else "saved as a draft."),
                        messages.SUCCESS,
                    )
                    return redirect("admin:objectives_quarter_review", pk=quarter.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review {quarter}",
            "quarter": quarter,
            "rows": rows,
            "retrospective": retrospective,
            "review": review,
            "problems": problems,
            "opts": self.model._meta,
        }
        invalid = data is not None and not (
            retrospective.is_valid() and all(form.is_valid() for form in rows)
        )
        status = 400 if problems or invalid else 200
        return TemplateResponse(
            request, "admin/objectives/quarter/review.html", context, status=status
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="objectives_quarter_review",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="objectives_quarter_import",
            ),
            path(
                "<int:pk>/roll-over/",
                self.admin_site.admin_view(self.roll_over_view),
                name="objectives_quarter_roll_over",
            ),
            *self.plan_file_urls(),
            *super().get_urls(),
        ]

    @admin.action(description="Roll over unfinished key results into the next quarter")
    def roll_over_action(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one quarter to roll over.", messages.ERROR)
            return None
        return redirect("admin:objectives_quarter_roll_over", pk=queryset.get().pk)

    def roll_over_view(self, request, pk):
        source = get_object_or_404(Quarter, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = RollOverForm(request.POST, source=source)
            if form.is_valid():
                data = form.cleaned_data
                new_quarter = {
                    f: data[f] for f in ("year", "number", "slug", "start_date", "end_date")
                }
                changed = outcomes_changed_by_carrying(data["key_results"])
                try:
                    into, carried = roll_over(
                        key_results=data["key_results"],
                        into=form.existing_quarter(),
                        **new_quarter,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(
                        request,
                        f"Carried {len(carried)} key result{'s' if len(carried) != 1 else ''} "
                        f"from {source} into {into}."
                        + "".join(
                            f" The review's outcome of {kr.reference} is now Carried over "
                            f"(it said {was})."
                            for kr, was in changed
                        ),
                        messages.SUCCESS,
                    )
                    return redirect(into.get_absolute_url())
        else:
            ticked = KeyResult.objects.for_quarter(source).to_carry_over_unless_told()
            form = RollOverForm(
                source=source,
                initial={**next_quarter_defaults(source), "key_results": list(ticked)},
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Roll over {source}",
            "source": source,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/objectives/quarter/roll_over.html", context)
