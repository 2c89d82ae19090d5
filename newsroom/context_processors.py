"""Template context every page needs: the site settings and the section menu."""

from articles.navigation import section_tree

from .models import SiteSettings


def site(request):
    def menu_sections():
        # Called by the template only when a page shows the menu: the admin never does.
        return section_tree(request).menu()

    return {"site": SiteSettings.load(), "menu_sections": menu_sections}
