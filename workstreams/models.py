"""Workstreams: themes of LOTI's work that span quarters, in the plan's order."""

from django.db import models

from loti_okr.addresses import address


class WorkstreamManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Workstream(models.Model):
    """A theme of LOTI's work (Skills & Capability, Digital Inclusion, ...) that spans quarters."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in which the plan lists workstreams (lowest first)."
    )
    description = models.TextField(blank=True)

    objects = WorkstreamManager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("objectives:workstream-detail", slug=self.slug)

    def natural_key(self):
        return (self.slug,)
