"""Template context every page needs: the site settings and the section menu."""

from articles import fragments
from articles.navigation import section_tree

from .models import SiteSettings


def site(request):
    def menu_sections():
        # Called by the template only when a page shows the menu: the admin never does.
        return section_tree(request).menu()

    # A change to the settings starts a new generation; the day is in the name for the
    # masthead that takes effect at midnight.
    site = fragments.remember(
        request, f"site-settings:{fragments.today_key()}", SiteSettings.load, lists=False
    )
    return {"site": site, "menu_sections": menu_sections}
