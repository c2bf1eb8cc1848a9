from django.utils.functional import SimpleLazyObject

from .models import CheckIn


def navigation(request):
    """Which item of the service navigation the current page belongs to."""
    first = request.path.strip("/").split("/", 1)[0]
    if first in {"workstreams", "boroughs", "partners"}:
        return {"nav_section": first}
    if first == "quarters" and request.path.strip("/") != "quarters":
        return {"nav_section": "dashboard"}
    return {"nav_section": "quarters" if first == "quarters" else "dashboard"}


def sample_data(request):
    """Whether any illustrative check-in exists, so every page can say so in a banner."""
    return {"sample_data_present": SimpleLazyObject(lambda: CheckIn.objects.sample().exists())}
