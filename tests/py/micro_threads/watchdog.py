# expected output written by hand
# The watchdog warns (on stderr, with the stack) about a micro_thread that runs
# longer than its threshold without deferring while others exist, once per run;
# the program goes on. A program with only one micro_thread is never warned.
import time
from micro_thread import set_watchdog, start_and_forget


def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


start_and_forget(time.sleep, 10)   # another micro_thread, asleep
set_watchdog(0.05)
spin(0.01)                   # under the threshold: no warning
time.sleep(0)                # a new run
spin(1.0)                    # one warning, however long it goes on
print("still running")
set_watchdog(None)
time.sleep(0)
spin(0.2)                    # off: no warning
print("done")
raise SystemExit(0)          # the sleeper gets MicroThreadExit
