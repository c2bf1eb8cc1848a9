"""The History button of every record: past versions can be read, never restored."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin without revert. Restoring a past version bypassed the
    edit lock (and failed outside a transaction) and turned the version number back; to undo
    a change, edit the record, which the trail then shows like any other change."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied(
                "Past versions can be read, not restored: edit the record to change it."
            )
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdmin:
    """A mixin for admin pages that only show records: nobody adds, changes or deletes them
    there (a page may still allow one of these by defining it again)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
