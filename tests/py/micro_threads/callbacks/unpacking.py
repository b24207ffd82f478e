# A record parser that unpacks its fields straight from streams: every record arrives
# as a one-pass stream of fields (pipe_of(): a micro_pipe fed by a micro_thread that
# sleeps before each field under pyvm), and assignment unpacking, starred targets,
# f(*stream), [*stream], (*stream,), {*stream}, `in` and print(*stream) must see every
# field in order. Generators and iterator classes that wait are unpacked the same way.
# Several records are parsed at once, one micro_thread each; results are printed in
# record order.
from mtcompat import spawn_all, outcome, attempt, pipe_of, ask, pause

RECORDS = [
    ["ann", 31, "oslo", "admin"],
    ["bob", 17, "rome", "guest"],
    ["cid", 45, "lima", "owner"],
    ["dee", 22, "kyiv", "guest"],
]


def fields(record):
    return pipe_of(record)


def slow_fields(record):
    for field in record:
        yield ask(field)


class FieldReader:
    def __init__(self, record):
        self.record = list(record)

    def __iter__(self):
        return self

    def __next__(self):
        pause()
        if not self.record:
            raise StopIteration
        return self.record.pop(0)


def describe(name, age, city="?", role="?", *extra, **opts):
    return "%s (%d) from %s as %s%s%s" % (name, age, city, role,
                                          " +%d" % len(extra) if extra else "",
                                          " " + ",".join(sorted(opts)) if opts else "")


def four(stream):
    name, age, city, role = stream
    return name, age, city, role


def head_tail(stream):
    first, *rest = stream
    return first, rest


def init_last(stream):
    *init, last = stream
    return init, last


def middle(stream):
    first, *mid, last = stream
    return first, mid, last


def nested(stream_of_streams):
    (a, b), (c, *d) = stream_of_streams
    return a, b, c, d


def parse(record):
    rows = []
    for label, make in (("pipe", fields), ("generator", slow_fields), ("iterator", FieldReader)):
        rows += [
            (label + ": a, b, c, d =", attempt(four, make(record))),
            (label + ": a, *b =", attempt(head_tail, make(record))),
            (label + ": *a, b =", attempt(init_last, make(record))),
            (label + ": a, *b, c =", attempt(middle, make(record))),
            (label + ": f(*s)", attempt(lambda: describe(*make(record)))),
            (label + ": f(x, *s, y, **kw)", attempt(lambda: describe(*make(record), "x", "y", vip=1))),
            (label + ": [*s]", attempt(lambda: [*make(record)])),
            (label + ": [*s, *s]", attempt(lambda: [*make(record), *make(record[:2])])),
            (label + ": (*s,)", attempt(lambda: (*make(record),))),
            (label + ": {*s}", attempt(lambda: sorted({*make(record)}, key=str))),
            (label + ": {**dict(zip())}", attempt(lambda: {**dict(zip("nacr", make(record)))})),
            (label + ": in / not in", attempt(lambda: (record[2] in make(record), "x" not in make(record)))),
            (label + ": max(*s)", attempt(lambda: max(*make([f for f in record if isinstance(f, str)])))),
        ]
    rows.append(("nested", attempt(nested, pipe_of([fields(record[:2]), slow_fields(record[2:])]))))
    rows.append(("for a, b in pairs", attempt(lambda: [b for a, b in pipe_of(zip(record, record[1:]))])))
    rows.append(("zip(*rows)", attempt(lambda: list(zip(*pipe_of([record, record[::-1]]))))))
    return rows


for record, thread in zip(RECORDS, spawn_all(parse, RECORDS)):
    print("record", record[0])
    rows = outcome(thread)
    if isinstance(rows, str):
        print("  failed:", rows)
        continue
    for what, value in rows:
        print("  %-35s %s" % (what + ":", value))


# The main micro_thread prints streams itself.
try:
    print(*fields(RECORDS[0]))
    print(*slow_fields(RECORDS[1]), sep=" | ")
    print(*FieldReader(RECORDS[2]), *fields(RECORDS[3]), sep=",", end=".\n")
except Exception as e:
    print("failed:", type(e).__name__, e)
