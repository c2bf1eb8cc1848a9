"""The admin's key results: the list with its filters, and each key result's page with its
check-in form, earlier check-ins, borough updates, boroughs, partners and links."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect

from accounts.history_admin import ReadOnlyHistoryAdmin
from boroughs.models import Borough

from ..forms import KeyResultAdminForm
from ..models import (
    BoroughParticipation,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Status,
)
from ..services import CHECK_IN_FIELDS, record_check_in
from .check_ins import (
    BoroughUpdateInline,
    CheckInHistoryInline,
    CheckInInlineForm,
    NewCheckInInline,
)
from .filters import QuarterFilter


class CurrentStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(current_status=self.value())
        return queryset


class BoroughParticipationInline(admin.TabularInline):
    model = BoroughParticipation
    autocomplete_fields = ["borough"]
    extra = 0


class PartnerInvolvementInline(admin.TabularInline):
    model = PartnerInvolvement
    autocomplete_fields = ["partner"]
    extra = 0


class KeyResultLinkInline(admin.TabularInline):
    model = KeyResultLink
    extra = 0


class BoroughListFilter(admin.SimpleListFilter):
    title = "borough"
    parameter_name = "borough"

    def lookups(self, request, model_admin):
        return [(borough.slug, borough.short_name) for borough in Borough.objects.all()]

    def queryset(self, request, queryset):
        borough = Borough.objects.filter(slug=self.value()).first() if self.value() else None
        return queryset.for_borough(borough) if borough else queryset


@admin.register(KeyResult)
class KeyResultAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "quarter",
        "number",
        "title",
        "workstream",
        "status_display",
        "progress_display",
        "last_check_in",
    ]
    list_display_links = ["number", "title"]
    list_filter = [QuarterFilter, "workstream", CurrentStatusFilter, BoroughListFilter]
    list_select_related = ["quarter", "workstream"]
    search_fields = ["title", "description", "named_people", "quarter__slug"]
    ordering = ["-quarter__start_date", "number"]
    inlines = [
        NewCheckInInline,
        CheckInHistoryInline,
        BoroughUpdateInline,
        BoroughParticipationInline,
        PartnerInvolvementInline,
        KeyResultLinkInline,
    ]
    readonly_fields = ["carried_over_from", "carried_over_to_display"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "quarter",
                    "workstream",
                    "number",
                    "title",
                    "description",
                    "owners",
                ]
            },
        ),
        (
            "What the plan says",
            {
                "fields": [
                    "starting_status",
                    "open_to_all_boroughs",
                    "named_people",
                    "dependencies",
                ]
            },
        ),
        (
            "Across quarters",
            {"fields": ["carried_over_from", "carried_over_to_display", "starting_progress"]},
        ),
    ]

    form = KeyResultAdminForm
    filter_horizontal = ["owners"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def save_model(self, request, obj, form, change):
        request.own_fields_changed = not change or form.edits_own_fields()
        if not request.own_fields_changed:
            return  # only a check-in (or a part) was added: the key result itself is as it was
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    @admin.display(description="carried over to")
    def carried_over_to_display(self, obj):
        return getattr(obj, "carried_over_to", None) or "-"

    @admin.display(description="status", ordering="current_status")
    def status_display(self, obj):
        return obj.status.label

    @admin.display(description="progress", ordering="current_progress")
    def progress_display(self, obj):
        return f"{obj.progress}%"

    @admin.display(description="last check-in", ordering="last_checked_in_on")
    def last_check_in(self, obj):
        return obj.last_checked_in_on or "None yet"

    def save_formset(self, request, form, formset, change):
        if not issubclass(formset.form, CheckInInlineForm):
            request.parts_changed = getattr(request, "parts_changed", False) or (
                formset.has_changed()
            )
            return super().save_formset(request, form, formset, change)
        formset.new_objects = request.check_ins_recorded = [
            record_check_in(
                key_result=form.instance,
                recorded_by=request.user,
                **{name: check_in_form.cleaned_data[name] for name in CHECK_IN_FIELDS},
            )
            for check_in_form in formset.extra_forms
            if check_in_form.cleaned_data.get("record")
        ]
        formset.changed_objects, formset.deleted_objects = [], []
        return None

    def response_change(self, request, obj):
        """Say what was saved, and only that: a check-in is never claimed when none was made."""
        recorded = getattr(request, "check_ins_recorded", [])
        for check_in in recorded:
            self.message_user(
                request,
                f"Check-in recorded for {obj.reference}: {check_in.get_status_display()}, "
                f"{check_in.progress}% on {check_in.date:%-d %B %Y}.",
                messages.SUCCESS,
            )
        if getattr(request, "own_fields_changed", True) or getattr(request, "parts_changed", False):
            return super().response_change(request, obj)
        if not recorded:
            self.message_user(
                request,
                "Nothing was changed and no check-in was recorded. To record one, tick "
                "“Record this check-in” and save.",
                messages.WARNING,
            )
        return HttpResponseRedirect(request.path)
