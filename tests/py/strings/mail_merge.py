# A mail-merge: letter templates filled with str.format_map from per-customer
# records. Unknown fields show as placeholders (a dict subclass's __missing__),
# settings fall back through layers (a user Mapping), and bad templates are
# reported with CPython's errors.
from collections import ChainMap
from collections.abc import Mapping


class Defaulting(dict):
    def __missing__(self, key):
        return "{" + key + "?}"


class Layers(Mapping):
    """Looks a name up in each layer in turn, counting the lookups."""

    def __init__(self, *layers):
        self.layers = layers
        self.lookups = 0

    def __getitem__(self, key):
        self.lookups += 1
        for layer in self.layers:
            if key in layer:
                return layer[key]
        raise KeyError(key)

    def __iter__(self):
        return iter({k for layer in self.layers for k in layer})

    def __len__(self):
        return len(set(self))


template = "Dear {title} {name},\nyour order #{order[id]} ({order[items]} items) ships {when}.\n"
customers = [
    {"title": "Ms", "name": "Ada", "order": {"id": 17, "items": 3}, "when": "today"},
    {"name": "Bob", "order": {"id": 18, "items": 1}},
]
for c in customers:
    print(template.format_map(Defaulting(c)), end="")

settings = Layers({"width": 8}, {"width": 20, "fill": "*", "label": "total"})
print("[{label:{fill}>{width}}]".format_map(settings), settings.lookups)
print("{currency} {amount:.2f}".format_map(ChainMap({"amount": 12.5}, {"currency": "EUR"})))

for bad, mapping in [("{0}", {}), ("{}", {}), ("{name}", 7), ("{missing}", {}),
                     ("{name.upper}", {"name": 3}), ("{a", {"a": 1})]:
    try:
        print(bad.format_map(mapping))
    except Exception as e:
        print(type(e).__name__, e)
for args in [(), ({}, {})]:
    try:
        "x".format_map(*args)
    except TypeError as e:
        print("TypeError", e)
