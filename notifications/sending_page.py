"""Reminders and the digest from the admin: who would get what and why, one message as it
would read, when each was last sent and to how many, what failed; and a button to send now,
with the same once-a-period rules as the commands (which stay for cron)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from accounts.roles import Role, role_of

from .batch import send_each
from .digest import digest_message, digests_to_send, outgoing_digests
from .models import FailedMessage, SentMessage
from .reminders import outgoing_reminders, reminder_message, reminders_to_send
from .sending import compose

FAILURES_SHOWN_FOR = datetime.timedelta(days=14)


def last_run(kind):
    """(when the last message of `kind` went, how many went that day) or (None, 0)."""
    last = SentMessage.objects.filter(kind=kind).aggregate(last=Max("sent_at"))["last"]
    if last is None:
        return None, 0
    day = timezone.localdate(last)
    return last, SentMessage.objects.filter(kind=kind, sent_at__date=day).count()


def preview(message):
    """One message as its reader would get it: subject and plain text."""
    email = compose(**{key: value for key, value in message.items() if key != "key_results"})
    return {"to": email.to[0], "subject": email.subject, "text": email.body}


def section(kind, label, outgoing, first_message):
    last, count = last_run(kind)
    return {
        "kind": kind,
        "label": label,
        "last_sent_at": last,
        "last_count": count,
        "outgoing": outgoing,
        "preview": preview(first_message) if first_message else None,
        "failures": FailedMessage.objects.filter(
            kind=kind, failed_at__gte=timezone.now() - FAILURES_SHOWN_FOR
        ).select_related("recipient")[:20],
    }


class SendingPages:
    """Mixed into the SentMessage admin: /admin/notifications/sentmessage/send/."""

    def sending_urls(self):
        view = self.admin_site.admin_view(self.sending_view)
        return [path("send/", view, name="notifications_sentmessage_send")]

    def sending_view(self, request):
        if role_of(request.user) is not Role.STAFF:
            raise PermissionDenied("Only LOTI staff send reminders and the digest.")
        if request.method == "POST":
            return self.send_now(request, request.POST.get("kind"))
        reminders = reminders_to_send()
        digests = digests_to_send()
        context = {
            **self.admin_site.each_context(request),
            "title": "Reminders and the digest",
            "opts": self.model._meta,
            "sections": [
                section(
                    SentMessage.Kind.REMINDER,
                    "Check-in reminders",
                    [
                        (r.owner, r.subject, ", ".join(k.reference for k in r.key_results))
                        for r in reminders
                    ],
                    reminder_message(reminders[0]) if reminders else None,
                ),
                section(
                    SentMessage.Kind.DIGEST,
                    "The weekly digest",
                    [(reader, changes.subject, "") for reader, changes in digests],
                    digest_message(*digests[0]) if digests else None,
                ),
            ],
        }
        return TemplateResponse(request, "admin/notifications/sending.html", context)

    def send_now(self, request, kind):
        if kind == SentMessage.Kind.REMINDER:
            run = send_each(outgoing_reminders(), kind)
        elif kind == SentMessage.Kind.DIGEST:
            run = send_each(outgoing_digests(), kind)
        else:
            raise PermissionDenied("Choose reminders or the digest.")
        label = SentMessage.Kind(kind).label.lower()
        sent = len(run.sent)
        self.message_user(
            request,
            f"Sent {sent} {label}{'' if sent == 1 else 's'}."
            + (
                f" {len(run.failed)} could not be sent: "
                + "; ".join(f"{who} ({why})" for who, why in run.failed)
                + ". The next run tries them again."
                if run.failed
                else ""
            ),
            messages.WARNING if run.failed else messages.SUCCESS,
        )
        return redirect("admin:notifications_sentmessage_send")
