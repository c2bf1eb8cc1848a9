"""The vocabularies key results and check-ins are described in: statuses and confidence."""

from django.db import models


class Status(models.TextChoices):
    """Where a key result stands. The order is the order dashboards list them in."""

    NOT_STARTED = "not_started", "Not started"
    SCOPING = "scoping", "Scoping"
    IN_PROGRESS = "in_progress", "In progress"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    DROPPED = "dropped", "Dropped"

    @classmethod
    def finished(cls):
        return (cls.COMPLETE, cls.DROPPED)


class Confidence(models.TextChoices):
    """How sure the person checking in is that the key result will be met."""

    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
