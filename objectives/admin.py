from django.contrib import admin
from django.db.models import Exists, OuterRef

from boroughs.models import Borough

from .models import (
    BoroughParticipation,
    CheckIn,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
    Status,
)


@admin.register(Quarter)
class QuarterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "start_date", "end_date", "slug"]
    search_fields = ["slug"]


class CurrentStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(current_status=self.value())
        return queryset


class CheckInInline(admin.TabularInline):
    """Existing check-ins are shown read-only, newest first: check-ins are never overwritten."""

    model = CheckIn
    fields = ["date", "status", "progress", "note", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]
    ordering = ["-date", "-recorded_at", "-pk"]
    extra = 1
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


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
        if self.value():
            return queryset.filter(
                Exists(
                    BoroughParticipation.objects.filter(
                        key_result=OuterRef("pk"), borough__slug=self.value()
                    )
                )
            )
        return queryset


@admin.register(KeyResult)
class KeyResultAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "title",
        "workstream",
        "status_display",
        "progress_display",
        "last_check_in",
    ]
    list_display_links = ["number", "title"]
    list_filter = ["quarter", "workstream", CurrentStatusFilter, BoroughListFilter]
    list_select_related = ["quarter", "workstream"]
    search_fields = ["title", "description", "named_people"]
    ordering = ["-quarter__start_date", "number"]
    inlines = [
        CheckInInline,
        BoroughParticipationInline,
        PartnerInvolvementInline,
        KeyResultLinkInline,
    ]
    fieldsets = [
        (None, {"fields": ["quarter", "workstream", "number", "title", "description"]}),
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
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

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
        if formset.model is not CheckIn:
            return super().save_formset(request, form, formset, change)
        for check_in in formset.save(commit=False):
            check_in.recorded_by = request.user
            check_in.save()
        formset.save_m2m()
        return None


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """A read-only record of every check-in; new ones are added on the key result's page."""

    list_display = ["key_result", "date", "status", "progress", "recorded_by", "recorded_at"]
    list_filter = ["status", "key_result__quarter", "key_result__workstream"]
    list_select_related = ["key_result__quarter", "recorded_by"]
    search_fields = ["note", "key_result__title"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False
