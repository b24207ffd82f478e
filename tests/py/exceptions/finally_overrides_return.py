# A job runner whose cleanup code decides the control flow: a `finally` that runs for a
# pending `return` and then says `continue`, `break` or `return` discards the value
# being returned (the loop goes on, ends, or returns something else).
import contextlib

JOBS = ["fetch", "skip:parse", "fetch", "halt:store", "index"]
log = []


@contextlib.contextmanager
def session(name):
    log.append("open " + name)
    yield name
    log.append("close " + name)


def first_done(jobs):
    """Returns the first job, unless the cleanup vetoes it with `continue`."""
    for i, job in enumerate(jobs):
        try:
            return (i, job)
        finally:
            if job.startswith("skip:"):
                continue
            if job.startswith("halt:"):
                break
            log.append("cleanup " + job)
            continue
    return ("none", len(log))


def vetoed(jobs):
    """Every return is vetoed; the loop ends normally."""
    kept = []
    for job in jobs:
        try:
            try:
                kept.append(job)
                return job
            finally:
                try:
                    1 / 0
                finally:
                    log.append("inner " + job)
                    continue
        finally:
            log.append("outer " + job)
    return kept


def replaced(jobs):
    while True:
        try:
            return "first"
        finally:
            return "second: " + jobs[0]


def in_session(jobs):
    for job in jobs:
        with session(job):
            try:
                return "returned " + job
            finally:
                if job != "index":
                    continue
    return "no session returned"


def nested_loops(jobs):
    found = []
    for a in jobs[:2]:
        for b in jobs[2:]:
            try:
                return a + "/" + b
            finally:
                found.append(a + "/" + b)
                if b != "index":
                    continue
                break
    return found


def gen(jobs):
    for job in jobs:
        try:
            yield job
            return "stopped"
        finally:
            continue


print(first_done(JOBS))
print(first_done(["skip:a", "skip:b"]))
print(first_done(["halt:x"]))
print(vetoed(JOBS[:3]))
print(replaced(JOBS))
print(in_session(JOBS))
print(nested_loops(JOBS))
print(list(gen(JOBS)))
for line in log:
    print(" ", line)
