"""Site-wide template context from the key results' side: the navigation, the sample banner."""

from django.core.cache import cache
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
    """Whether any illustrative check-in exists, so every page can say so in a banner. The
    answer is kept under the data version the page cache read (`request.data_version`), which
    every check-in written or removed moves on: one query per version, not per page."""
    return {"sample_data_present": SimpleLazyObject(lambda: sample_data_present(request))}


def sample_data_present(request):
    version = getattr(request, "data_version", None)
    if version is None:
        return CheckIn.objects.sample().exists()
    try:
        return cache.get_or_set(f"sample-data:{version}", CheckIn.objects.sample().exists)
    except Exception:  # the cache is away (Redis restarting): ask the database
        return CheckIn.objects.sample().exists()
