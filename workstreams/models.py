"""Workstreams: themes of LOTI's work that span quarters, in the plan's order."""

from django.db import models
from django.urls import reverse

from core.text import PlainTextModel


class WorkstreamQuerySet(models.QuerySet):
    def used_in(self, quarters):
        """Those that key results of `quarters` name."""
        return self.filter(key_results__quarter__in=quarters).distinct()

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Workstream(PlainTextModel, models.Model):
    """A theme of LOTI's work (Skills & Capability, Digital Inclusion, ...) that spans quarters."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in which the plan lists workstreams (lowest first)."
    )
    description = models.TextField(blank=True)

    objects = WorkstreamQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("objectives:workstream-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
