# A project planner whose call-backs wait in the deepest ways: a sort key that itself
# sorts and maps with call-backs that wait, a key that waits on a helper micro_thread
# (thread.wait()), a __repr__ that reprs a list of objects whose __repr__ waits, a
# json default= that calls json.dumps with its own waiting default=, and long sorts
# (hundreds of items, so the sort merges runs) whose every key or comparison waits.
# Five planners run at once, one micro_thread each; results are printed in order.
import functools
import json
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap, delegate, pipe_of

PROJECTS = {
    "bridge": {"steel": [5, 3], "paint": [1], "bolts": [2, 2, 2], "survey": [8]},
    "tunnel": {"drill": [9, 9], "pumps": [4], "lights": [1, 1]},
    "tower": {"glass": [3], "lifts": [7, 1], "crane": [6], "roof": [2, 5]},
    "road": {"tar": [1, 1, 1, 1]},
    "dam": {"gates": [8, 2], "turbines": [9], "fish ladder": [3, 3]},
}


def effort(hours):
    return ask(hours)


def weight(task, plan):
    """A task's weight: its hours sorted by a key that waits, summed through a map
    whose function waits on a helper micro_thread."""
    hours = sorted(plan[task], key=lambda h: -effort(h))
    return sum(map(lambda h: delegate(lambda: h * len(task)), hours)), hours[0]


class Task:
    def __init__(self, name, hours):
        self.name = name
        self.hours = hours

    def __repr__(self):
        return ask(self.name, lambda n: "Task(%s)" % n)

    def __lt__(self, other):
        return delegate(lambda: (sum(self.hours), self.name)) < (sum(other.hours), other.name)

    def __eq__(self, other):
        return isinstance(other, Task) and ask(self.name) == other.name

    __hash__ = None


class Milestone:
    def __init__(self, tasks):
        self.tasks = tasks

    def __repr__(self):
        nap()
        return "Milestone(%s)" % repr(self.tasks)       # reprs that wait, inside a repr


def encode_task(task):
    return {"name": ask(task.name), "hours": json.dumps(task.hours, default=str)}


def encode(obj):
    if isinstance(obj, Milestone):
        # a default= that calls json.dumps with its own default= that waits
        return json.loads(json.dumps(obj.tasks, default=encode_task))
    raise TypeError(type(obj).__name__)


def plan(project):
    tasks = PROJECTS[project]
    objs = [Task(n, h) for n, h in tasks.items()]
    return [
        ("order by weight", attempt(sorted, tasks, key=lambda t: weight(t, tasks))),
        ("heaviest", attempt(max, tasks, key=lambda t: weight(t, tasks))),
        ("weights", attempt(lambda: [weight(t, tasks)[0] for t in sorted(tasks)])),
        ("key waits on a thread", attempt(sorted, tasks, key=lambda t: delegate(len, t))),
        ("filter waits on a thread", attempt(lambda: list(filter(lambda t: delegate(lambda: len(tasks[t]) > 1), tasks)))),
        ("reduce waits on a thread", attempt(functools.reduce, lambda a, t: a + delegate(sum, tasks[t]), tasks, 0)),
        ("tasks sorted (__lt__)", attempt(sorted, objs)),
        ("index (__eq__)", attempt(objs.index, Task(objs[-1].name, []))),
        ("milestone repr", attempt(repr, Milestone(objs[:2]))),
        ("milestones in a list", attempt(repr, [Milestone(objs[:1]), Milestone([])])),
        ("json of a milestone", attempt(json.dumps, {"m": Milestone(objs[-1:])}, default=encode)),
        ("key reads a stream", attempt(sorted, tasks, key=lambda t: -sum(pipe_of(tasks[t])))),
        ("map in a key in a map", attempt(lambda: list(map(lambda t: max(map(effort, tasks[t])), tasks)))),
    ]


for project, thread in zip(PROJECTS, spawn_all(plan, list(PROJECTS))):
    print("project", project)
    rows = outcome(thread)
    if isinstance(rows, str):
        print("  failed:", rows)
        continue
    for what, value in rows:
        print("  %-26s %s" % (what + ":", value))


# Long sorts: every key and every comparison waits, the input is long enough for the
# sort to build and merge runs, and equal keys keep their input order (stability).
def numbers(seed, n):
    x = seed
    out = []
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 1000)
    return out


class Slow:
    def __init__(self, v, i):
        self.v = v
        self.i = i

    def __lt__(self, other):
        pause()
        return self.v < other.v


def digest(values):
    return functools.reduce(lambda h, v: (h * 31 + v) % 1000003, values, 7)


def long_sorts(seed):
    data = numbers(seed, 300)
    by_key = attempt(lambda: sorted(range(300), key=lambda i: (pause(), data[i] % 10)[1]))
    expect_key = sorted(range(300), key=lambda i: data[i] % 10)
    objs = [Slow(v % 50, i) for i, v in enumerate(data[:200])]
    by_lt = attempt(lambda: [o.i for o in sorted(objs)])
    expect_lt = [o.i for o in sorted(objs, key=lambda o: o.v)]
    in_place = list(data)
    attempt(in_place.sort, key=lambda v: -ask(v), reverse=True)
    return [
        ("sorted(key=) stable", by_key == expect_key, attempt(digest, by_key)),
        ("sorted() by __lt__, stable", by_lt == expect_lt, attempt(digest, by_lt)),
        ("list.sort(key=, reverse=)", in_place == sorted(data), digest(in_place)),
        ("min/max(key=)", attempt(lambda: (min(data, key=lambda v: (pause(), v)[1]),
                                           max(data, key=lambda v: ask(v))))),
        ("max() by __lt__", attempt(lambda: max(objs).v)),
    ]


for seed, thread in zip(range(5), spawn_all(long_sorts, list(range(5)))):
    rows = outcome(thread)
    if isinstance(rows, str):
        print("seed", seed, "failed:", rows)
        continue
    for row in rows:
        print("seed", seed, *row)
