"""Quarters: LOTI's own quarters with their dates, and which one is current."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from accounts.audit import audit_records
from core.text import PlainTextModel

from .. import visibility
from ..pace import expected_progress


def current_of(quarters, today=None):
    """Which of `quarters` is current: the one running today; with none running, the latest
    that has started; with only upcoming ones, the earliest. None when there are none. Pages
    that list every quarter anyway (for the switcher) ask this of that list: no extra query.
    A draft is never current."""
    today = today or timezone.localdate()
    quarters = [quarter for quarter in quarters if quarter.is_published]  # never a draft
    running = [q for q in quarters if q.start_date <= today <= q.end_date]
    started = [q for q in quarters if q.start_date <= today]
    if running or started:
        return max(running or started, key=lambda quarter: quarter.start_date)
    return min(quarters, key=lambda quarter: quarter.start_date, default=None)


class QuarterQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def drafts(self):
        return self.filter(published_at__isnull=True)

    def visible_to(self, user):
        """The quarters `user` may see (objectives.visibility), with their reviews (for the
        state, without a query each)."""
        return visibility.visible_quarters(self, user).select_related("review")

    def running_on(self, day):
        return self.filter(start_date__lte=day, end_date__gte=day)

    def current(self, today=None):
        """The current quarter (see `current_of`), in one query."""
        return current_of(self, today)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Quarter(PlainTextModel, models.Model):
    """A quarter of LOTI's year. LOTI's years start in mid-July: each quarter has its own dates."""

    # What a slug may be, in addresses, plan files and forms alike.
    SLUG_PATTERN = r"[-a-zA-Z0-9_]{1,20}"
    # A quarter is about three months; a year and a day is surely a mistyped date.
    LONGEST_IN_DAYS = 366

    year = models.PositiveSmallIntegerField(
        help_text="LOTI's own year count: Year 3 began in 2021."
    )
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    slug = models.SlugField(max_length=20, unique=True, help_text='For example "y3-q2".')
    start_date = models.DateField()
    end_date = models.DateField()
    # Imported and rolled-over quarters start as drafts, seen by LOTI staff and managers only.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = QuarterQuerySet.as_manager()
    history = audit_records()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="one_quarter_per_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=4), name="quarter_number_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="quarter_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return f"Year {self.year} Q{self.number}"

    def get_absolute_url(self):
        return reverse("objectives:quarter-dashboard", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.start_date and self.end_date:
            problem = self.dates_problem(self.start_date, self.end_date)
            if problem:
                raise ValidationError({"end_date": problem})

    @classmethod
    def dates_problem(cls, start_date, end_date):
        """What is wrong with a quarter running from `start_date` to `end_date`, or None: it
        must end after it starts and last at most LONGEST_IN_DAYS. Forms, the admin and plan
        files all ask this."""
        if end_date <= start_date:
            return "The end date must be after the start date"
        if (end_date - start_date).days + 1 > cls.LONGEST_IN_DAYS:
            return (
                f"A quarter can last at most {cls.LONGEST_IN_DAYS} days: check the start and "
                "end dates"
            )
        return None

    @staticmethod
    def default_slug(year, number):
        """The slug a quarter gets unless told otherwise: Year 3 Q2 is "y3-q2"."""
        return f"y{year}-q{number}"

    class State(models.TextChoices):
        """A quarter's state: one at a time, in this order of precedence."""

        DRAFT = "draft", "Draft"
        UPCOMING = "upcoming", "Upcoming"
        RUNNING = "running", "Running"
        ENDED = "ended", "Ended"
        REVIEWED = "reviewed", "Reviewed"

    @property
    def is_published(self):
        return self.published_at is not None

    def is_visible_to(self, user):
        return visibility.quarter_is_visible(self, user)

    def state_on(self, day=None):
        day = day or timezone.localdate()
        if not self.is_published:
            return self.State.DRAFT
        if day < self.start_date:
            return self.State.UPCOMING
        if day <= self.end_date:
            return self.State.RUNNING
        return self.State.REVIEWED if self.review_is_published else self.State.ENDED

    @property
    def review_or_none(self):
        """Its review, if one was begun (read with the quarter where lists select it)."""
        from .reviews import QuarterReview

        try:
            return self.review
        except QuarterReview.DoesNotExist:
            return None

    @property
    def review_is_published(self):
        return self.review_or_none is not None and self.review_or_none.is_published

    def review_is_visible_to(self, user):
        """Whether `user` may read its outcomes and scores (objectives.visibility)."""
        return visibility.review_is_visible(self.review_or_none, user)

    @property
    def state(self):
        return self.state_on()

    @property
    def length_in_days(self):
        return (self.end_date - self.start_date).days + 1

    @property
    def middle_day(self):
        """A day of this quarter for hints ("e.g. 1/12/2021"): its middle."""
        return self.start_date + datetime.timedelta(days=self.length_in_days // 2)

    def has_started(self, today=None):
        return (today or timezone.localdate()) >= self.start_date

    def has_ended(self, today=None):
        return (today or timezone.localdate()) > self.end_date

    def is_running_on(self, day):
        return self.start_date <= day <= self.end_date

    def expected_progress(self, day):
        """Percent progress expected by `day` if work went evenly across the quarter."""
        return expected_progress(self.start_date, self.end_date, day)

    def days_left(self, today=None):
        """Days left including today; 0 once the quarter has ended."""
        today = today or timezone.localdate()
        if today > self.end_date:
            return 0
        return (self.end_date - max(today, self.start_date)).days + 1
