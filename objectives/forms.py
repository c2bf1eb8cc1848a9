"""Forms: roll-over, a borough officer's update, the admin's key result form with its version."""

from django import forms
from django.contrib.auth import get_user_model

from accounts.roles import MANAGERS_GROUP, STAFF_GROUP

from .models import BoroughUpdate, KeyResult, Quarter


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
    start_date = forms.DateField(help_text="YYYY-MM-DD")
    end_date = forms.DateField(help_text="YYYY-MM-DD")

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
            "link": "A web address for more, starting with https://",
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
