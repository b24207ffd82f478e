# A log-shipping pipeline built from delegating generators: shutting it down
# (close, or throwing GeneratorExit in) must reach every stage, including a
# hand-written batching iterator with its own close().


class Batcher:
    """An iterator (not a generator) that a stage delegates to."""

    def __init__(self, lines):
        self.lines = iter(lines)
        self.closed = False

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.lines)

    def close(self):
        self.closed = True
        print("batcher flushed and closed")


def reader(lines, log):
    try:
        for line in lines:
            yield line.upper()
    except GeneratorExit:
        log.append("reader saw GeneratorExit")
        raise
    finally:
        log.append("reader finally")


def shipper(lines, log):
    try:
        yield from reader(lines, log)
    except GeneratorExit:
        log.append("shipper saw GeneratorExit")
    yield "shipper: draining"


log = []
g = shipper(["a", "b", "c"], log)
print(next(g))
print(g.throw(GeneratorExit))
print(log)

log = []
g = shipper(["x"], log)
print(next(g))
print(g.throw(GeneratorExit()))
print(log)


def batching_stage(b):
    yield from b


b = Batcher(["one", "two"])
g = batching_stage(b)
print(next(g))
g.close()
print("closed:", b.closed)


class Failing(Batcher):
    def close(self):
        raise ValueError("cannot flush")


g = batching_stage(Failing(["one"]))
print(next(g))
try:
    g.close()
except ValueError as e:
    print("close raised", e)
