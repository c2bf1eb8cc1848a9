"""The admin's user page, with the borough link that makes an officer."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.template.defaultfilters import pluralize

from .audit import changes_made_by
from .history_admin import ReadOnlyHistoryAdmin
from .models import BoroughLink

User = get_user_model()


class BoroughLinkInline(admin.StackedInline):
    model = BoroughLink
    autocomplete_fields = ["borough"]
    can_delete = True
    verbose_name = "borough this officer speaks for"
    extra = 0
    max_num = 1


admin.site.unregister(User)


class PersonChangeForm(UserChangeForm):
    """Django's user form, refusing an e-mail address another person already has, in any
    letter case (plans name owners by address; messages go to it)."""

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Someone else already has this e-mail address")
        return email


@admin.register(User)
class UserWithBoroughAdmin(ReadOnlyHistoryAdmin, UserAdmin):
    """Django's user admin, with the borough a borough officer is linked to."""

    form = PersonChangeForm
    inlines = [BoroughLinkInline]
    list_display = [*UserAdmin.list_display, "is_active", "linked_borough"]
    list_select_related = ["borough_link__borough"]
    actions = ["deactivate"]

    # Only a superuser may grant superuser status or permissions one by one; LOTI staff give
    # people their roles through groups.
    ONLY_FOR_SUPERUSERS = ("is_superuser", "user_permissions")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        field
                        for field in options["fields"]
                        if field not in self.ONLY_FOR_SUPERUSERS
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def has_change_permission(self, request, obj=None):
        """A superuser's account (its e-mail, password, roles) is changed by superusers only."""
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Deactivate the selected people (they keep their record)")
    def deactivate(self, request, queryset):
        people = list(queryset.filter(is_active=True))
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
        for person in objs:
            if changes := changes_made_by(person):
                protected.append(
                    f"{person}: {changes} change{pluralize(changes)} in the audit trail"
                )
        return deleted, counts, perms_needed, protected

    @admin.display(description="borough")
    def linked_borough(self, user):
        link = getattr(user, "borough_link", None)
        return link.borough if link else ""
