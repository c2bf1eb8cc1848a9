"""Key results and the querysets pages read them by (their parts: key_result_parts.py)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from accounts import people
from accounts.audit import audit_records
from core.text import PlainTextModel

from .. import visibility
from ..choices import Confidence, Status
from ..pace import pace_of
from ..verdicts import assess
from .check_ins import CheckIn
from .key_result_parts import BoroughParticipation, PartnerInvolvement
from .quarters import Quarter


def _latest_check_ins(as_of=None):
    """The outer key result's check-ins up to `as_of` (all if None), latest first (subqueries)."""
    check_ins = CheckIn.objects.counted().filter(key_result=OuterRef("pk"))
    if as_of is not None:
        check_ins = check_ins.filter(date__lte=as_of)
    return check_ins.latest_first()


def active_owners():
    """Owners as pages show them: people whose accounts still work (else none), by name."""
    return Prefetch(
        "owners",
        queryset=get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username"),
    )


def names_borough(borough):
    """Whether the outer key result names `borough` (an EXISTS, so no row is repeated)."""
    return Exists(BoroughParticipation.objects.filter(key_result=OuterRef("pk"), borough=borough))


class KeyResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The key results `user` may see (objectives.visibility)."""
        return visibility.visible_key_results(self, user)

    def in_published_quarters(self):
        return self.filter(quarter__published_at__isnull=False)

    def for_quarter(self, quarter):
        return self.filter(quarter=quarter)

    def for_workstream(self, workstream):
        return self.filter(workstream=workstream)

    def for_borough(self, borough):
        """Key results that name the borough (not those merely open to all boroughs)."""
        return self.filter(names_borough(borough))

    def for_partner(self, partner):
        """Key results that name the partner organisation."""
        return self.filter(
            Exists(PartnerInvolvement.objects.filter(key_result=OuterRef("pk"), partner=partner))
        )

    def owned_by(self, user):
        return self.filter(owners=user)

    def with_owner_history(self):
        """Annotate `has_had_owners`: whether anyone, even someone since deactivated, owns it.
        With the active owners prefetched, this tells "left without an owner" from "never had
        one" at no cost of a query."""
        owned = KeyResult.owners.through.objects.filter(keyresult=OuterRef("pk"))
        return self.annotate(has_had_owners=Exists(owned))

    def open_to_all_boroughs(self):
        return self.filter(open_to_all_boroughs=True)

    def with_progress(self, as_of=None):
        """Annotate each key result with its latest check-in: the status and progress it shows.

        With `as_of`, only check-ins dated on or before that day count, which rebuilds the
        key result exactly as its record stood then. A key result with no check-in shows the
        status the plan gave it and its starting progress (0%, or where its original ended).
        """
        latest = _latest_check_ins(as_of)

        def latest_value(field):
            return Subquery(latest.values(field)[:1])

        return self.annotate(
            current_status=Coalesce(latest_value("status"), F("starting_status")),
            current_progress=Coalesce(latest_value("progress"), F("starting_progress")),
            current_confidence=latest_value("confidence"),
            last_checked_in_on=latest_value("date"),
            last_recorded_at=latest_value("recorded_at"),
            latest_is_sample=latest_value("is_sample"),
        )

    def with_latest_note(self, as_of=None, *, include_internal=False):
        """The latest note and evidence as this reader may see them (`with_notes_shown`)."""
        latest = _latest_check_ins(as_of).with_notes_shown(include_internal=include_internal)

        def shown(field):
            return Subquery(latest.values(f"shown_{field}")[:1])

        return self.annotate(
            last_note=shown("note"),
            last_evidence_label=shown("evidence_label"),
            last_evidence_url=shown("evidence_url"),
        )

    def can_be_carried_over(self):
        """Unfinished key results not yet carried over (`KeyResult.carry_over_refusal` for one)."""
        return (
            self.with_progress()
            .exclude(current_status__in=Status.finished())
            .filter(carried_over_to__isnull=True)
        )

    def to_carry_over_unless_told(self):
        """What roll-over ticks first: what can be, unless the review says achieved or dropped."""
        return self.can_be_carried_over().exclude(outcome__outcome__in=["achieved", "dropped"])

    def search(self, text):
        words = text.split()
        query = Q()
        for word in words:
            query &= (
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(named_people__icontains=word)
            )
        return self.filter(query)

    def for_listing(self, as_of=None):
        """Everything a table of key results shows, in one query."""
        return self.with_progress(as_of=as_of).listed().select_related("quarter")

    def listed(self, *, owners=True):
        """What a table of key results shows but their latest check-in: for a reader that
        reads the check-ins anyway and gives each key result its latest
        (`KeyResult.show_latest_check_in`), without six correlated subqueries to compile.
        Without `owners`, the reader names them with `selectors.give_owner_names`; it gives each key
        result its quarter too, which a reader of one quarter has."""
        listed = self.select_related("workstream", "carried_over_to__quarter").order_by("number")
        if owners:
            return listed.with_owner_history().prefetch_related(active_owners())
        return listed

    def for_export(self, as_of=None, *, include_internal=False):
        """A listing with the latest note, boroughs and partners, in four queries."""
        return (
            self.for_listing(as_of=as_of)
            .with_latest_note(as_of=as_of, include_internal=include_internal)
            .prefetch_related("boroughs", "partners")
        )

    def get_by_natural_key(self, quarter_slug, number):
        return self.get(quarter__slug=quarter_slug, number=number)


