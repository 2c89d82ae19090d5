"""The desk in the admin's pages: its panels on the home page, its counts in the header."""

from django import template

from .. import panels as desk_panels_module

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_panels(context):
    return desk_panels_module.for_user(context["request"].user)


@register.inclusion_tag("desk/counts.html", takes_context=True)
def desk_counts(context):
    request = context["request"]
    return {"counts": desk_panels_module.counts(request.user)}
