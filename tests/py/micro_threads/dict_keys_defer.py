# expected output written by hand
# Dict lookups defer inside a key's __hash__ and __eq__: a user directory keyed by
# Handle objects whose hash and equality ask a resolver micro_thread, over micro_pipes,
# for the canonical name. Every ask suspends only the asking micro_thread (the
# resolver runs meanwhile), and each lookup resumes where it stopped. The order is
# fixed by the pipes, not by timing.
from micro_thread import micro_pipe, start_and_forget, start_in_parallel

requests = micro_pipe()
replies = micro_pipe()


def resolver():
    for who, name in requests:
        print("  resolver:", who, name)
        replies.put(name.strip().lower())


def canonical(who, name):
    requests.put((who, name))     # waits for the resolver to take it
    return next(replies)          # waits for its answer


class Handle:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(canonical("hash", self.name))

    def __eq__(self, other):
        if not isinstance(other, Handle):
            return NotImplemented
        return canonical("eq", self.name) == canonical("eq", other.name)

    def __repr__(self):
        return "Handle(%r)" % self.name


start_and_forget(resolver)

directory = {}
print("store")
directory[Handle("Ada ")] = "admin"
print("get:", directory[Handle("ADA")])
print("in:", Handle(" ada") in directory, "/ not in:", Handle("bob") not in directory)
print("get method:", directory.get(Handle("Ada")))
print("setdefault:", directory.setdefault(Handle("Bob"), "guest"))
print("pop:", directory.pop(Handle("BOB")))
try:
    directory[Handle("eve")]
except KeyError as e:
    print("KeyError:", e)
print("comprehension:", {Handle(n): len(n) for n in ["Cy", "cy "]})
del directory[Handle(" ADA ")]
print("after del:", directory)


# Two micro_threads looking up at once: each waits inside __eq__ in turn.
shared = {Handle("Ann"): 1}


def reader(label, name):
    print(label, "looks up", name)
    return shared.get(Handle(name), "missing")


a = start_in_parallel(reader, "a", "ANN")
b = start_in_parallel(reader, "b", "zed")
print("results:", a.wait(), b.wait())
requests.close()


# Another micro_thread changes the dict while a lookup waits inside __eq__. An entry
# removed meanwhile is passed over; removing the very key being compared makes the
# lookup start again (CPython's rules for a dict changed under a lookup).
gate = micro_pipe()


class Slow:
    waits = False                       # only the lookups under test wait

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 1

    def __eq__(self, other):
        if Slow.waits:
            print("  eq", self.n, other.n)
            next(gate)                  # wait for the other micro_thread's go
        return self.n == other.n


table = {Slow(1): "one", Slow(2): "two", Slow(3): "three"}


def pop_last():
    print("  meddler pops", table.popitem()[0].n)
    gate.put("go")
    gate.put("go")


start_and_forget(pop_last)
Slow.waits = True
print("get 3:", table.get(Slow(3)), len(table))

Slow.waits = False
first = Slow(1)
table = {first: "one", Slow(2): "two"}
Slow.waits = True


def delete_first():
    del table[first]                    # found by identity: no __eq__ call
    print("  meddler deleted 1")
    gate.put("go")
    gate.put("go")


start_and_forget(delete_first)
print("get 2:", table[Slow(2)], len(table))
