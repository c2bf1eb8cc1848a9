"""What people report on key results: check-ins (progress) and borough officers' updates."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from accounts.audit import audit_records
from core.text import PlainTextModel

from .. import visibility
from ..choices import Confidence, Status


class CheckInQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-date", "-recorded_at", "-pk")

    def for_quarter(self, quarter):
        return self.filter(key_result__quarter=quarter)

    def in_order_made(self):
        return self.order_by("date", "recorded_at", "pk")

    def sample(self):
        return self.filter(is_sample=True)

    def visible_to(self, user):
        """The check-ins `user` may see (objectives.visibility)."""
        return visibility.visible_check_ins(self, user)

    def counted(self):
        """Check-ins that count: every one but those voided as recorded in error."""
        return self.filter(voided_at__isnull=True)

    def with_notes_shown(self, *, include_internal):
        """Annotate `shown_note`, `shown_evidence_label`, `shown_evidence_url` and `note_withheld`:
        an internal note and its evidence are blank unless the reader may see internal notes.
        Pages and exports read these, never the raw fields."""
        fields = ("note", "evidence_label", "evidence_url")
        if include_internal:
            return self.annotate(
                note_withheld=Value(False), **{f"shown_{name}": F(name) for name in fields}
            )
        return self.annotate(
            note_withheld=F("is_internal"),
            **{
                f"shown_{name}": Case(
                    When(is_internal=True, then=Value("")),
                    default=F(name),
                    output_field=models.TextField(),
                )
                for name in fields
            },
        )


class CheckIn(PlainTextModel, models.Model):
    """A progress update on a key result. Check-ins are added, never edited or deleted."""

    NO_CHANGE_NOTE = "No change."  # `record_no_change` writes it: the last values again

    key_result = models.ForeignKey(
        "objectives.KeyResult", on_delete=models.PROTECT, related_name="check_ins"
    )
    date = models.DateField(default=timezone.localdate, help_text="The day the update describes.")
    status = models.CharField(max_length=20, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(
        "progress (%)", validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    confidence = models.CharField(
        max_length=10,
        choices=Confidence.choices,
        default=Confidence.MEDIUM,
        help_text="How sure you are that the key result will be met this quarter.",
    )
    note = models.TextField(blank=True, max_length=5000)
    evidence_label = models.CharField(
        max_length=200, blank=True, help_text='What the link shows, e.g. "Published guide".'
    )
    evidence_url = models.URLField(
        "evidence link", max_length=500, blank=True, help_text="A report, guide or recording."
    )
    is_internal = models.BooleanField(
        "internal note",
        default=False,
        help_text="Show the note and evidence only to LOTI staff and managers.",
    )
    is_sample = models.BooleanField(
        "sample data",
        default=False,
        editable=False,
        help_text="Made up by seed_demo_progress to show the pictures; not real progress.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Who recorded it stays on the record: someone who leaves is deactivated, not deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="check_ins",
        editable=False,
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # A check-in recorded in error is voided, never edited: it stays, and leaves every figure.
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voided_check_ins",
        editable=False,
    )
    void_reason = models.CharField(max_length=500, blank=True, editable=False)

    objects = CheckInQuerySet.as_manager()
    history = audit_records()

    class Meta:
        ordering = ["-date", "-recorded_at", "-pk"]
        verbose_name = "check-in"
        permissions = [("view_internal_notes", "Can read check-in notes marked internal")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="progress_is_a_percentage"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.COMPLETE) | Q(progress=100),
                name="complete_is_100_percent",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.NOT_STARTED) | Q(progress=0),
                name="not_started_is_0_percent",
            ),
        ]
        indexes = [models.Index(fields=["key_result", "-date", "-recorded_at"])]

    def __str__(self):
        return f"{self.key_result.reference} on {self.date:%-d %b %Y}: {self.get_status_display()}"

    def get_absolute_url(self):
        return self.key_result.get_absolute_url() + f"#check-in-{self.pk}"

    @property
    def status_choice(self):
        return Status(self.status)

    @property
    def says_no_change(self):
        """Recorded with "No change" (My key results): the digest says so, not a new status."""
        return self.note == self.NO_CHANGE_NOTE


class BoroughUpdateQuerySet(models.QuerySet):
    def shown(self):
        """Updates pages and exports show: all but those their authors withdrew."""
        return self.filter(withdrawn_at__isnull=True)


class BoroughUpdate(PlainTextModel, models.Model):
    """A borough officer's short news on a key result their borough takes part in. Its author
    may correct or withdraw it; the history keeps every version."""

    key_result = models.ForeignKey(
        "objectives.KeyResult", on_delete=models.PROTECT, related_name="borough_updates"
    )
    borough = models.ForeignKey(
        "boroughs.Borough", on_delete=models.PROTECT, related_name="updates"
    )
    text = models.TextField(max_length=2000)
    link = models.URLField(max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="borough_updates",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = audit_records()

    objects = BoroughUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.borough} on {self.key_result.reference}, {self.created_at:%-d %b %Y}"

    def get_absolute_url(self):
        return self.key_result.get_absolute_url() + f"#borough-update-{self.pk}"
