# A job scheduler whose queues and results decide `not`, `and` and `or` through
# their own __len__ and __bool__ (run as frames of the interpreter loop in pyvm).
import time


class JobQueue:
    def __init__(self, name, jobs=()):
        self.name = name
        self.jobs = list(jobs)
        self.asked = 0

    def __len__(self):
        self.asked += 1
        return len(self.jobs)

    def __repr__(self):
        return f"JobQueue({self.name!r}, {len(self.jobs)} jobs)"


class Result:
    def __init__(self, ok, value=None):
        self.ok = ok
        self.value = value

    def __bool__(self):
        # Waiting inside __bool__ must give the right answer too.
        time.sleep(0.0005)
        return self.ok

    def __repr__(self):
        return f"Result({self.ok}, {self.value!r})"


class Priority(int):
    pass


class BadBool:
    def __bool__(self):
        return 1


class BadLen:
    def __len__(self):
        return -1


class RaisingBool:
    def __bool__(self):
        raise RuntimeError("state unknown")


def next_queue(urgent, normal, idle):
    # `or` returns the first non-empty queue, `and` the second operand.
    return urgent or normal or idle


def describe(results):
    lines = []
    for r in results:
        status = "failed" if not r else "ok"
        detail = r and r.value or "-"
        lines.append(f"{status:6} {detail}")
    return lines


def run():
    urgent, normal, idle = JobQueue("urgent"), JobQueue("normal", ["a", "b"]), JobQueue("idle", ["z"])
    print(next_queue(urgent, normal, idle))
    normal.jobs.clear()
    print(next_queue(urgent, normal, idle))
    print(not urgent, not idle, urgent and idle, idle and urgent)
    print("asked", urgent.asked, normal.asked, idle.asked)

    results = [Result(True, 42), Result(False, "timeout"), Result(True, 0), Result(True, "")]
    print("\n".join(describe(results)))
    print(all(not not r for r in results[:1]), [bool(r) for r in results])

    for p in (Priority(0), Priority(5)):
        print(type(p).__name__, not p, p and "set", p or "unset")

    for bad in (BadBool(), BadLen(), RaisingBool()):
        for label, f in (("not", lambda: not bad), ("and", lambda: bad and 1), ("or", lambda: bad or 1)):
            try:
                print(label, f())
            except (TypeError, ValueError, RuntimeError) as e:
                print(label, type(e).__name__, e)

    def pick(items):
        for i, q in enumerate(items):
            yield q or JobQueue(f"fallback{i}", [i])

    print([q.name for q in pick([urgent, idle, normal])])
    # Chained: the operand of `and` stays in place while __len__ runs.
    stack = [idle and normal and urgent, normal or idle and urgent, not (idle and normal)]
    print(stack)


run()
