"""``{% part "name" argument=value … %}``: a part of the page declared by an app (see
``newsroom.caching.parts``), kept between requests."""

from django import template
from django.template.base import token_kwargs

from newsroom.caching import parts

register = template.Library()


class PartNode(template.Node):
    def __init__(self, name, arguments):
        self.name, self.arguments = name, arguments

    def render(self, context):
        arguments = {key: value.resolve(context) for key, value in self.arguments.items()}
        return parts.render(self.name.resolve(context), context.get("request"), arguments)


@register.tag
def part(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% part %} needs a name.")
    rest = bits[1:]
    arguments = token_kwargs(rest, parser)
    if rest:
        raise template.TemplateSyntaxError("{% part %} takes a name, then key=value pairs.")
    return PartNode(parser.compile_filter(bits[0]), arguments)