class KeyResult(PlainTextModel, models.Model):
    """One numbered commitment in a quarter's plan, such as "Y3 Q2 KR 17"."""

    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="key_results")
    workstream = models.ForeignKey(
        "workstreams.Workstream", on_delete=models.PROTECT, related_name="key_results"
    )
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, max_length=10000)
    starting_status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NOT_STARTED,
        help_text="The status the published plan gives; shown until the first check-in.",
    )
    starting_progress = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Progress shown until the first check-in: 0 for a new key result; for one "
        "carried over, the progress its original ended with.",
    )
    open_to_all_boroughs = models.BooleanField(
        default=False, help_text="The plan opens this to every LOTI borough."
    )
    named_people = models.CharField(
        max_length=300, blank=True, help_text="People the plan names, with their role."
    )
    dependencies = models.TextField(
        blank=True, max_length=2000, help_text="What the plan says this depends on, in its words."
    )
    boroughs = models.ManyToManyField(
        "boroughs.Borough", through="BoroughParticipation", related_name="key_results"
    )
    partners = models.ManyToManyField(
        "partners.Partner", through="PartnerInvolvement", related_name="key_results"
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_key_results",
        help_text="LOTI staff or managers who answer for this key result and record its "
        "check-ins. The people the plan names stay as they are.",
    )
    carried_over_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_over_to",
        help_text="The unfinished key result of an earlier quarter that this one continues.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one at every save, so two people editing at once cannot overwrite "
        "each other.",
    )

    objects = KeyResultQuerySet.as_manager()
    history = audit_records(excluded_fields=["updated_at"], m2m_fields=["owners"])

    class Meta:
        ordering = ["quarter", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "number"], name="one_key_result_per_number_per_quarter"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="key_result_number_positive"),
            models.CheckConstraint(
                condition=Q(starting_progress__lte=100), name="starting_progress_at_most_100"
            ),
        ]

    def __str__(self):
        """ "Year 3 Q2 KR 17: title": two quarters' KR 17 never read alike (admin lists, select
        boxes, the history). Lists select the quarter with the key result."""
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        kwargs = {"slug": self.quarter.slug, "number": self.number}
        return reverse("objectives:key-result-detail", kwargs=kwargs)

    def natural_key(self):
        return (*self.quarter.natural_key(), self.number)

    natural_key.dependencies = ["objectives.quarter"]

    @property
    def reference(self):
        return f"{self.quarter} KR {self.number}"

    # A check-in's values that `show_latest_check_in` reads, in this order (values_list).
    LATEST_CHECK_IN_FIELDS = (
        "key_result_id",
        "date",
        "status",
        "progress",
        "confidence",
        "recorded_at",
        "is_sample",
    )

    def show_latest_check_in(self, values):
        """Show the check-in whose LATEST_CHECK_IN_FIELDS are `values` (None: no check-in yet)
        as its latest: what `with_progress()` annotates, read from check-ins in hand."""
        if values is None:
            values = (self.pk, None, None, None, None, None, None)
        _, date, status, progress, confidence, recorded_at, is_sample = values
        self.current_status = status or self.starting_status
        self.current_progress = self.starting_progress if progress is None else progress
        self.current_confidence = confidence
        self.last_checked_in_on = date
        self.last_recorded_at = recorded_at
        self.latest_is_sample = is_sample

    def _latest(self, annotation, field, default):
        """A value of the latest check-in, from `with_progress()`'s annotation when there is one."""
        value = getattr(self, annotation, None)
        if value is None:
            value = self.check_ins.latest_first().values_list(field, flat=True).first()
        return default if value is None else value

    @property
    def status(self):
        return Status(self._latest("current_status", "status", self.starting_status))

    @property
    def progress(self):
        return self._latest("current_progress", "progress", self.starting_progress)

    @property
    def confidence(self):
        value = getattr(self, "current_confidence", None)
        return Confidence(value) if value else None

    def pace_on(self, day):
        """Pace against the calendar on `day`; None for a dropped key result."""
        if self.status == Status.DROPPED:
            return None
        return pace_of(self.progress, self.quarter.expected_progress(day))

    def assessment_on(self, day):
        """Its one verdict on `day`, with the reason (see `objectives.verdicts`)."""
        return assess(
            self.status,
            self.progress,
            self.pace_on(day),
            self.quarter.expected_progress(day),
            is_over=day > self.quarter.end_date,
        )

    @cached_property
    def assessment(self):
        """Its verdict today; a page reading another day sets it (`summaries.mark_as_of`)."""
        return self.assessment_on(timezone.localdate())

    @property
    def verdict(self):
        return self.assessment.verdict

    @cached_property
    def owner_name_list(self):
        """Its active owners' names, as every page and export names them: from the prefetched
        owners (`active_owners`), or as a reading gave them (`selectors.give_owner_names`)."""
        return [people.public_name(owner) for owner in self.owners.all() if owner.is_active]

    @property
    def owner_names(self):
        """`owner_name_list` in a line: "Ada Lovelace, Grace Hopper" ("" for none)."""
        return ", ".join(self.owner_name_list)

    def is_stale_on(self, day, stale_after_days):
        """No check-in for `stale_after_days` while the quarter runs (counting from its start)."""
        if not self.quarter.is_running_on(day) or self.status in Status.finished():
            return False
        last = self.last_checked_in_on or self.quarter.start_date
        return (day - last).days >= stale_after_days

    def is_due_on(self, day):
        """Due a check-in: the stale rule (no check-in for STALE_AFTER_DAYS while the quarter
        runs), one definition for My key results, the stale flag and reminders."""
        return self.is_stale_on(day, settings.STALE_AFTER_DAYS)

    @property
    def is_left_unowned(self):
        """Unfinished, and everyone who owned it has been deactivated: someone must take it.
        (A key result that never had an owner is not flagged: the plan may not name one.)"""
        had_owners = getattr(self, "has_had_owners", None)
        if had_owners is None:
            had_owners = self.owners.through.objects.filter(keyresult=self).exists()
        return had_owners and not self.owner_names and self.status not in Status.finished()

    def carried_into_as_seen_by(self, user):
        """The key result this one was carried into, unless `user` may not see its quarter."""
        onward = getattr(self, "carried_over_to", None)
        if onward is None or not onward.quarter.is_visible_to(user):
            return None
        return onward

    def names_borough(self, borough):
        """Whether the plan names `borough` in this key result (its officers may post here);
        reads prefetched participations when the page has them."""
        if borough is None:
            return False
        return any(p.borough_id == borough.pk for p in self.participations.all())

    def carry_over_refusal(self):
        """Why it cannot be carried over, or None: `can_be_carried_over` for one key result."""
        if self.status in Status.finished():
            return f"{self.reference} is {self.status.label.lower()}"
        if KeyResult.objects.filter(carried_over_from=self).exists():
            return f"{self.reference} has already been carried over"
        return None

    def lineage_as_seen_by(self, user):
        """`lineage`, without the steps in quarters `user` may not see."""
        return [step for step in self.lineage() if step.quarter.is_visible_to(user)]

    def lineage(self):
        """This key result and those it continues or is continued by, earliest quarter first."""
        chain = [self]
        while chain[0].carried_over_from_id:
            chain.insert(0, chain[0].carried_over_from)
        following = chain[-1]
        while (following := getattr(following, "carried_over_to", None)) is not None:
            chain.append(following)
        return chain
