"""Site-wide template context from the key results' side: the navigation, the sample banner."""

from django.utils.functional import SimpleLazyObject

from .models import CheckIn


def navigation(request):
    """Which item of the service navigation the current page belongs to."""
    path = request.path.strip("/")
    first = path.split("/", 1)[0]
    if first in {"workstreams", "boroughs", "partners", "my-borough", "my-key-results"}:
        return {"nav_section": first}
    # The quarter list is "Quarters"; a quarter's own pages belong to its dashboard.
    return {"nav_section": "quarters" if path == "quarters" else "dashboard"}


def sample_data(request):
    """Whether any illustrative check-in exists, so every page can say so in a banner."""
    return {"sample_data_present": SimpleLazyObject(lambda: CheckIn.objects.sample().exists())}
