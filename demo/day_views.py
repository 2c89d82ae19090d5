"""The demo's views (see ``demo.day``)."""


def seed(now, users):
    return {}
