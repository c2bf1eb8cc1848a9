"""LOTI staff see every API token (never the token itself: only its first characters) and
revoke any."""

from django.contrib import admin, messages

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "shown_start", "can_write", "expires_at", "last_used_at"]
    list_display += ["revoked_at"]
    list_filter = ["can_write", "revoked_at"]
    search_fields = ["name", "user__username", "user__email"]
    readonly_fields = [field.name for field in ApiToken._meta.fields if field.name != "digest"]
    exclude = ["digest"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # a person makes their own, on their account page

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Revoke the selected tokens (they stop working at once)")
    def revoke(self, request, queryset):
        tokens = [token for token in queryset if token.revoked_at is None]
        for token in tokens:
            token.revoke()
        self.message_user(request, f"Revoked {len(tokens)} token(s).", messages.SUCCESS)
