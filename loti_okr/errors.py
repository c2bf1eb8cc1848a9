"""Site-wide error views. A view that refuses bad input raises Django's `BadRequest` with a
message for the person who sent it; the 400 page shows it."""

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.shortcuts import render


def bad_request(request, exception=None):
    """The 400 page, saying what was wrong when the view said so in a `BadRequest`."""
    if isinstance(exception, BadRequest):
        message = str(exception)
    elif isinstance(exception, RequestDataTooBig):
        message = "What you sent is too large. Shorten it and try again."
    else:
        message = ""
    return render(request, "400.html", {"message": message}, status=400)


def csrf_failure(request, reason=""):
    """The 403 page for a form sent without a valid CSRF token (an old tab, say)."""
    return render(request, "403_csrf.html", status=403)
