"""The link that makes a user a borough officer: which borough they speak for."""

from django.conf import settings
from django.db import models


class BoroughLink(models.Model):
    """Links a borough officer's account to the one borough they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="borough_link"
    )
    borough = models.ForeignKey(
        "boroughs.Borough", on_delete=models.PROTECT, related_name="officer_links"
    )

    class Meta:
        verbose_name = "borough link"

    def __str__(self):
        return f"{self.user.get_username()} for {self.borough}"
