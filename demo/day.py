"""The newsroom's day in the demo: each feature seeds its own part (``seed(now, users)``,
idempotent, returning what it created as ``{label: count}``)."""

import importlib

FEATURES = ["breaking", "live", "corrections", "topics", "frontpage", "views", "comments"]


def seed(now, users):
    created = {}
    for feature in FEATURES:
        module = importlib.import_module(f"demo.day_{feature}")
        created.update(module.seed(now, users))
    return created
