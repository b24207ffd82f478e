"""A job runner that manages the collector as long-running services do: it turns
automatic collection off around a batch, collects explicitly between batches,
tunes the thresholds, and logs collections through `gc.callbacks`."""
import gc


class Job:
    def __init__(self, name, deps=()):
        self.name = name
        self.deps = list(deps)
        self.dependents = []
        for d in self.deps:
            d.dependents.append(self)  # a graph of back links: cycles


def make_batch(n):
    root = Job("setup")
    jobs = [root]
    for i in range(n):
        jobs.append(Job(f"step{i}", [jobs[-1], root]))
    return jobs


events = []


def on_gc(phase, info):
    events.append((phase, sorted(info), info["generation"]))


print("enabled at start:", gc.isenabled())
print("default thresholds:", gc.get_threshold())
old = gc.get_threshold()
gc.set_threshold(1000, 20)
print("after set_threshold(1000, 20):", gc.get_threshold())
gc.set_threshold(*old)

gc.disable()
print("enabled after disable():", gc.isenabled())
gc.collect()
before = gc.get_count()[0]
batch = make_batch(30)
grown = gc.get_count()[0]
print("count grows with new objects:", grown > before)
del batch
gc.callbacks.append(on_gc)
found = gc.collect()
gc.callbacks.remove(on_gc)
print("collected the batch:", found >= 31)
print("count falls with the collection:", gc.get_count()[0] < grown)
print("callback events:", events)
gc.enable()
print("enabled after enable():", gc.isenabled())

# What CPython tracks: containers and instances, not atoms.
job = Job("solo")
for obj in [job, [], [1], {"a": [1]}, {"a": 1}, {}, Job, make_batch, print, 3, "s",
            None, 2.5, b"x", range(3)]:
    print(f"is_tracked({obj!r:.20}):", gc.is_tracked(obj))
print("job among the objects:", any(o is job for o in gc.get_objects()))

for bad in [lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.get_objects(5),
            lambda: gc.set_threshold(), lambda: gc.set_threshold(1, 2, 3, 4),
            lambda: gc.set_threshold("x"), lambda: gc.collect("x")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)

# With automatic collection on, a loop making cyclic garbage stays bounded:
# the objects' finalizers have run for all but the last few without any
# explicit collect.
class Tracker:
    live = 0

    def __init__(self):
        Tracker.live += 1
        self.me = self

    def __del__(self):
        Tracker.live -= 1


for _ in range(20000):
    Tracker()
print("automatic collection kept it bounded:", Tracker.live < 5000)
gc.collect()
print("all reclaimed:", Tracker.live)

# Callbacks run around automatic collections too; one that raises is reported as
# unraisable and the collection goes on.
import sys

phases = []
reported = []


def failing_callback(phase, info):
    phases.append(phase)
    if phase == "stop":
        raise RuntimeError(f"monitor down (collected {info['collected'] >= 0})")


old_hook = sys.unraisablehook
sys.unraisablehook = lambda u: reported.append(f"{u.exc_type.__name__}: {u.exc_value}")
gc.callbacks.append(failing_callback)
for _ in range(5000):
    Tracker()
print("automatic collections called back:", phases[:2], reported[:1])
phases.clear()
reported.clear()
gc.collect()
print("explicit collection called back:", phases, reported)
gc.callbacks.remove(failing_callback)
sys.unraisablehook = old_hook
