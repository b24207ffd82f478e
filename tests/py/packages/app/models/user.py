# helper module: a model using a helper two levels up
from ..util import slugify


class User:
    def __init__(self, name):
        self.name = name
        self.slug = slugify(name)

    def __repr__(self):
        return f"User({self.name!r}, slug={self.slug!r})"
