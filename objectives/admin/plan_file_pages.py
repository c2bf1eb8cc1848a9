"""Plan files in the admin, so staff never need a terminal for them: a quarter's plan as YAML or
CSV (from its page and the quarter list), a template to fill in, and the format as a page."""

from pathlib import Path

import markdown
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models import Quarter
from ..plan_files import export_csv, export_yaml
from ..plan_files.reading import CSV_COLUMNS

TEMPLATE_YAML = Path(__file__).resolve().parent.parent / "plan_files" / "template.yaml"
FORMAT_PAGE = Path(settings.BASE_DIR) / "docs" / "plan-files.md"
EXPORTS = {"yaml": (export_yaml, "application/yaml"), "csv": (export_csv, "text/csv")}


class PlanFilePages:
    """Mixed into QuarterAdmin: its plan-file addresses and views."""

    def plan_file_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/plan.<str:file_format>",
                view(self.export_view),
                name="objectives_quarter_export",
            ),
            path(
                "import/template.<str:file_format>",
                view(self.template_view),
                name="objectives_quarter_plan_template",
            ),
            path("import/format/", view(self.format_view), name="objectives_quarter_plan_format"),
        ]

    @staticmethod
    def plan_file_links(quarter):
        links = [
            (reverse("admin:objectives_quarter_export", args=[quarter.pk, kind]), label)
            for kind, label in (("yaml", "YAML"), ("csv", "CSV"))
        ]
        return format_html(
            '<a href="{}" download>{}</a> · <a href="{}" download>{}</a>',
            *(part for link in links for part in link),
        )

    def export_view(self, request, pk, file_format):
        quarter = get_object_or_404(Quarter, pk=pk)
        if not self.has_view_permission(request, quarter):
            raise PermissionDenied
        if file_format not in EXPORTS:
            raise PermissionDenied  # no other format exists: the address is made up
        export, content_type = EXPORTS[file_format]
        response = HttpResponse(export(quarter), content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{quarter.slug}.{file_format}"'
        return response

    def template_view(self, request, file_format):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if file_format == "yaml":
            body, content_type = TEMPLATE_YAML.read_text(encoding="utf-8"), "application/yaml"
        elif file_format == "csv":
            body, content_type = "\ufeff" + ",".join(CSV_COLUMNS) + "\n", "text/csv"
        else:
            raise PermissionDenied
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="plan-template.{file_format}"'
        return response

    def format_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        text = FORMAT_PAGE.read_text(encoding="utf-8")
        html = markdown.markdown(text, extensions=["tables", "fenced_code"])
        context = {
            **self.admin_site.each_context(request),
            "title": "Plan file format",
            "opts": self.model._meta,
            "format": mark_safe(html),  # our own docs, from the repository, not user input
        }
        return TemplateResponse(request, "admin/objectives/quarter/plan_format.html", context)
