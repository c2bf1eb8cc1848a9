"""The admin for London authorities."""

from django.contrib import admin

from .models import Borough


@admin.register(Borough)
class BoroughAdmin(admin.ModelAdmin):
    list_display = ["short_name", "official_name", "gss_code", "area"]
    list_filter = ["area"]
    search_fields = ["short_name", "official_name", "abbreviations", "gss_code"]
    readonly_fields = ["gss_code"]
