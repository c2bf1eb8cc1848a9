from django import forms

from .models import KeyResult, Quarter, Status


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
            .with_progress()
            .exclude(current_status__in=Status.finished())
            .filter(carried_over_to__isnull=True)
            .select_related("quarter")
            .order_by("number")
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "The end date must be after the start date")
        if start and start <= self.source.end_date and not self.existing_quarter():
            self.add_error("start_date", f"The new quarter must start after {self.source} ends")
        return cleaned

    def existing_quarter(self):
        slug = self.cleaned_data.get("slug") if hasattr(self, "cleaned_data") else None
        return Quarter.objects.filter(slug=slug).first() if slug else None
