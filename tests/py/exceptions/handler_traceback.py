# An error reporter that records each failure once: it keys its records on the
# traceback object, which sys.exc_info() and the exception's __traceback__ share
# while the exception is handled; re-raising in an inner handler keeps the same
# one; a traceback kept by a caller stays the same object until the exception
# travels further.
import sys

seen = {}


def report(where):
    etype, exc, tb = sys.exc_info()
    first = id(tb) not in seen
    seen.setdefault(id(tb), (tb, where))
    print(where, etype.__name__, exc.__traceback__ is tb, "new" if first else "already reported")


def parse(text):
    try:
        return int(text)
    except ValueError:
        report("parse")
        try:
            raise
        except ValueError as again:
            print("inner handler sees the same traceback:", again.__traceback__ is sys.exc_info()[2])
            report("parse-inner")
        raise


def load(lines):
    total = 0
    for line in lines:
        try:
            total += parse(line)
        except ValueError as e:
            kept = e.__traceback__
            print("kept is current:", kept is sys.exc_info()[2], "depth", len_tb(kept))
            report("load")
    return total


def len_tb(tb):
    n = 0
    while tb is not None:
        n += 1
        tb = tb.tb_next
    return n


print(load(["1", "x", "2"]))
print(len(seen))
