"""The demo's topics (see ``demo.day``)."""


def seed(now, users):
    return {}
