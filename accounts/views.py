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
        """Borough officers land on their borough's page; LOTI staff and anyone who owns a key
        result on My key results; managers who own nothing on the dashboard. (`?next=` wins.)"""
        user = self.request.user
        role = role_of(user)
        if role is Role.OFFICER:
            return reverse("objectives:my-borough")
        if role is Role.STAFF or user.owned_key_results.exists():
            return reverse("objectives:my-key-results")
        return super().get_default_redirect_url()


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST from the header's button, never a link a page could trigger."""

    next_page = "objectives:home"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response
