"""A plan file between its preview and its confirmation, kept here rather than sent back in the
form: whatever previews must import on Confirm, and a form carrying a large file back would
pass the request body limit (DATA_UPLOAD_MAX_MEMORY_SIZE)."""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

KEPT_FOR = datetime.timedelta(days=1)


class CheckedPlanFile(models.Model):
    """A file that passed the check, named by the SHA-256 of its bytes; the confirmation names
    the digest, reads the same bytes, and checks them again (the database may have changed)."""

    digest = models.CharField(max_length=64, primary_key=True)
    content = models.BinaryField()
    file_format = models.CharField(max_length=4)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"plan file {self.digest[:12]}"

    @classmethod
    def keep(cls, content, file_format, uploaded_by):
        """Keep `content` for its confirmation; files older than KEPT_FOR go at the same time."""
        cls.objects.filter(uploaded_at__lt=timezone.now() - KEPT_FOR).delete()
        digest = hashlib.sha256(content).hexdigest()
        cls.objects.update_or_create(
            digest=digest,
            defaults={
                "content": content,
                "file_format": file_format,
                "uploaded_by": uploaded_by,
                "uploaded_at": timezone.now(),
            },
        )
        return digest

    @classmethod
    def kept(cls, digest, uploaded_by):
        """The kept file `uploaded_by` previewed under `digest`, or None (gone, or never)."""
        if not isinstance(digest, str) or len(digest) != 64:
            return None
        return cls.objects.filter(digest=digest, uploaded_by=uploaded_by).first()
