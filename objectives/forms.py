"""Forms: roll-over, a borough officer's update, the site's check-in form, and the admin's key
result form with its version."""

from pathlib import Path

from django import forms
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat

from accounts.roles import MANAGERS_GROUP, STAFF_GROUP

from .models import SCORES, BoroughUpdate, CheckIn, KeyResult, Outcome, Quarter, QuarterReview
from .plan_files.reading import MOST_BYTES as MOST_PLAN_BYTES
from .services import CHECK_IN_FIELDS, check_in_problems


class RollOverForm(forms.Form):
    """Choose which unfinished key results continue into the next quarter, and its dates."""

    key_results = forms.ModelMultipleChoiceField(
        queryset=KeyResult.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Key results to carry over",
        error_messages={"required": "Select at least one key result to carry over"},
    )
    year = forms.IntegerField(min_value=1, max_value=99, label="LOTI year")
    number = forms.IntegerField(min_value=1, max_value=4, label="Quarter number")
    slug = forms.SlugField(max_length=20, help_text='For example "y3-q3".')
    # Shown and read as the hint says, whatever the locale's own date format.
    start_date = forms.DateField(
        help_text="YYYY-MM-DD",
        widget=forms.DateInput(format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    end_date = forms.DateField(
        help_text="YYYY-MM-DD",
        widget=forms.DateInput(format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["key_results"].queryset = (
            KeyResult.objects.for_quarter(source)
            .can_be_carried_over()
            .select_related("quarter")
            .order_by("number")
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and (problem := Quarter.dates_problem(start, end)):
            self.add_error("end_date", problem)
        if start and start <= self.source.end_date and not self.existing_quarter():
            self.add_error("start_date", f"The new quarter must start after {self.source} ends")
        return cleaned

    def existing_quarter(self):
        slug = self.cleaned_data.get("slug") if hasattr(self, "cleaned_data") else None
        return Quarter.objects.filter(slug=slug).first() if slug else None


class BoroughUpdateForm(forms.ModelForm):
    """A borough officer's short update on a key result."""

    class Meta:
        model = BoroughUpdate
        fields = ["text", "link"]
        labels = {"text": "Your update", "link": "Link (optional)"}
        help_texts = {
            "text": "What your borough has done or learned. 2,000 characters at most.",
            "link": "A web address for more, starting with https:// or http://",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "text": {
                "required": "Enter your update",
                "max_length": "Your update must be 2,000 characters or fewer",
            },
            "link": {
                "invalid": "Enter a web address, like https://example.org/report",
                "max_length": "The link must be 500 characters or fewer",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].assume_scheme = "https"


class KeyResultAdminForm(forms.ModelForm):
    """The admin's key result form, refusing to overwrite a save made since it was opened.

    The lock guards the key result's own fields only: recording a check-in, which only ever
    adds a row, never conflicts with anything."""

    CONFLICT = (
        "Someone else saved this key result while you were editing it, so your changes have "
        "not been saved. Open it in a new tab to see what they changed, then save again here "
        "to keep your version."
    )

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = KeyResult
        fields = [
            "quarter",
            "workstream",
            "number",
            "title",
            "description",
            "starting_status",
            "starting_progress",
            "open_to_all_boroughs",
            "named_people",
            "dependencies",
            "owners",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Owners are LOTI staff or managers with a working account.
        self.fields["owners"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[STAFF_GROUP, MANAGERS_GROUP])
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = self.instance.version
        if not self.instance.pk:
            self.fields["expected_version"].required = False

    def edits_own_fields(self):
        """Whether the person changed any of the key result's own fields."""
        return bool(set(self.changed_data) - {"expected_version"})

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.edits_own_fields():
            # The admin saves inside one transaction: this row stays locked until it commits.
            current = (
                KeyResult.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != cleaned.get("expected_version"):
                # Next time, save over what is there now: they have been told and chose to.
                self.data = self.data.copy()
                self.data[self.add_prefix("expected_version")] = current
                raise forms.ValidationError(self.CONFLICT, code="edit_conflict")
        return cleaned


def add_check_in_problems(form, key_result):
    """Put what the check-in rules (`services.check_in_problems`) find on the form's fields."""
    problems = check_in_problems(
        key_result=key_result,
        date=form.cleaned_data.get("date"),
        status=form.cleaned_data.get("status"),
        progress=form.cleaned_data.get("progress"),
        note=form.cleaned_data.get("note", ""),
    )
    for field, message in problems.items():
        form.add_error(field, message)


class CheckInForm(forms.ModelForm):
    """The site's check-in form, for LOTI staff and a key result's owners, in GOV.UK wording;
    held to the same rules as every check-in."""

    class Meta:
        model = CheckIn
        fields = CHECK_IN_FIELDS
        labels = {
            "date": "Date",
            "progress": "Progress (%)",
            "note": "Note",
            "evidence_label": "Evidence: what the link shows (optional)",
            "evidence_url": "Evidence: link (optional)",
            "is_internal": "Internal: show the note and evidence to LOTI staff and managers only",
        }
        widgets = {
            "date": forms.DateInput(format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "date": {"required": "Enter a date", "invalid": "Enter the date like 2021-12-01"},
            "status": {"required": "Select a status", "invalid_choice": "Select a status"},
            "progress": {
                "required": "Enter the progress, from 0 to 100",
                "invalid": "Enter the progress as a whole number, from 0 to 100",
                "min_value": "Enter the progress, from 0 to 100",
                "max_value": "Enter the progress, from 0 to 100",
            },
            "confidence": {"invalid_choice": "Select how confident you are"},
            "note": {"max_length": "The note must be 5,000 characters or fewer"},
            "evidence_url": {"invalid": "Enter a web address, like https://example.org/report"},
        }

    def __init__(self, *args, key_result, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_result = key_result
        self.fields["evidence_url"].assume_scheme = "https"

    def clean(self):
        cleaned = super().clean()
        add_check_in_problems(self, self.key_result)
        return cleaned


class PlanUploadForm(forms.Form):
    """A plan file uploaded in the admin; on the confirmation step, the digest of the file kept
    since its preview (`CheckedPlanFile`), which is checked again rather than trusted."""

    FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}

    file = forms.FileField(
        label="Plan file (YAML or CSV)",
        required=False,
        help_text="See the plan file format (linked above), or start from a template.",
    )
    digest = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    file_format = forms.ChoiceField(
        choices=[("", "From the file's name"), ("yaml", "YAML"), ("csv", "CSV")],
        required=False,
        label="Format",
    )

    def clean(self):
        cleaned = super().clean()
        upload, digest = cleaned.get("file"), cleaned.get("digest")
        if upload is None and not digest:
            raise forms.ValidationError("Choose a plan file to import")
        if upload is not None and upload.size > MOST_PLAN_BYTES:
            self.add_error(
                "file",
                f"This file is {filesizeformat(upload.size)}; a plan file may be at most "
                f"{filesizeformat(MOST_PLAN_BYTES)} (a quarter's plan is a few kilobytes)",
            )
        if upload is not None:
            file_format = cleaned.get("file_format") or self.FORMATS.get(
                Path(upload.name).suffix.lower()
            )
            if file_format is None:
                self.add_error("file", "Name the file .yaml, .yml or .csv, or choose its format")
            cleaned["file_format"] = file_format
        elif cleaned.get("file_format") not in ("yaml", "csv"):
            raise forms.ValidationError("Choose the plan file again")
        return cleaned

    def uploaded_bytes(self):
        """The uploaded file's bytes, or None on the confirmation step."""
        upload = self.cleaned_data.get("file")
        return None if upload is None else upload.read(MOST_PLAN_BYTES + 1)


class OutcomeForm(forms.Form):
    """One key result's line of the review page (the admin's formset: one page, every key
    result)."""

    outcome = forms.ChoiceField(choices=[("", "Choose")], required=False)
    score = forms.ChoiceField(choices=[("", "Choose")], required=False)
    reflection = forms.CharField(max_length=300, required=False, label="One-line reflection")

    confirm = forms.BooleanField(
        required=False, label="Keep this outcome, though it disagrees with how the key result ended"
    )
    needs_confirmation = False

    def __init__(self, *args, key_result, automatic=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_result, self.automatic = key_result, automatic
        self.fields["outcome"].choices = [("", "Choose"), *Outcome.choices]
        self.fields["score"].choices = [("", "Choose")] + [(str(s), str(s)) for s in SCORES]
        if automatic:
            self.fields["outcome"].disabled = True
            self.initial["outcome"] = automatic

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        disagreement = outcome and Outcome(outcome).disagreement_with(self.key_result)
        if disagreement and not cleaned.get("confirm"):
            self.needs_confirmation = True
            self.add_error("outcome", f"{disagreement}: tick the box below to keep it")
        return cleaned


class RetrospectiveForm(forms.ModelForm):
    class Meta:
        model = QuarterReview
        fields = ["went_well", "went_badly", "try_next"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
