# expected output written by hand
# itertools iterators over sources that suspend the micro_thread: a sensor feed
# arrives on a micro_pipe and through a generator that sleeps between readings;
# chain, islice, pairwise, accumulate, groupby, zip_longest, takewhile and a
# subclass of chain read them while suspended and give the same values as over
# plain lists.
import itertools
import time
from micro_thread import start_in_parallel, micro_pipe

READINGS = [3, 3, 5, 8, 8, 8, 2, 9]


def slow_feed(values, delay=0.002):
    for v in values:
        time.sleep(delay)
        yield v


def pipe_feed(values):
    pipe = micro_pipe()

    def writer():
        for v in values:
            time.sleep(0.001)
            pipe.put(v)
        pipe.close()

    start_in_parallel(writer)
    return pipe


class Tagged(itertools.chain):
    def __next__(self):
        return ("tag", super().__next__())


def analyse(source_of):
    out = {}
    out["chain"] = list(itertools.chain(source_of(READINGS[:3]), source_of(READINGS[3:])))
    out["islice"] = list(itertools.islice(source_of(READINGS), 1, 7, 2))
    out["pairwise"] = list(itertools.pairwise(source_of(READINGS[:4])))
    out["accumulate"] = list(itertools.accumulate(source_of(READINGS), max))
    out["groupby"] = [(k, len(list(g))) for k, g in itertools.groupby(source_of(READINGS))]
    out["zip_longest"] = list(itertools.zip_longest(source_of("ab"), source_of("xyz"), fillvalue="-"))
    out["takewhile"] = list(itertools.takewhile(lambda v: v < 8, source_of(READINGS)))
    out["from_iterable"] = list(itertools.chain.from_iterable(source_of([source_of("pq"), "r"])))
    out["subclass"] = list(Tagged(source_of([1, 2])))
    out["starmap"] = list(itertools.starmap(pow, source_of([(2, 3), (3, 2)])))
    return out


expected = analyse(iter)
for name, source in [("sleeping generator", slow_feed), ("micro_pipe", pipe_feed)]:
    got = start_in_parallel(lambda: analyse(source)).wait()
    print(name, got == expected)
    for key in expected:
        if got[key] != expected[key]:
            print("  differs:", key, got[key], expected[key])
for key, value in expected.items():
    print(key, value)
