"""``{% fragment "name" value … %}…{% endfragment %}``: a part of a page kept in the cache
under the content generation (see ``articles.fragments``), one copy per day and per
combination of the values given. Only for parts that do not list stories: they are kept
past the next scheduled story's time."""

from django import template

from articles import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist, self.vary_on = nodelist, vary_on

    def render(self, context):
        name = fragments.fragment_name(*(value.resolve(context) for value in self.vary_on))
        # What these parts show (a story, the menu, the settings of the day) changes only
        # when something is saved: they need not end at the next scheduled story.
        return fragments.remember(
            context.get("request"), name, lambda: self.nodelist.render(context), lists=False
        )


@register.tag
def fragment(parser, token):
    vary_on = token.split_contents()[1:]
    if not vary_on:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in vary_on])
