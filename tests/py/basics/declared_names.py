# A build-step planner whose functions declare some names before binding them
# (annotations) and record the last step picked by a comprehension into module
# globals, the way PEP 526 and PEP 572 scope them.
import array

steps = ["fetch", "configure", "compile", "test", "package"]
last_long = None
chosen = "none yet"


def plan(skip_tests):
    budget: int  # declared only: a local of plan(), not yet bound
    try:
        print("budget before binding:", budget)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    except NameError as e:
        print("NameError:", e)
    budget = 10
    picked = [s for s in steps if not (skip_tests and s == "test")]
    return budget, picked


def remember_long(limit):
    global last_long
    # The walrus target is the module global `last_long`, as the enclosing
    # function declares it global.
    longs = [last_long := s for s in steps if len(s) > limit]
    return longs


def pick_with_closure(limit):
    found = None

    def scan():
        nonlocal found
        return [found := s for s in steps if len(s) == limit]

    hits = scan()
    return hits, found


class Options:
    verbose: bool  # a class annotation without value: no attribute
    jobs: int = 4


print(plan(False))
print(plan(True)[1])
print(remember_long(6), "last_long =", last_long)
print(pick_with_closure(4))
print("chosen" in globals(), "verbose" in Options.__dict__, Options.jobs)
print(sorted(Options.__annotations__))

# Empty containers are false, arrays among them.
queue = array.array("i")
print("queue empty:", not queue, len(queue))
queue.append(3)
print("queue empty:", not queue, len(queue))
print(bool(array.array("d", [0.0])), bool(array.array("b")))
print(bool(memoryview(b"")), bool(memoryview(b"x")))
