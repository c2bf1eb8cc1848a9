"""Partner organisations outside the boroughs (public bodies, firms, networks) that plans name."""

from django.db import models
from django.urls import reverse

from core.text import PlainTextModel


class PartnerQuerySet(models.QuerySet):
    def used_in(self, quarters):
        """Those that key results of `quarters` name."""
        return self.filter(key_results__quarter__in=quarters).distinct()

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Partner(PlainTextModel, models.Model):
    """An organisation outside the boroughs that LOTI works with: a public body, firm or network."""

    class Kind(models.TextChoices):
        PUBLIC_BODY = "public_body", "Public body"
        NETWORK = "network", "Network"
        COMPANY = "company", "Company"
        CHARITY = "charity", "Charity or community group"
        ACADEMIC = "academic", "Academic"
        GROUP = "group", "Group of organisations"

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PUBLIC_BODY)
    description = models.TextField(blank=True, max_length=2000)
    website = models.URLField(blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("objectives:partner-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def display_name(self):
        if self.acronym and self.acronym.lower() != self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name
