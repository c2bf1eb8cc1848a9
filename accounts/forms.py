"""The sign-in form in GOV.UK wording."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from core.text import refuse_line_breaks


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording and length limits. People sign in with their
    email address (an invited person's username is their address); the username an admin
    account was made with works too."""

    username = forms.CharField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter your email address"},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    password = forms.CharField(
        label="Password",
        max_length=128,
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been switched off: ask LOTI to switch it on again",
    }

    def clean_username(self):
        """An address names the account that has it (in any letter case), whatever its
        username; anything else is a username."""
        given = self.cleaned_data["username"].strip()
        if "@" in given:
            person = get_user_model().objects.filter(email__iexact=given).exclude(email="")
            username = person.values_list("username", flat=True).first()
            return username or given
        return given


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class ChoosePasswordForm(SetPasswordForm):
    """Django's set-password form (with its password validators), in GOV.UK wording."""

    error_messages = {"password_mismatch": "The two passwords do not match: type them again"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 8 characters, not all numbers"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password2"].error_messages["required"] = "Type the new password again"


class YourNameForm(forms.ModelForm):
    """A person's name, asked at their first sign-in while their account has none: check-ins
    and updates show it. One line each (it also goes into e-mail headers)."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]
        labels = {"first_name": "First name", "last_name": "Last name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
            field.validators.append(refuse_line_breaks)
            field.error_messages["required"] = f"Enter your {field.label.lower()}"
