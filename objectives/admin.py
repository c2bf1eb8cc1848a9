"""The admin LOTI staff use: quarters (with roll-over), key results with their check-in form."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from boroughs.models import Borough

from .forms import KeyResultAdminForm, RollOverForm
from .models import (
    BoroughParticipation,
    BoroughUpdate,
    CheckIn,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
    Status,
)
from .services import CHECK_IN_FIELDS, next_quarter_defaults, record_check_in, roll_over


@admin.register(Quarter)
class QuarterAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "start_date", "end_date", "slug"]
    search_fields = ["slug"]
    actions = ["roll_over_action"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/roll-over/",
                self.admin_site.admin_view(self.roll_over_view),
                name="objectives_quarter_roll_over",
            ),
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
                        f"from {source} into {into}.",
                        messages.SUCCESS,
                    )
                    return redirect(into.get_absolute_url())
        else:
            unfinished = RollOverForm(source=source).fields["key_results"].queryset
            form = RollOverForm(
                source=source,
                initial={**next_quarter_defaults(source), "key_results": list(unfinished)},
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Roll over {source}",
            "source": source,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/objectives/quarter/roll_over.html", context)


class CurrentStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(current_status=self.value())
        return queryset


class NewCheckInInline(admin.StackedInline):
    """The one form for recording a check-in, at the top, filled in from the last check-in."""

    model = CheckIn
    verbose_name = "Record a check-in"
    verbose_name_plural = "Record a check-in"
    fields = [
        ("date", "status", "progress", "confidence"),
        "note",
        ("evidence_label", "evidence_url"),
        "is_internal",
    ]
    extra = 1
    max_num = 1
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        latest = obj.check_ins.latest_first().first() if obj else None
        if latest is None:
            return formset
        defaults = {
            "status": latest.status,
            "progress": latest.progress,
            "confidence": latest.confidence,
        }

        class StartingFromTheLastCheckIn(formset):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("initial", [defaults])
                super().__init__(*args, **kwargs)

        return StartingFromTheLastCheckIn


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside a key result that are never added, changed or deleted here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CheckInHistoryInline(ReadOnlyInline):
    """Earlier check-ins, newest first, read-only: check-ins are never overwritten."""

    model = CheckIn
    verbose_name_plural = "Check-ins so far"
    fields = [
        "date",
        "status",
        "progress",
        "confidence",
        "note",
        "evidence_url",
        "is_internal",
        "is_sample",
        "recorded_by",
        "recorded_at",
    ]
    ordering = ["-date", "-recorded_at", "-pk"]


class BoroughUpdateInline(ReadOnlyInline):
    """Borough officers' updates, beside the check-ins; officers post them on the site."""

    model = BoroughUpdate
    fields = ["created_at", "borough", "text", "link", "author"]


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
class KeyResultAdmin(SimpleHistoryAdmin):
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
                    "expected_version",
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
        ("Across quarters", {"fields": ["carried_over_from", "carried_over_to_display"]}),
    ]

    form = KeyResultAdminForm

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def save_model(self, request, obj, form, change):
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
        if formset.model is not CheckIn:
            return super().save_formset(request, form, formset, change)
        formset.new_objects = [
            record_check_in(
                key_result=form.instance,
                recorded_by=request.user,
                **{name: check_in_form.cleaned_data[name] for name in CHECK_IN_FIELDS},
            )
            for check_in_form in formset.extra_forms
            if check_in_form.has_changed()
        ]
        formset.changed_objects, formset.deleted_objects = [], []
        return None


@admin.register(CheckIn)
class CheckInAdmin(SimpleHistoryAdmin):
    """A read-only record of every check-in; new ones are added on the key result's page."""

    list_display = ["key_result", "date", "status", "progress", "recorded_by", "recorded_at"]
    list_filter = ["status", "key_result__quarter", "key_result__workstream"]
    list_select_related = ["key_result__quarter", "recorded_by"]
    search_fields = ["note", "key_result__title"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Recorded through the service like every check-in; the admin then reads the result."""
        saved = record_check_in(
            key_result=form.cleaned_data["key_result"],
            recorded_by=request.user,
            **{name: form.cleaned_data[name] for name in CHECK_IN_FIELDS},
        )
        obj.pk, obj.recorded_by, obj.recorded_at = saved.pk, saved.recorded_by, saved.recorded_at

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BoroughUpdate)
class BoroughUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["key_result", "borough", "created_at", "author"]
    list_filter = ["borough", "key_result__quarter"]
    list_select_related = ["key_result__quarter", "borough", "author"]
    search_fields = ["text"]
    readonly_fields = ["author", "created_at"]
