from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "LOTI OKR administration"
admin.site.site_title = "LOTI OKR admin"
admin.site.index_title = "Quarters, key results and check-ins"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("objectives.urls")),
]

handler400 = "objectives.views.bad_request"
