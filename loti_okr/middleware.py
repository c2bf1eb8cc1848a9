"""Site-wide checks of what a request sends, before any view reads it."""

from django.core.exceptions import BadRequest

from api.problems import problem_response
from core.text import problem_with


class RefuseControlCharactersMiddleware:
    """Every form, admin form and query string at once: a value (or name) holding a control
    character is refused with 400 and a sentence naming the field, before any view stores or
    looks it up (core/text.py says why)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if problem := self.problem(request):
            sentence = problem[0].upper() + problem[1:] + ". Nothing was saved."
            if request.path.startswith("/api/"):
                return problem_response(400, sentence)
            raise BadRequest(sentence)
        return self.get_response(request)

    @staticmethod
    def problem(request):
        if problem := problem_with(request.path, "The address"):
            return problem
        data = [request.GET]
        if request.method == "POST":
            data.append(request.POST)
        for values in data:
            for name, value_list in values.lists():
                if problem := problem_with(name, "The name of a field"):
                    return problem
                for value in value_list:  # as forms read it: \x1c-\x1f at either end are spaces
                    if problem := problem_with(value.strip(), f"“{name[:40]}”"):
                        return problem
        return None
