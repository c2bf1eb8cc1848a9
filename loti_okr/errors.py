"""Site-wide error handling: input errors whose message is safe to show, and the error views."""

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.shortcuts import render


class InvalidInput(BadRequest):
    """Bad input whose message is safe and useful to show the person who sent it."""


def bad_request(request, exception=None):
    """The 400 page, saying what was wrong when the view said so in an `InvalidInput`."""
    if isinstance(exception, InvalidInput):
        message = str(exception)
    elif isinstance(exception, RequestDataTooBig):
        message = "What you sent is too large. Shorten it and try again."
    else:
        message = ""
    return render(request, "400.html", {"message": message}, status=400)


def csrf_failure(request, reason=""):
    """The 403 page for a form sent without a valid CSRF token (an old tab, say)."""
    return render(request, "403_csrf.html", status=403)
