"""What every page needs to know of the reader: their borough, and whether reading is public."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .roles import Role, officer_borough, role_of


def roles(request):
    """The signed-in officer's borough (for "My borough" and update forms), and PUBLIC_READ."""
    return {
        # Error pages can render before AuthenticationMiddleware has run (a bad Host header).
        "officer_borough": SimpleLazyObject(
            lambda: officer_borough(request.user) if hasattr(request, "user") else None
        ),
        "public_read": settings.PUBLIC_READ,
        "loti_staff": SimpleLazyObject(
            lambda: hasattr(request, "user") and role_of(request.user) is Role.STAFF
        ),
    }
