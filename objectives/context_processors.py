from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.roles import officer_borough

from .models import CheckIn


def navigation(request):
    """Which item of the service navigation the current page belongs to."""
    path = request.path.strip("/")
    first = path.split("/", 1)[0]
    if first in {"workstreams", "boroughs", "partners", "my-borough"}:
        return {"nav_section": first}
    # The quarter list is "Quarters"; a quarter's own pages belong to its dashboard.
    return {"nav_section": "quarters" if path == "quarters" else "dashboard"}


def sample_data(request):
    """Whether any illustrative check-in exists, so every page can say so in a banner."""
    return {"sample_data_present": SimpleLazyObject(lambda: CheckIn.objects.sample().exists())}


def roles(request):
    """The signed-in officer's borough, for the "My borough" link, and the reading setting."""
    return {
        # Error pages can render before AuthenticationMiddleware has run (a bad Host header).
        "user_borough": SimpleLazyObject(
            lambda: officer_borough(request.user) if hasattr(request, "user") else None
        ),
        "public_read": settings.PUBLIC_READ,
    }
