"""What was sent to whom (read-only: the commands and invitations write it), and people's
e-mail choices."""

from django.contrib import admin

from .models import Preferences, SentMessage


@admin.register(SentMessage)
class SentMessageAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "kind", "recipient", "subject"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "subject"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "reminders", "digest"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
