"""The admin's people pages: one role choice (with the borough of an officer) instead of
groups and links, an "Invite a person" page, resending invitations, and deactivation."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.template.defaultfilters import pluralize

from boroughs.models import Borough
from core.text import refuse_line_breaks

from .audit import changes_made_by
from .council_sign_in import council_sign_in_annotation
from .history_admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin
from .people import email_taken, may_manage
from .roles import (
    ROLE_CHOICES,
    give_role,
    officer_borough,
    role_code_of,
    role_label_of,
    role_problems,
)

User = get_user_model()

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(ReadOnlyAdmin, GroupAdmin):
    """The role groups, to read only: roles are found by these names, and their permissions are
    set by migrations (accounts/migrations), so no one adds, renames, re-permissions or deletes
    them here. People are given a role on their own page."""


class RoleFields(forms.Form):
    """The role and borough fields, checked together (an officer needs a borough; a borough
    needs an officer)."""

    role = forms.ChoiceField(
        choices=[(code, label) for code, label, _ in ROLE_CHOICES],
        required=False,
        help_text="LOTI staff run the tracker (and use this admin); managers read everything, "
        "internal notes included; a borough officer posts updates for one borough.",
    )
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.order_by("short_name"),
        required=False,
        help_text="Only for a borough officer: the borough they speak for.",
    )

    def check_role(self):
        for field, message in role_problems(
            self.cleaned_data.get("role", ""), self.cleaned_data.get("borough")
        ).items():
            self.add_error(field, message)


class PersonChangeForm(UserChangeForm, RoleFields):
    """Django's user form with one role choice, refusing an e-mail address another person
    already has, in any letter case (plans name owners by address; messages go to it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("role", role_code_of(self.instance))
            borough = officer_borough(self.instance)
            self.initial.setdefault("borough", borough.pk if borough else None)
        for name in ("first_name", "last_name"):
            if name in self.fields:  # a name goes into e-mail headers: one line
                self.fields[name].validators.append(refuse_line_breaks)

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if email and email_taken(email, exclude=self.instance):
            raise forms.ValidationError("Someone else already has this e-mail address")
        return email

    def clean(self):
        cleaned = super().clean()
        self.check_role()
        return cleaned


@admin.register(User)
class UserWithBoroughAdmin(ReadOnlyHistoryAdmin, UserAdmin):
    """Django's user admin, with the borough a borough officer is linked to."""

    form = PersonChangeForm
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "role",
        "signs_in_with",
        "is_active",
    ]
    list_filter = ["is_active", "groups"]
    list_select_related = ["borough_link__borough"]
    actions = ["deactivate"]
    change_list_template = "admin/auth/user/people_change_list.html"

    # Only a superuser may grant superuser status or permissions one by one; LOTI staff give
    # people their roles with the one role choice (which sets the group, the admin access and
    # the borough link together).
    ONLY_FOR_SUPERUSERS = ("is_superuser", "user_permissions")
    SET_BY_ROLE = ("groups", "is_staff")

    def get_queryset(self, request):
        people = super().get_queryset(request).prefetch_related("groups")
        return people.annotate(council_sign_in=council_sign_in_annotation())

    @admin.display(description="signs in with")
    def signs_in_with(self, user):
        """As `signs_in_with_council` decides: a superuser keeps a password."""
        council = getattr(user, "council_sign_in", "")
        return f"{council} Microsoft account" if council and not user.is_superuser else "Password"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # the add page: username and password, then the change page
            return fieldsets
        hidden = self.SET_BY_ROLE
        if not request.user.is_superuser:
            hidden += self.ONLY_FOR_SUPERUSERS
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]
        return [("Role", {"fields": ["role", "borough"]}), *fieldsets]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and "role" in form.cleaned_data:
            give_role(form.instance, form.cleaned_data["role"], form.cleaned_data["borough"])

    @admin.display(description="role")
    def role(self, user):
        return role_label_of(user)

    def has_change_permission(self, request, obj=None):
        """A superuser's account (its e-mail, password, roles) is changed by superusers only."""
        if obj is not None and not may_manage(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_manage(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def managed_by(self, request, queryset, verb):
        """The selected people `request.user` may act on; the others are named in a message."""
        people = list(queryset)
        refused = [str(person) for person in people if not may_manage(request.user, person)]
        if refused:
            self.message_user(
                request,
                f"Only a superuser may {verb} a superuser: {', '.join(refused)} left unchanged.",
                messages.ERROR,
            )
        return [person for person in people if may_manage(request.user, person)]

    @admin.action(description="Deactivate the selected people (they keep their record)")
    def deactivate(self, request, queryset):
        people = [p for p in self.managed_by(request, queryset, "deactivate") if p.is_active]
        if request.user in people:
            people.remove(request.user)
            self.message_user(
                request, "You cannot deactivate yourself: ask another admin.", messages.ERROR
            )
        for person in people:
            person.is_active = False
            person.save(update_fields=["is_active"])
        self.message_user(
            request,
            f"Deactivated {len(people)} {'person' if len(people) == 1 else 'people'}: they can "
            "no longer sign in, and everything they recorded keeps their name.",
            messages.SUCCESS,
        )

    def get_deleted_objects(self, objs, request):
        """People who recorded or changed anything are protected: their name stays on the
        record (check-ins and updates protect them already; changes in the audit trail too)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(not may_manage(request.user, person) for person in objs):
            perms_needed.add("superuser (only a superuser may delete one)")
        for person in objs:
            if changes := changes_made_by(person):
                protected.append(
                    f"{person}: {changes} change{pluralize(changes)} in the audit trail"
                )
        return deleted, counts, perms_needed, protected


from . import sign_in_admin  # noqa: E402, F401  (council sign-in and the sign-in records)
