"""Signing in and out, choosing a password (from an invitation or a reset), and where each
person lands afterwards."""

from allauth.socialaccount.providers.openid_connect import views as openid_connect
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.generic import UpdateView, View

from . import council_sign_in
from .access import Rule, declares
from .forms import AddressForm, ChoosePasswordForm, SignInForm, YourNameForm
from .roles import Role, role_of


def after_sign_in(user, url):
    """`url`, or first the page asking their name while their account has none."""
    if user.first_name.strip() or user.last_name.strip():
        return url
    return f"{reverse('accounts:your-name')}?{urlencode({'next': url})}"


def landing_url(user):
    """Borough officers land on their borough's page; LOTI staff and anyone who owns a key
    result on My key results; everyone else on the dashboard."""
    role = role_of(user)
    if role is Role.OFFICER:
        return reverse("objectives:my-borough")
    if role is Role.STAFF or user.owned_key_results.exists():
        return reverse("objectives:my-key-results")
    return reverse("objectives:home")


def safe_next(request, wanted):
    """`wanted` if it is a page of this site, else ""."""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else ""


class SignInView(auth_views.LoginView):
    """The e-mail address first: an address of a council whose Microsoft sign-in is set up goes
    to that council's sign-in; any other is asked for its password on the next page."""

    access = Rule.SIGN_IN

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if "password" in request.POST:
            return super().post(request, *args, **kwargs)
        form = AddressForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, asking_for="address"))
        address = form.cleaned_data["username"]
        council = council_sign_in.council_for(address)
        person = council_sign_in.person_with(address)
        if council is not None and (person is None or not person.is_superuser):
            wanted = safe_next(request, self.get_redirect_url())
            landing = reverse("accounts:signed-in")
            next_url = f"{landing}?{urlencode({'next': wanted})}" if wanted else landing
            return council_sign_in.start(request, council, address, next_url)
        password_form = self.get_form_class()(request, initial={"username": address})
        context = self.get_context_data(form=password_form, asking_for="password")
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        asking_for = "password" if self.request.method == "POST" else "address"
        kwargs.setdefault("asking_for", asking_for)
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **response_kwargs):
        """The form may lead to a council's sign-in page: browsers hold a form's redirects to
        the page's CSP `form-action`, so the tenants' origins are named there."""
        response = super().render_to_response(context, **response_kwargs)
        origins = council_sign_in.sign_in_origins()
        return csp_update({"form-action": origins})(lambda: response)() if origins else response

    def get_default_redirect_url(self):
        """Where the person lands (`landing_url`), unless `?next=` says otherwise."""
        return landing_url(self.request.user)

    def get_success_url(self):
        return after_sign_in(self.request.user, super().get_success_url())


class SignedInView(View):
    """Where a council sign-in comes back to: on to `?next=` or the person's landing page,
    asking their name first if their account has none."""

    access = Rule.OWN_PAGE

    def get(self, request):
        wanted = safe_next(request, request.GET.get("next", ""))
        return redirect(after_sign_in(request.user, wanted or landing_url(request.user)))


@declares(Rule.COUNCIL_CALLBACK)
def council_callback(request, provider_id):
    """django-allauth's OpenID Connect callback, the only one of its pages mounted here."""
    return openid_connect.callback(request, provider_id)


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST from the header's button, never a link a page could trigger."""

    access = Rule.SIGNED_IN

    next_page = "objectives:home"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Choosing a password from an invitation's or a reset's link: then the person is signed
    in and lands on their own page. A used or expired link says so, and how to get another."""

    access = Rule.LINK_IN_MESSAGE

    template_name = "accounts/set_password.html"
    form_class = ChoosePasswordForm
    post_reset_login = True
    post_reset_login_backend = "accounts.backends.RoleAwareModelBackend"
    success_url = reverse_lazy("objectives:home")

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = 400  # the link is bad input; the page says what to do
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password is set and you are signed in.")
        response["Location"] = after_sign_in(form.user, landing_url(form.user))
        return response


class YourNameView(UpdateView):
    """Asked at sign-in of anyone whose account has no name; then on to where they were going."""

    access = Rule.OWN_PAGE

    template_name = "accounts/your_name.html"
    form_class = YourNameForm

    def get_object(self, queryset=None):
        return self.request.user

    def next_url(self):
        wanted = self.request.POST.get("next") or self.request.GET.get("next", "")
        return safe_next(self.request, wanted) or landing_url(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)

    def get_success_url(self):
        messages.success(self.request, "Thank you: your name is saved.")
        return self.next_url()
