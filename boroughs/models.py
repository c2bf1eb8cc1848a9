"""London's 33 authorities, their tile-map positions, and matching the names plans use."""

from django.db import models
from django.urls import reverse

from core.text import PlainTextModel


def normalise_name(name):
    """Fold the ways a plan may spell an authority ("Kensington & Chelsea ") to one key."""
    return " ".join(name.replace("&", " and ").replace("-", " ").lower().split())


class BoroughQuerySet(models.QuerySet):
    def by_name(self):
        """Map every known spelling (short, official, abbreviations) to its authority."""
        names = {}
        for borough in self:
            for spelling in borough.spellings():
                names[normalise_name(spelling)] = borough
        return names

    def get_by_any_name(self, name):
        """The authority a plan means by `name` ("RBKC", "Kingston"); DoesNotExist if none."""
        try:
            return self.by_name()[normalise_name(name)]
        except KeyError:
            raise self.model.DoesNotExist(f'No London authority is called "{name}".') from None

    def get_by_natural_key(self, gss_code):
        return self.get(gss_code=gss_code)


class Borough(PlainTextModel, models.Model):
    """One of the 33 London local authorities: the 32 boroughs and the City of London."""

    class Area(models.TextChoices):
        INNER = "inner", "Inner London"
        OUTER = "outer", "Outer London"

    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    official_name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    abbreviations = models.CharField(
        max_length=200, blank=True, help_text="Other names in use, separated by semicolons."
    )
    area = models.CharField(
        max_length=5,
        choices=Area.choices,
        help_text="Statutory split, London Government Act 1963.",
    )
    grid_row = models.PositiveSmallIntegerField(help_text="Row on the London Squared tile map.")
    grid_col = models.PositiveSmallIntegerField(help_text="Column on the London Squared tile map.")
    tile_label = models.CharField(
        max_length=3, help_text="Three-letter label on the London Squared tile map."
    )

    objects = BoroughQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(fields=["grid_row", "grid_col"], name="one_borough_per_tile"),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("objectives:borough-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.gss_code,)

    def spellings(self):
        aliases = [alias.strip() for alias in self.abbreviations.split(";") if alias.strip()]
        return [self.short_name, self.official_name, *aliases]
