"""The desk in the admin's pages: its panels on the home page, its counts in the header."""

from django import template

from desk import panels

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_panels(context):
    return panels.for_user(context["request"].user)


@register.inclusion_tag("desk/counts.html", takes_context=True)
def desk_counts(context):
    return {"counts": panels.counts(context["request"].user)}
