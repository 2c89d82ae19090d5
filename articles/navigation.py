"""The section tree as the reader's site uses it: the menu, which section an address names,
and which sections' stories a page lists. One query per request, whatever the page."""

from collections import defaultdict

from newsroom import caching
from sections.models import Section


class SectionTree:
    """Every section, loaded once, with parents and children linked in memory so that
    ``get_absolute_url()``, the menu and descendant lookups cost no further query."""

    def __init__(self, sections):
        self.by_id = {section.pk: section for section in sections}
        self.children = defaultdict(list)
        for section in sections:
            section.parent = self.by_id.get(section.parent_id)
            if section.parent_id:
                self.children[section.parent_id].append(section)
        # The tree is kept until a section changes: each address is worked out once, not
        # on every page.
        for section in sections:
            section.known_url = section.get_absolute_url()

    @staticmethod
    def sections():
        return list(Section.objects.order_by("order", "name", "pk"))

    @classmethod
    def load(cls):
        return cls(cls.sections())

    def menu(self):
        """Active top sections shown in the menu, each with ``menu_children``."""
        menu = [
            s for s in self.by_id.values() if s.parent_id is None and s.is_active and s.show_in_menu
        ]
        for section in menu:
            section.menu_children = [
                child
                for child in self.children[section.pk]
                if child.is_active and child.show_in_menu
            ]
        return menu

    def find(self, path):
        """The active section at ``parent-slug/child-slug`` and whether ``path`` is its
        canonical address; ``(None, False)`` when no active section has the last slug."""
        slug = path.strip("/").rsplit("/", 1)[-1]
        for section in self.by_id.values():
            if section.slug == slug and section.is_active:
                return section, section.path() == path.strip("/")
        return None, False

    def descendant_ids(self, section):
        """The section's id and those of every section below it, any depth (inactive ones
        too: their stories stay on the site)."""
        ids, frontier = [], [section.pk]
        while frontier:
            frontier = [pk for pk in frontier if pk not in ids]  # a cycle ends here
            ids.extend(frontier)
            frontier = [child.pk for pk in frontier for child in self.children[pk]]
        return ids

    def root_id(self, section_id):
        """The top-level section a section belongs to."""
        section, steps = self.by_id.get(section_id), len(self.by_id)
        while section is not None and section.parent is not None and steps:
            section, steps = section.parent, steps - 1
        return section.pk if section is not None else None


def section_tree(request=None):
    """The section tree, kept until a section changes, and shared by everything a request
    renders (the view, the menu in the header and footer)."""
    tree = getattr(request, "_section_tree", None)
    if tree is None:
        tree = caching.remember("sections", SectionTree.load, tags=["sections"], ttl=86400)
        if request is not None:
            request._section_tree = tree
    return tree
