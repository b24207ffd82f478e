# expected output written by hand
# micro_thread.timeout takes its seconds as CPython's lock.acquire(timeout=) does:
# a value that overflows 64-bit nanoseconds is an OverflowError with CPython's
# message (not a TypeError, not a silent "never"), the same one _thread and time
# give; negative, NaN and non-numbers keep micro_thread's own messages; a valid
# timeout still interrupts a micro_thread that sleeps too long.
import _thread
import time
import micro_thread
from micro_thread import start_in_parallel


def check(label, seconds):
    try:
        with micro_thread.timeout(seconds):
            pass
        print(label, "accepted")
    except (OverflowError, ValueError, TypeError) as e:
        print(label, f"{type(e).__name__}: {e}")


for label, seconds in [("2**70", 2**70), ("2**63", 2**63), ("10**12", 10**12),
                       ("1e20", 1e20), ("inf", float("inf")), ("nan", float("nan")),
                       ("-1", -1), ("'3'", "3"), ("0.5", 0.5), ("True", True)]:
    check(label, seconds)


def same_as_lock(seconds):
    errors = []
    for wait in (lambda: _thread.allocate_lock().acquire(timeout=seconds),
                 lambda: time.sleep(seconds)):
        try:
            wait()
        except OverflowError as e:
            errors.append(str(e))
    try:
        with micro_thread.timeout(seconds):
            pass
    except OverflowError as e:
        errors.append(str(e))
    return len(errors), len(set(errors))


print("2**70 everywhere:", same_as_lock(2**70))
print("inf everywhere:", same_as_lock(float("inf")))


def slow_job():
    try:
        with micro_thread.timeout(0.02):
            time.sleep(5)
        return "finished"
    except TimeoutError:
        return "timed out"


print(start_in_parallel(slow_job).wait())
