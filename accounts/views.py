"""Signing in and out; where each role lands after signing in."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse

from .forms import SignInForm
from .roles import Role, role_of


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Borough officers land on their borough's page; everyone else on the dashboard."""
        if role_of(self.request.user) is Role.OFFICER:
            return reverse("objectives:my-borough")
        return super().get_default_redirect_url()


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST from the header's button, never a link a page could trigger."""

    next_page = "objectives:home"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response
