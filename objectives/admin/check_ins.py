"""Check-ins and borough updates in the admin: the form that records a check-in on a key
result's page, the read-only record of earlier ones, and voiding one recorded in error."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.history_admin import ReadOnlyHistoryAdmin

from ..forms import add_check_in_problems
from ..models import BoroughUpdate, CheckIn
from ..services import (
    CHECK_IN_FIELDS,
    record_check_in,
    starting_values,
    void_check_in,
)
from .filters import KeyResultQuarterFilter, key_results_by_quarter


class CheckInInlineForm(forms.ModelForm):
    """A check-in on the key result's page, recorded only when the person ticks for one."""

    record = forms.BooleanField(
        required=False,
        label="Record this check-in",
        help_text="Tick to record these values when you save. Unchanged, they record "
        "“no change”, which clears the stale flag. Editing the key result never records one.",
    )

    class Meta:
        model = CheckIn
        fields = CHECK_IN_FIELDS

    key_result = None  # the key result whose page this is; set by NewCheckInInline

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The date's default is a callable (today), so Django would add a hidden "initial"
        # copy of it carrying the visible field's aria-describedby: invalid HTML. Compared
        # against today again when posted, the copy only matters across midnight.
        self.fields["date"].show_hidden_initial = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("record"):
            if set(self.changed_data) - {"record"}:
                raise forms.ValidationError(
                    "Tick “Record this check-in” to record these values, or put them back "
                    "as they were"
                )
            return cleaned
        if self.key_result is None:
            raise forms.ValidationError("Save the key result first, then record a check-in")
        add_check_in_problems(self, self.key_result)
        return cleaned


class NewCheckInInline(admin.StackedInline):
    """The one form for recording a check-in, at the top, filled in from the last check-in
    and dated the earlier of today and the quarter's end."""

    model = CheckIn
    form = CheckInInlineForm
    verbose_name = "Record a check-in"
    verbose_name_plural = "Record a check-in"
    fields = [
        ("date", "status", "progress", "confidence"),
        "note",
        ("evidence_label", "evidence_url"),
        "is_internal",
        "record",
    ]
    extra = 1
    max_num = 1
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None:
            return formset
        defaults = starting_values(obj)

        class StartingFromTheLastCheckIn(formset):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("initial", [defaults])
                super().__init__(*args, **kwargs)

            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                form.key_result = obj
                return form

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
        "voided",
    ]
    ordering = ["-date", "-recorded_at", "-pk"]

    @admin.display(description="voided")
    def voided(self, check_in):
        if check_in.voided_at:
            return f"Voided {check_in.voided_at:%-d %b %Y}: {check_in.void_reason}"
        url = reverse("admin:objectives_checkin_void", args=[check_in.pk])
        return format_html('<a href="{}">Void (recorded in error)</a>', url)


class BoroughUpdateInline(ReadOnlyInline):
    """Borough officers' updates, beside the check-ins; officers post them on the site."""

    model = BoroughUpdate
    fields = ["created_at", "borough", "text", "link", "author"]


class CheckInAddForm(forms.ModelForm):
    """The check-in list's own "add" form, held to the same rules as every check-in."""

    class Meta:
        model = CheckIn
        fields = ["key_result", *CHECK_IN_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("key_result") is not None:
            add_check_in_problems(self, cleaned["key_result"])
        return cleaned


class KeyResultChoicesByQuarter:
    """Key result select boxes name each with its quarter, newest quarter first."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "key_result":
            kwargs["queryset"] = key_results_by_quarter(db_field.related_model.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CheckIn)
class CheckInAdmin(KeyResultChoicesByQuarter, ReadOnlyHistoryAdmin):
    """A read-only record of every check-in; new ones are added on the key result's page."""

    form = CheckInAddForm

    list_display = ["key_result", "date", "status", "progress", "recorded_by", "recorded_at"]
    list_filter = [KeyResultQuarterFilter, "status", "key_result__workstream"]
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

    def get_urls(self):
        return [
            path(
                "<int:pk>/void/",
                self.admin_site.admin_view(self.void_view),
                name="objectives_checkin_void",
            ),
            *super().get_urls(),
        ]

    def void_view(self, request, pk):
        """Void a check-in recorded in error, with a reason: it stays, struck through."""
        check_in = get_object_or_404(CheckIn.objects.select_related("key_result__quarter"), pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = VoidForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                void_check_in(check_in, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error("reason", error.message_dict.get("reason", error.messages))
            else:
                self.message_user(
                    request,
                    f"Voided the check-in of {check_in.date:%-d %B %Y} on "
                    f"{check_in.key_result.reference}: it stays in the record and counts in no "
                    "figure.",
                    messages.SUCCESS,
                )
                return redirect("admin:objectives_keyresult_change", check_in.key_result_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Void a check-in on {check_in.key_result.reference}",
            "check_in": check_in,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/objectives/checkin/void.html", context)


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="Why is this check-in voided?",
        max_length=CheckIn._meta.get_field("void_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example “Typed 3% for 30%”. The check-in stays in the record, struck "
        "through, and counts in no figure.",
        error_messages={"required": "Enter why this check-in is voided"},
    )


@admin.register(BoroughUpdate)
class BoroughUpdateAdmin(KeyResultChoicesByQuarter, ReadOnlyHistoryAdmin):
    list_display = ["key_result", "borough", "created_at", "author", "withdrawn_at"]
    list_filter = [KeyResultQuarterFilter, "borough"]
    list_select_related = ["key_result__quarter", "borough", "author"]
    search_fields = ["text"]
    readonly_fields = ["author", "created_at", "withdrawn_at"]
