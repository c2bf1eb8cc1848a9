"""`{% only_for people %}...{% endonly_for %}`: a part of a page for some people only."""

from django import template

from .. import personal_parts

register = template.Library()


@register.tag
def only_for(parser, token):
    """Shows its content to the people whose user ids are in `people` (None: to every reader
    of the page). While the page cache shares the page, it marks the content with those ids
    instead, and the cache keeps it for each request of theirs only (accounts/personal_parts.py)."""
    try:
        _, people = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError(
            "only_for takes one argument: the people's ids"
        ) from None
    nodelist = parser.parse(("endonly_for",))
    parser.delete_first_token()
    return OnlyForNode(parser.compile_filter(people), nodelist)


class OnlyForNode(template.Node):
    def __init__(self, people, nodelist):
        self.people = people
        self.nodelist = nodelist

    def render(self, context):
        people = self.people.resolve(context)
        return personal_parts.only_for(
            context.get("request"), people, self.nodelist.render(context)
        )
