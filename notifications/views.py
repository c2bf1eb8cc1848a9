"""A person's own account page (what they get by e-mail) and the unsubscribe link's page."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from accounts.access import Rule
from accounts.council_sign_in import signs_in_with_council
from accounts.forms import PasswordResetRequestForm
from accounts.people import public_name
from accounts.roles import officer_borough, role_of

from .forms import PreferencesForm
from .invitations import request_password_reset
from .models import SentMessage, preferences_of
from .sending import read_unsubscribe_token


class AccountView(FormView):
    access = Rule.OWN_PAGE

    template_name = "notifications/account.html"
    form_class = PreferencesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": preferences_of(self.request.user)}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            person_name=public_name(user),
            role=role_of(user),
            borough=officer_borough(user),
            council=signs_in_with_council(user),
            **kwargs,
        )

    def form_valid(self, form):
        form.save()
        messages.success(self.request, "Your e-mail choices are saved.")
        return redirect("notifications:account")


STOPPED = {
    SentMessage.Kind.REMINDER: ("reminders", "check-in reminders"),
    SentMessage.Kind.DIGEST: ("digest", "the weekly digest"),
}


@method_decorator(csrf_exempt, name="dispatch")  # the signed token is the credential (RFC 8058)
class UnsubscribeView(TemplateView):
    """GET asks to confirm (mail scanners follow links, and must not unsubscribe anyone);
    POST, from the page's button or a mail client's one-click request, stops the messages."""

    access = Rule.LINK_IN_MESSAGE

    template_name = "notifications/unsubscribe.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        try:
            user_id, kind = read_unsubscribe_token(kwargs["token"])
        except (signing.BadSignature, ValueError, TypeError):
            raise BadRequest(
                "This unsubscribe link is not valid. Copy the whole link from the e-mail, or "
                "choose what we send you on your account page."
            ) from None
        self.person = get_user_model().objects.filter(pk=user_id).first()
        if self.person is None:
            raise BadRequest("This unsubscribe link belongs to an account that no longer exists.")
        self.field, self.what = STOPPED[kind]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("done", False)
        return super().get_context_data(what=self.what, **kwargs)

    def post(self, request, *args, **kwargs):
        preferences = preferences_of(self.person)
        setattr(preferences, self.field, False)
        preferences.save()
        return self.render_to_response(self.get_context_data(done=True))


class PasswordResetRequestView(FormView):
    """ "Forgot your password?": the same answer whether or not the address has an account."""

    access = Rule.OPEN

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm

    def form_valid(self, form):
        request_password_reset(form.cleaned_data["email"])
        return redirect("notifications:password-reset-sent")


class PasswordResetSentView(TemplateView):
    access = Rule.OPEN

    template_name = "accounts/password_reset_sent.html"
