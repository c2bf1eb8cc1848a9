"""The sign-in form in GOV.UK wording."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from core.text import refuse_line_breaks

from .council_sign_in import signs_in_with_council

EMAIL_ADDRESS = forms.CharField(
    label="Email address",
    max_length=254,
    error_messages={"required": "Enter your email address"},
    widget=forms.TextInput(
        attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
    ),
)


class AddressForm(forms.Form):
    """The sign-in page's first question: it decides between the council's sign-in and a
    password."""

    username = EMAIL_ADDRESS

    def clean_username(self):
        return self.cleaned_data["username"].strip()


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording and length limits. People sign in with their
    email address (an invited person's username is their address); the username an admin
    account was made with works too."""

    username = EMAIL_ADDRESS
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
        username; anything else is a username. Someone whose council's Microsoft sign-in is
        set up signs in there, not with a password (a superuser may do both)."""
        given = self.cleaned_data["username"].strip()
        people = get_user_model().objects.exclude(email="")
        if "@" in given:
            person = people.filter(email__iexact=given).first()
        else:
            person = people.filter(username=given).first()
        council = signs_in_with_council(person)
        if council is not None:
            raise forms.ValidationError(
                f"Sign in with your {council.organisation} Microsoft account: "
                "enter your email address and choose Continue",
                code="council_sign_in",
            )
        return person.get_username() if person is not None else given


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
