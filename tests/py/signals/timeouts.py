"""A timeout decorator built on SIGALRM and setitimer, as command-line tools write
it: slow work (a computation, a sleep) is cut short by the handler's exception,
fast work is not, and the timer is cleared either way."""
import functools
import signal
import time


class Timeout(Exception):
    pass


def timeout(seconds):
    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            def expired(signum, frame):
                where = frame.f_code.co_name if frame else "?"
                raise Timeout(f"{f.__name__} took longer than {seconds}s (in {where})")
            old = signal.signal(signal.SIGALRM, expired)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                return f(*args, **kwargs)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
        return wrapper
    return decorate


@timeout(0.05)
def count_forever():
    n = 0
    while True:
        n += 1


@timeout(0.05)
def nap(seconds):
    time.sleep(seconds)
    return "rested"


@timeout(1.0)
def quick(x):
    return x * 2


for job, args in [(count_forever, ()), (nap, (5,)), (nap, (0.001,)), (quick, (21,))]:
    start = time.monotonic()
    try:
        print(job.__name__, "->", job(*args))
    except Timeout as e:
        print(job.__name__, "timed out:", e)
    print("  did not run on:", time.monotonic() - start < 4.0)

print("timer cleared:", signal.getitimer(signal.ITIMER_REAL))
print("handler restored:", signal.getsignal(signal.SIGALRM))

# A handler that returns lets the interrupted sleep go on to its end (PEP 475).
ticks = []
signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.02, 0.02)
start = time.monotonic()
time.sleep(0.15)
signal.setitimer(signal.ITIMER_REAL, 0)
print("slept in full:", time.monotonic() - start >= 0.149, "ticks:", len(ticks) >= 1)

# pause() returns once a handler has run.
signal.setitimer(signal.ITIMER_REAL, 0.02)
n = len(ticks)
signal.pause()
print("pause returned after a tick:", len(ticks) == n + 1)

# alarm() counts whole seconds and returns what was left of the previous one.
print("alarm:", signal.alarm(10), signal.alarm(0))
try:
    signal.setitimer(signal.ITIMER_REAL, -1)
except signal.ItimerError as e:
    print("ItimerError:", e, isinstance(e, OSError))
try:
    signal.setitimer(signal.ITIMER_REAL, "1")
except TypeError as e:
    print("TypeError:", e)
