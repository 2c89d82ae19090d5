"""Template context of the reader's pages: the section menu."""

from .navigation import section_tree


def menu(request):
    def menu_sections():
        # Called by the template only when a page shows the menu: the admin never does.
        return section_tree(request).menu()

    return {"menu_sections": menu_sections}
