# expected output written by hand
# When the main micro_thread ends, every other one gets MicroThreadExit and runs its
# finally blocks, however many there are (they get it in batches, in turn): 300
# sleeping workers, some of whose finally blocks defer, all clean up, none carries on.
import time
from micro_thread import start_and_forget

N = 300
cleaned = []


def worker(i):
    try:
        time.sleep(10)
        print("worker", i, "carried on")      # never: the exit comes first
    finally:
        if i % 7 == 0:
            time.sleep(0.001)                 # a finally block that defers
        cleaned.append(i)
        if len(cleaned) == N:
            print("all", N, "cleaned up, each once:", sorted(cleaned) == list(range(N)))


def spinner(i):
    # Always runnable: it is in the run queue when main ends, and gets the exit there.
    try:
        while True:
            time.sleep(0)
    finally:
        spun.append(i)
        if len(spun) == N:
            print("all", N, "spinners ended, each once:", sorted(spun) == list(range(N)))


spun = []
for i in range(N):
    start_and_forget(worker, i)
    start_and_forget(spinner, i)
time.sleep(0.01)
print("main ends")
