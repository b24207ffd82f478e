"""A batch job with a hard deadline: SIGALRM's handler raises, and the traceback
shows where the job was (waiting in a sleep, or computing) and the handler's frame."""
import signal
import time
import traceback


class DeadlineExceeded(RuntimeError):
    pass


def on_alarm(signum, frame):
    raise DeadlineExceeded(f"deadline passed ({signal.Signals(signum).name})")


def fetch():
    time.sleep(2)


def crunch():
    total = 0
    while True:
        total += 1


signal.signal(signal.SIGALRM, on_alarm)
for step in (fetch, crunch):
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        step()
    except DeadlineExceeded:
        lines = traceback.format_exc().splitlines()
        print(step.__name__, "->", [l.strip() for l in lines if l.strip().startswith("File")])
        print("  ", lines[-1])

signal.setitimer(signal.ITIMER_REAL, 0.05)
fetch()
