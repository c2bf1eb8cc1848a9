"""The site's addresses: the health check, the admin, accounts and the key results' pages."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from accounts.access import Rule, declares
from accounts.urls import council_callback_urls
from api.endpoints import api

from .page_cache import cache_is_healthy

admin.site.site_header = "LOTI OKR administration"
admin.site.site_title = "LOTI OKR admin"
admin.site.index_title = "Quarters, key results and check-ins"
# The index lists every model; without the sidebar, lists keep the whole width (no column is
# cut off at 1280 px).
admin.site.enable_nav_sidebar = False


@declares(Rule.OPEN)
@require_GET
def healthz(request):
    """For load balancers and the benchmark's floor: answers without touching the database;
    says so when the page cache is away (pages are then rendered afresh, slower)."""
    body = "ok\n" if cache_is_healthy() else "ok\ncache: degraded\n"
    return HttpResponse(body, content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("accounts.urls")),
    path("", include(council_callback_urls)),
    path("", include("notifications.urls")),
    path("", include("api.urls")),
    path("", include("objectives.urls")),
]

handler400 = "loti_okr.errors.bad_request"
