# A staged build pipeline on CPython's own `threading` (Lib's threading.py over
# pyvm's native `_thread`): workers meet at a Barrier between stages, a Timer fires
# a deadline, a failing job reaches a custom threading.excepthook, thread-local
# scratch space stays per thread, a BoundedSemaphore limits a shared resource, and
# the program's exit waits for a last non-daemon thread.
import sys
import threading
import time

STAGES = ["fetch", "compile", "link"]
WORKERS = 3

log_lock = threading.Lock()
log = []


def record(*parts):
    with log_lock:
        log.append(" ".join(str(p) for p in parts))


def after_stage():
    # Run by exactly one worker each time the barrier trips.
    record("-- stage done:", STAGES[len([l for l in log if l.startswith("--")])])


barrier = threading.Barrier(WORKERS, action=after_stage)
scratch = threading.local()
results = {}
results_cond = threading.Condition()
linker = threading.BoundedSemaphore(1)
in_linker = [0, 0]          # now, most at once


def worker(wid, units):
    scratch.name = "w%d" % wid
    scratch.done = []
    for stage in STAGES:
        for u in units:
            if stage == "link":
                with linker:
                    in_linker[0] += 1
                    in_linker[1] = max(in_linker[1], in_linker[0])
                    time.sleep(0.001)
                    in_linker[0] -= 1
            scratch.done.append("%s:%s" % (stage, u))
        barrier.wait()
    with results_cond:
        results[scratch.name] = list(scratch.done)
        results_cond.notify_all()


units = {0: ["a", "b"], 1: ["c"], 2: ["d", "e", "f"]}
threads = [threading.Thread(target=worker, args=(i, units[i]), name="builder-%d" % i)
           for i in range(WORKERS)]
for t in threads:
    t.start()
with results_cond:
    ok = results_cond.wait_for(lambda: len(results) == WORKERS, timeout=10)
for t in threads:
    t.join()
print("all results:", ok)
for line in log:
    print(line)
for name in sorted(results):
    print(name, results[name])
print("linker at most", in_linker[1], "at once")
print("main scratch untouched:", not hasattr(scratch, "name"))
print("alive after join:", [t.is_alive() for t in threads])

# A deadline Timer: it fires unless cancelled; a cancelled one never does.
fired = threading.Event()
deadline = threading.Timer(0.02, fired.set)
deadline.start()
print("deadline fired:", fired.wait(5))
cancelled = threading.Timer(5, lambda: print("must not run"))
cancelled.start()
cancelled.cancel()
cancelled.join()
print("cancelled timer finished:", cancelled.finished.is_set())

# Failing jobs: the hook sees the thread and the exception.
failures = []


def hook(args):
    failures.append((args.thread.name, args.exc_type.__name__, str(args.exc_value)))


def job(n):
    if n % 2:
        raise ValueError("job %d is odd" % n)
    return n


old_hook = threading.excepthook
threading.excepthook = hook
jobs = [threading.Thread(target=job, args=(n,), name="job-%d" % n) for n in range(4)]
for j in jobs:
    j.start()
for j in jobs:
    j.join()
threading.excepthook = old_hook
print("failures:", sorted(failures))

# The default hook prints CPython's report on stderr; SystemExit stays silent.
sys.stderr = sys.stdout
t = threading.Thread(target=sys.exit, args=(3,), name="quitter")
t.start()
t.join()
print("SystemExit in a thread is silent")
args = threading.ExceptHookArgs([KeyError, KeyError("k"), None, None])
print(type(args).__name__, args.exc_type.__name__, args.thread)
threading.__excepthook__(threading.ExceptHookArgs(
    [ValueError, ValueError("bad input"), None, threading.current_thread()]))
try:
    threading.__excepthook__((1, 2, 3, 4))
except TypeError as e:
    print("TypeError:", e)
sys.stderr = sys.__stderr__

# A lock factory kept as a class attribute stays a plain function (no `self`).
import _thread


class LockPool:
    new_lock = _thread.allocate_lock
    new_rlock = _thread.RLock

    def make(self):
        return [self.new_lock(), self.new_rlock()]


print("lock pool:", [type(l).__name__ for l in LockPool().make()])

# Semaphore-limited crawlers sharing a counter under an RLock.
count_lock = threading.RLock()
counted = [0]
gate = threading.Semaphore(2)


def crawl(pages):
    with gate:
        for _ in range(pages):
            with count_lock:
                with count_lock:
                    counted[0] += 1


crawlers = [threading.Thread(target=crawl, args=(50,)) for _ in range(4)]
for c in crawlers:
    c.start()
for c in crawlers:
    c.join()
print("pages counted:", counted[0])
print("threads now:", threading.active_count(), threading.current_thread().name,
      threading.main_thread() is threading.current_thread())

# The exit waits for this non-daemon thread; a daemon one is left behind.
threading.Thread(target=lambda: (time.sleep(0.05), print("last writer done")),
                 name="last").start()
threading.Thread(target=lambda: time.sleep(60), daemon=True).start()
print("main done")
