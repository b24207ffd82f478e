# expected output written by hand
# Preemption (off by default): with micro_thread.set_preemption(seconds), a
# micro_thread that runs past its time slice without waiting is switched out at a
# backward jump, so two CPU-bound micro_threads both make progress; atomic() still
# holds, and with preemption off a spinning micro_thread keeps the CPU until it waits.
import time
import micro_thread
from micro_thread import start_in_parallel

micro_thread.set_watchdog(None)  # long runs here are on purpose
progress = {"a": 0, "b": 0}


def crunch(me, other, n):
    """Count to n; note whether the other one moved while this one ran."""
    seen_other_move = False
    start = progress[other]
    for i in range(n):
        progress[me] = i
        if progress[other] != start:
            seen_other_move = True
    return seen_other_move


def race(n):
    progress["a"] = progress["b"] = 0
    ta = start_in_parallel(crunch, "a", "b", n)
    tb = start_in_parallel(crunch, "b", "a", n)
    return ta.wait(), tb.wait()


print("default slice:", micro_thread.set_preemption(None))
print("cooperative: a saw b move, b saw a move:", race(300_000))

print("previous slice:", micro_thread.set_preemption(0.001))
print("preemptive: a saw b move, b saw a move:", race(800_000))

# atomic() is honoured: nothing switches inside it, preemption or not.
shared = {"ticks": 0}


def ticker(n):
    for i in range(n):
        shared["ticks"] += 1


def critical(n):
    with micro_thread.atomic():
        before = shared["ticks"]
        for i in range(n):
            pass
        return shared["ticks"] == before


t1 = start_in_parallel(ticker, 800_000)
t2 = start_in_parallel(critical, 800_000)
time.sleep(0)
print("atomic held:", t2.wait())
t1.wait()
print("ticks:", shared["ticks"])

# Off again; the running micro_thread reports its state.
print("previous slice:", micro_thread.set_preemption(0))
print("state of the running one:", micro_thread.current().state)
