"""What was sent to whom (read-only: the commands and invitations write it), people's e-mail
choices, and the people admin's "Invite a person" page and "Send the invitation again"."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from accounts.admin import RoleFields, UserWithBoroughAdmin
from accounts.roles import ROLE_CHOICES

from .invitations import InvitationNotSent, invite, send_invitation
from .models import FailedMessage, Preferences, SentMessage
from .sending import SENDING_FAILURES, reason
from .sending_page import SendingPages


@admin.register(SentMessage)
class SentMessageAdmin(SendingPages, admin.ModelAdmin):
    list_display = ["sent_at", "kind", "recipient", "subject"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "subject"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [*self.sending_urls(), *super().get_urls()]


@admin.register(FailedMessage)
class FailedMessageAdmin(admin.ModelAdmin):
    """Messages that could not be sent: to read (the next run tries those people again)."""

    list_display = ["failed_at", "kind", "recipient", "reason"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "reminders", "digest"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]


class InviteForm(RoleFields):
    email = forms.EmailField(label="E-mail address", max_length=254)
    name = forms.CharField(label="Full name", max_length=150, required=False)
    field_order = ["email", "name", "role", "borough"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No role is chosen for the person inviting: an empty first choice they must change.
        self.fields["role"].choices = [("", "Choose a role")] + [
            (code, label) for code, label, _ in ROLE_CHOICES if code
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("role"):
            self.add_error("role", "Choose LOTI staff, manager or borough officer")
        self.check_role()
        return cleaned


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class InvitingUserAdmin(UserWithBoroughAdmin):
    """The people admin (accounts.admin), with invitations by e-mail."""

    actions = [*UserWithBoroughAdmin.actions, "resend_invitation"]

    def get_urls(self):
        invite_view = self.admin_site.admin_view(self.invite_view)
        return [path("invite/", invite_view, name="auth_user_invite"), *super().get_urls()]

    def invite_view(self, request):
        """One step: the account, its role (and borough), and the e-mail to choose a password."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InviteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                person = invite(
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    role=form.cleaned_data["role"],
                    borough=form.cleaned_data["borough"],
                    invited_by=request.user,
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            except InvitationNotSent as not_sent:
                self.message_user(request, str(not_sent), messages.WARNING)
                return redirect("admin:auth_user_changelist")
            else:
                self.message_user(
                    request,
                    f"Invited {person.email}: they have an e-mail with a link to choose a "
                    "password, and land on their own page once they have.",
                    messages.SUCCESS,
                )
                return redirect("admin:auth_user_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Invite a person",
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/auth/user/invite.html", context)

    @admin.action(description="Send the invitation again (to people who have not signed in)")
    def resend_invitation(self, request, queryset):
        people = self.managed_by(request, queryset, "re-invite")
        waiting = [p for p in people if p.last_login is None and p.is_active and p.email]
        sent, failed = [], []
        for person in waiting:
            try:
                send_invitation(person, invited_by=request.user)
            except SENDING_FAILURES as error:
                failed.append(f"{person.email} ({reason(error)})")
            else:
                sent.append(person)
        if failed:
            self.message_user(
                request,
                f"Could not send the invitation to {'; '.join(failed)}: try again later.",
                messages.ERROR,
            )
        others = len(people) - len(waiting)
        self.message_user(
            request,
            f"Sent the invitation again to {len(sent)} "
            f"{'person' if len(sent) == 1 else 'people'}."
            + (
                f" {others} already signed in, were deactivated or have no address: people "
                "who have signed in use “Forgot your password?” on the sign-in page."
                if others
                else ""
            ),
            messages.SUCCESS if sent else messages.WARNING,
        )
