# A paginated API client: results come one record at a time from iterators written in
# Python whose __next__ asks the API (ask(): a round trip to a server micro_thread
# under pyvm), from iterables whose __iter__ is a generator that pauses, and from
# plain generators that wait. The built-ins that drain them (list, tuple, set, dict,
# sum, min, max, sorted, zip, enumerate, str.join, ...) run in several client
# micro_threads at once; results are printed afterwards, in client order.
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap

DATA = {
    "users": [5, 3, 9, 1, 7],
    "orders": [20, 10, 30],
    "empty": [],
    "tags": [2, 2, 8, 4, 2, 6],
}


class Cursor:
    """An iterator over one endpoint: each __next__ is a request."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.position = 0

    def __iter__(self):
        pause()
        return self

    def __next__(self):
        records = DATA[self.endpoint]
        if ask(self.position) >= len(records):
            raise StopIteration
        self.position += 1
        return records[self.position - 1]


class Endpoint:
    """An iterable: each iter() starts a new walk, a generator that pauses."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def __iter__(self):
        for record in DATA[self.endpoint]:
            nap()
            yield record


def fetch(endpoint):
    """A generator that waits for every record."""
    for i, record in enumerate(DATA[endpoint]):
        yield ask(record)


def drain(endpoint):
    c, e, g = (lambda: Cursor(endpoint)), (lambda: Endpoint(endpoint)), (lambda: fetch(endpoint))
    return [
        ("list", attempt(lambda: (list(c()), list(e()), list(g())))),
        ("tuple", attempt(lambda: (tuple(c()), tuple(e()), tuple(g())))),
        ("set", attempt(lambda: (sorted(set(c())), len(set(e())), sorted(set(g()))))),
        ("frozenset", attempt(lambda: len(frozenset(c())) + len(frozenset(g())))),
        ("sum", attempt(lambda: (sum(c()), sum(e()), sum(g(), 100)))),
        ("min", attempt(lambda: (min(c(), default=None), min(e(), default=-1), min(g(), default=0)))),
        ("max", attempt(lambda: (max(c(), default=None), max(e(), default=-1), max(g(), default=0)))),
        ("sorted", attempt(lambda: (sorted(c()), sorted(e(), reverse=True), sorted(g())))),
        ("zip", attempt(lambda: list(zip(c(), e(), g())))),
        ("zip with a list", attempt(lambda: list(zip("abc", c())))),
        ("enumerate", attempt(lambda: (list(enumerate(c())), list(enumerate(g(), 1))))),
        ("dict of pairs", attempt(lambda: dict(zip(g(), e())))),
        ("dict of a generator", attempt(lambda: dict((x, -x) for x in c()))),
        ("join", attempt(lambda: "/".join(map(str, c())) + "|" + ",".join(str(x) for x in g()))),
        ("join of str items", attempt(lambda: "-".join(x for x in (str(r) for r in e())))),
        ("any/all", attempt(lambda: (any(x > 6 for x in c()), all(g()), any(e())))),
        ("in", attempt(lambda: (3 in Cursor(endpoint), 4 in Endpoint(endpoint), 30 in fetch(endpoint)))),
        ("map/filter", attempt(lambda: (list(map(lambda x: x * 2, c())),
                                        list(filter(lambda x: x % 2, g()))))),
        ("reversed(list())", attempt(lambda: list(reversed(list(e()))))),
        ("list.extend", attempt(lambda: (lambda acc: (acc.extend(c()), acc.extend(g()), acc)[2])([0]))),
        ("bytes", attempt(lambda: bytes(g()))),
        ("next()", attempt(lambda: (next(iter(c()), "none"), next(g(), "none")))),
        ("iter() twice", attempt(lambda: (lambda it: (next(it, None), list(it)))(iter(Cursor(endpoint))))),
    ]


for endpoint, thread in zip(DATA, spawn_all(drain, list(DATA))):
    print("endpoint", endpoint)
    rows = outcome(thread)
    if isinstance(rows, str):
        print("  failed:", rows)
        continue
    for what, value in rows:
        print("  %-20s %s" % (what + ":", value))
