from django import forms

from .models import Preferences


class PreferencesForm(forms.ModelForm):
    """What a person gets by e-mail; the digest box starts ticked for managers, who get it
    unless they choose otherwise."""

    digest = forms.BooleanField(
        required=False, label=Preferences._meta.get_field("digest").verbose_name
    )

    class Meta:
        model = Preferences
        fields = ["reminders", "digest"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["digest"] = self.instance.wants_digest
