"""A person's own API tokens, on their account: make one (shown once), see and revoke theirs."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, View

from accounts.access import Rule
from core.text import refuse_line_breaks

from .models import ApiToken


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        help_text="What it is for, so you know which to revoke, e.g. “Power BI board pack”",
        error_messages={"required": "Enter a name for the token"},
        validators=[refuse_line_breaks],
    )
    can_write = forms.TypedChoiceField(
        label="What it may do",
        choices=[("no", "Read only"), ("yes", "Read, and record check-ins and updates")],
        coerce=lambda value: value == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label="Days until it stops working",
        min_value=1,
        max_value=366,
        initial=90,
        error_messages={
            "required": "Enter how many days it works",
            "invalid": "Enter a whole number of days",
            "min_value": "Enter at least 1 day",
            "max_value": "Enter at most 366 days",
        },
    )


class TokensView(FormView):
    """The person's tokens, and the form that makes one; a new token is shown on the answer to
    that form, once."""

    access = Rule.OWN_PAGE

    template_name = "api/tokens.html"
    form_class = NewTokenForm

    def get_context_data(self, **kwargs):
        tokens = ApiToken.objects.filter(user=self.request.user).select_related("user")
        return super().get_context_data(tokens=tokens, **kwargs)

    def form_valid(self, form):
        record, token = ApiToken.make(
            user=self.request.user,
            name=form.cleaned_data["name"],
            can_write=form.cleaned_data["can_write"],
            days=form.cleaned_data["days"],
        )
        context = self.get_context_data(form=self.form_class(), new=record, token=token)
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store"  # the one time the token is shown
        return response


class RevokeTokenView(View):
    access = Rule.OWN_PAGE

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        token.revoke()
        messages.success(request, f"“{token.name}” is revoked: it no longer works.")
        return redirect("tokens:list")
