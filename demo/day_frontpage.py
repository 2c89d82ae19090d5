"""The demo's frontpage (see ``demo.day``)."""


def seed(now, users):
    return {}
