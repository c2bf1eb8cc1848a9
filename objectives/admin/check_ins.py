"""Check-ins and borough updates in the admin: the form that records a check-in on a key
result's page, the read-only record of earlier ones, and voiding one recorded in error."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import BoroughUpdate, CheckIn
from ..services import CHECK_IN_FIELDS, record_check_in


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
