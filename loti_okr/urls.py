"""The site's addresses: the health check, the admin, accounts and the key results' pages."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

admin.site.site_header = "LOTI OKR administration"
admin.site.site_title = "LOTI OKR admin"
admin.site.index_title = "Quarters, key results and check-ins"
# The index lists every model; without the sidebar, lists keep the whole width (no column is
# cut off at 1280 px).
admin.site.enable_nav_sidebar = False


@require_GET
def healthz(request):
    """For load balancers and the benchmark's floor: answers without touching the database."""
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("notifications.urls")),
    path("", include("objectives.urls")),
]

handler400 = "loti_okr.errors.bad_request"
