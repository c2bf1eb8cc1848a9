"""The admin's user page, with the borough link that makes an officer."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

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


@admin.register(User)
class UserWithBoroughAdmin(UserAdmin):
    """Django's user admin, with the borough a borough officer is linked to."""

    inlines = [BoroughLinkInline]
    list_display = [*UserAdmin.list_display, "linked_borough"]
    list_select_related = ["borough_link__borough"]

    @admin.display(description="borough")
    def linked_borough(self, user):
        link = getattr(user, "borough_link", None)
        return link.borough if link else ""
