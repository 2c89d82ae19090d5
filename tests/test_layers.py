"""Dependencies go one way. The apps use the ``newsroom`` framework, never the reverse;
``articles`` uses ``sections`` and ``images``, never the reverse; ``demo`` uses them all and
nothing uses it; no two apps, and no two modules, import each other in a circle (but for
the exceptions named below, which may only go).

The imports are read from the source with ``ast``, late imports inside functions included,
so a circle cannot come back hidden in a function body. A model reached through a relation
(``Image._meta.get_field("used_in_body").related_model``) is not an import, and is the way
a lower layer reaches a higher one when it must."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
# The newsroom's day (banner, live blog, corrections, topics, front pages) sits on articles.
DAY = ("breaking", "live", "corrections", "topics", "frontpage")
# The editor's desk (embeds, galleries, the dashboard's notifications) also sits on articles;
# each of its apps joins this tuple.
DESK = ("galleries", "embeds", "desk", "comments", "wordpress")
# Staff accounts (two-step sign-in, invitations, the admin's language) sit on people.
APPS = ("newsroom", "sections", "images", "people", "accounts", "articles", *DAY, *DESK, "demo")

# What each app must not import: the layers above it.
ABOVE = {
    "newsroom": {"sections", "images", "people", "accounts", "articles", *DAY, *DESK, "demo"},
    "sections": {"people", "accounts", "articles", *DAY, *DESK, "demo"},
    "images": {"people", "accounts", "articles", *DAY, *DESK, "demo"},
    # An author's profile: below the stories that show it.
    "people": {"accounts", "articles", *DAY, *DESK, "demo"},
    "accounts": {"articles", *DAY, *DESK, "demo"},
    "articles": {*DAY, *DESK, "demo"},
    **{app: {"demo"} for app in (*DAY, *DESK)},
}

# The imports that break the rules, each named: (importing module, app it imports). The
# list can only shrink: a test fails when one of them has gone, so that its entry goes too.
ALLOWED = {
    # The root URLconf wires the apps' feeds and sitemaps into the site: by Django's design
    # it is the one framework module that sits above the apps.
    ("newsroom.urls", "articles"),
}

# Modules of one app that import each other in a circle today, named so that the list can
# only shrink. The image pipeline's: renditions imports models and validation late, inside
# functions; validation imports renditions and models imports both at the top.
CIRCLES_ALLOWED = ["images.models", "images.renditions", "images.validation"]


def module_name(path):
    parts = path.relative_to(BASE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for app in APPS for path in sorted((BASE / app).rglob("*.py"))}


def imported_names(path):
    """Everything ``path`` imports, as absolute dotted names (``from a import b`` gives
    ``a.b``, a module or a name in one)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:  # relative: from the package, or level - 1 packages above it
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                origin = f"{base}.{origin}" if origin else base
            yield from (f"{origin}.{alias.name}" for alias in node.names)


def our_module(name):
    """The module of ours that ``name`` is or lies in; None for anyone else's."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


IMPORTS = {module: set(imported_names(path)) for module, path in MODULES.items()}


def app_of(name):
    return name.split(".")[0]


def cross_app_imports():
    """``{(importing module, imported app): imported names}`` for the imports from one of
    our apps into another."""
    found = defaultdict(set)
    for module, names in IMPORTS.items():
        for name in names:
            if app_of(name) in APPS and app_of(name) != app_of(module):
                found[module, app_of(name)].add(name)
    return found


CROSS_APP = cross_app_imports()


def in_a_circle(graph):
    """The nodes of ``graph`` ({node: {nodes it leads to}}) from which a path leads back."""

    def reachable(start):
        seen, todo = set(), list(graph.get(start, ()))
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return seen

    return sorted(node for node in graph if node in reachable(node))


def test_every_app_is_read():
    # A new app of ours takes its place in APPS and ABOVE before it can pass.
    assert set(APPS) == {app for app in settings.INSTALLED_APPS if (BASE / app).is_dir()}
    assert {app_of(module) for module in MODULES} == set(APPS)
    assert "images.models" in MODULES and "demo.management.commands.seed_demo" in MODULES
    assert "articles.models.Article" in IMPORTS["demo.management.commands.seed_demo"]


@pytest.mark.parametrize("app", ABOVE)
def test_no_import_runs_up_from(app):
    upward = sorted(
        f"{importer} imports {name}"
        for (importer, target), names in CROSS_APP.items()
        if app_of(importer) == app and target in ABOVE[app] and (importer, target) not in ALLOWED
        for name in names
    )
    assert not upward, "an import from a lower layer up: " + "; ".join(upward)


def test_no_two_apps_import_each_other_in_a_circle():
    graph = defaultdict(set)
    for importer, target in CROSS_APP.keys() - ALLOWED:
        graph[app_of(importer)].add(target)
    assert not in_a_circle(graph)


def test_no_two_modules_import_each_other_in_a_circle():
    graph = {
        module: {our_module(name) for name in names} - {None, module}
        for module, names in IMPORTS.items()
    }
    # Equal, not a subset: a circle untangled is struck from CIRCLES_ALLOWED.
    assert in_a_circle(graph) == CIRCLES_ALLOWED


@pytest.mark.parametrize("allowed", sorted(ALLOWED))
def test_every_allowed_exception_is_still_needed(allowed):
    # Once the import has gone, strike it from ALLOWED so that it cannot come back.
    assert allowed in CROSS_APP
