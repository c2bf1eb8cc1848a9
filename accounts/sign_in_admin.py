"""The admin's pages for council sign-in (superusers only: a client secret opens a council's
tenant to this site) and the sign-in records (read only, for LOTI staff). django-allauth's own
admin pages are not shown: they would display the secrets this page never shows again."""

# django-allauth's admin modules register their pages when imported; this app's admin is
# discovered first (accounts leads INSTALLED_APPS), so they are imported here, then unregistered.
import allauth.account.admin
import allauth.socialaccount.admin  # noqa: F401
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from boroughs.models import Borough

from .council_sign_in import redirect_uri, save_set_up, set_up_problems
from .history_admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin
from .models import CouncilSignIn, SignInRecord

for model in (SocialApp, SocialAccount, SocialToken, EmailAddress):
    admin.site.unregister(model)


class CouncilSignInForm(forms.ModelForm):
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.all(),
        required=False,
        empty_label="LOTI itself (LOTI's own tenant)",
        help_text="The council whose Microsoft tenant this is; empty for LOTI's own.",
    )
    issuer = forms.CharField(
        max_length=300,
        help_text="https://login.microsoftonline.com/TENANT-ID/v2.0 (the tenant's issuer).",
    )
    client_id = forms.CharField(
        label="Client ID", max_length=191, help_text="The app registration's application ID."
    )
    secret = forms.CharField(
        label="Client secret",
        max_length=191,
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text="The secret's value. It is never shown again: leave empty to keep it.",
    )

    class Meta:
        model = CouncilSignIn
        fields = ["borough", "domains"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["issuer"].initial = self.instance.issuer
            self.fields["client_id"].initial = self.instance.app.client_id

    def clean(self):
        data = super().clean()
        council = self.instance if self.instance.pk else None
        problems = set_up_problems(
            borough=data.get("borough"),
            issuer=data.get("issuer", ""),
            client_id=data.get("client_id", ""),
            domains=data.get("domains", ""),
            council=council,
        )
        if council is None and not data.get("secret"):
            problems["secret"] = "Enter the client secret's value from the app registration"
        if problems:
            raise ValidationError(problems)
        return data


@admin.register(CouncilSignIn)
class CouncilSignInAdmin(ReadOnlyHistoryAdmin):
    form = CouncilSignInForm
    list_display = ["organisation", "domains", "issuer"]
    readonly_fields = ["redirect_uri"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        save_set_up(
            borough=data["borough"],
            issuer=data["issuer"],
            client_id=data["client_id"],
            secret=data["secret"],
            domains=data["domains"],
            council=obj,
        )

    def get_fields(self, request, obj=None):
        fields = ["borough", "issuer", "client_id", "secret", "domains"]
        return [*fields, "redirect_uri"] if obj else fields

    @admin.display(description="Redirect URI to register (type Web)")
    def redirect_uri(self, council):
        return redirect_uri(council)

    def has_module_permission(self, request):
        return request.user.is_superuser

    has_view_permission = has_add_permission = has_change_permission = (
        lambda self, request, obj=None: request.user.is_superuser
    )
    has_delete_permission = has_change_permission

    def delete_model(self, request, obj):
        obj.app.delete()  # the council sign-in goes with its app

    def delete_queryset(self, request, queryset):
        for council in queryset:
            council.app.delete()


@admin.register(SignInRecord)
class SignInRecordAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["at", "address", "person", "method", "organisation", "outcome", "reason"]
    list_filter = ["outcome", "method", "organisation"]
    search_fields = ["address", "reason"]
    date_hierarchy = "at"


@admin.register(SocialAccount)
class LinkedMicrosoftAccountAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Which Microsoft account (its `sub`) each person's first council sign-in linked. Removing
    a link lets the person's next council sign-in link their account afresh (after a council
    re-creates someone's account, say)."""

    list_display = ["user", "provider", "uid", "date_joined", "last_login"]
    list_filter = ["provider"]
    search_fields = ["user__email", "uid"]
    readonly_fields = ["user", "provider", "uid", "date_joined", "last_login"]
    exclude = ["extra_data"]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
