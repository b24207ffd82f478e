# A profiler's clock probe: it reads each POSIX clock by id (time.clock_gettime,
# clock_gettime_ns, clock_getres), checks the clocks against the time module's
# own functions, and reports the errors CPython reports for a bad clock id.
import time

CLOCKS = ["CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
          "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_BOOTTIME", "CLOCK_TAI"]

for name in CLOCKS:
    cid = getattr(time, name)
    t = time.clock_gettime(cid)
    n = time.clock_gettime_ns(cid)
    res = time.clock_getres(cid)
    print(name, cid, type(t).__name__, type(n).__name__, t >= 0, 0 < res <= 1.0)


class ClockId(int):
    """A clock id from the profiler's configuration (an int subclass)."""


# Monotonic readings never go back, whichever way the id is given.
ids = (time.CLOCK_MONOTONIC, ClockId(time.CLOCK_MONOTONIC), True)
readings = [time.clock_gettime(i) for i in ids for _ in range(3)]
print("monotonic ordered", all(a <= b for a, b in zip(readings[:3], readings[1:3])))
wall = time.clock_gettime(time.CLOCK_REALTIME)
print("realtime near time()", abs(wall - time.time()) < 5)
ns = time.clock_gettime_ns(time.CLOCK_REALTIME)
print("ns near time_ns()", abs(ns - time.time_ns()) < 5_000_000_000)


def probe(gen):
    """Read every clock id a generator yields, reporting the bad ones."""
    for cid in gen:
        try:
            time.clock_gettime(cid)
            print(cid, "ok")
        except OSError as e:
            print(cid, type(e).__name__, e.errno, e.strerror)
        except (TypeError, OverflowError) as e:
            print(repr(cid), type(e).__name__, e)


probe(c for c in (0, 99, -5, 2**40, "1", 1.0))
for bad in ((time.CLOCK_MONOTONIC, 0), ):
    try:
        time.clock_settime(*bad)
    except OSError as e:
        print("settime monotonic:", type(e).__name__, e.errno)
