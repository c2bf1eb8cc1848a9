"""How the API answers when something is wrong (RFC 9457 problem details, with a sentence a
person can act on), which answers every operation declares, and `ETag`s on reads."""

import functools
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid

from objectives.models import DataVersion

from .auth import NeedsWriteToken, TooManyCalls
from .schemas import Problem

PROBLEM_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    413: "Content too large",
    422: "Unprocessable content",
    429: "Too many requests",
}


class NoSuchFilterValue(Exception):
    """A filter names a workstream, borough or partner there is none of (or none you may see)."""

    def __init__(self, errors):
        self.errors = errors


def declared(*statuses, write=False):
    """The answers an operation may give, for its OpenAPI description: `statuses`, and every
    problem (409 and 413 only where it writes)."""
    problems = [400, 401, 403, 404, 422, 429] + ([409, 413] if write else [])
    return dict.fromkeys(statuses) | dict.fromkeys(problems, Problem)


def problem_response(status, detail, errors=None, headers=None):
    """A problem details answer: what went wrong, in a sentence a person can act on."""
    body = {"type": "about:blank", "title": TITLES[status], "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_errors(error):
    """A Django ValidationError's messages by field ("" for the whole)."""
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {"": list(error.messages)}


def request_errors(error):
    """ninja's request validation errors by where they were: `body.note`, `query.page`..."""
    found = {}
    for item in error.errors:
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "payload")
        found.setdefault(where or "request", []).append(item.get("msg", "not valid"))
    return found


def install(api):
    """Every refusal the API can give, as problem details."""

    @api.exception_handler(AuthenticationError)
    def unauthorised(request, error):
        return problem_response(
            401,
            "Send a working API token as `Authorization: Bearer TOKEN`: make one on your "
            "account page. Revoked and expired tokens, and those of switched-off accounts, "
            "do not work.",
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    @api.exception_handler(TooManyCalls)
    def too_many(request, error):
        return problem_response(
            429,
            f"This token made more than {settings.API_CALLS_PER_MINUTE} calls this minute: "
            f"wait {error.retry_after} seconds.",
            headers={"Retry-After": str(error.retry_after)},
        )

    @api.exception_handler(NeedsWriteToken)
    def read_only(request, error):
        return problem_response(
            403, "This token is read-only: make a read-and-write token to record."
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request, error):
        return problem_response(403, str(error) or "You may not do this.")

    @api.exception_handler(Http404)
    def not_found(request, error):
        return problem_response(404, "There is no such thing, or it is not for you to see.")

    @api.exception_handler(RequestInvalid)
    def invalid_request(request, error):
        return problem_response(422, "Some values are not valid.", errors=request_errors(error))

    @api.exception_handler(NoSuchFilterValue)
    def no_such_value(request, error):
        return problem_response(
            404,
            "A filter names something there is none of: use the slugs /workstreams, "
            "/boroughs and /partners list.",
            errors=error.errors,
        )

    @api.exception_handler(ValidationError)
    def refused(request, error):
        """The request is well formed, but the key result's state refuses it (a date outside
        its quarter, a change without a note...): the same rules and words as the site."""
        return problem_response(409, "The tracker's rules refuse this.", errors=field_errors(error))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, error):
        return problem_response(
            413,
            f"Send at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.",
        )

    @api.exception_handler(HttpError)
    def other(request, error):
        status = error.status_code if error.status_code in TITLES else 400
        return problem_response(status, str(error))


def etag(read):
    """Answer `If-None-Match` with 304 while nothing changed: the tag is the data version, the
    reader (their role and borough decide what they see) and the address."""

    @functools.wraps(read)
    def answer(request, *args, **kwargs):
        user = request.user
        seed = f"{DataVersion.current()}:{user.pk}:{request.get_full_path()}"
        tag = f'"{hashlib.sha256(seed.encode()).hexdigest()[:32]}"'
        if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponse(status=304)
            response["ETag"] = tag
            return response
        result = read(request, *args, **kwargs)
        request.api_etag = tag  # TrackerAPI.create_response sends it
        return result

    return answer
