"""What every page needs to know of the reader: their borough, and whether reading is public."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .roles import officer_borough


def roles(request):
    """The signed-in officer's borough (for "My borough" and update forms), and PUBLIC_READ."""
    return {
        # Error pages can render before AuthenticationMiddleware has run (a bad Host header).
        "officer_borough": SimpleLazyObject(
            lambda: officer_borough(request.user) if hasattr(request, "user") else None
        ),
        "public_read": settings.PUBLIC_READ,
    }
