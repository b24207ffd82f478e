# expected output written by hand
# A progress ticker (a micro_thread) keeps running while the main micro_thread
# waits for a process pool's results, and while it waits for a forked child on
# a pipe and in waitpid: waits on a pool, a pipe and a child defer only the
# waiting micro_thread. The child of a fork made by the main micro_thread has
# only that one: the ticker is not in it. How many ticks happen depends on
# timing, so only "at least one" is printed.
import os
import sys
import time
from multiprocessing.pool import Pool
from micro_thread import start_in_parallel

ticks = []
running = True


def ticker():
    while running:
        ticks.append(1)
        time.sleep(0.005)


def slow_square(n):
    time.sleep(0.05)
    return n * n


if __name__ == "__main__":
    t = start_in_parallel(ticker)
    time.sleep(0.01)
    with Pool(2) as pool:
        ticks.clear()
        result = pool.map_async(slow_square, range(6))
        print("results", result.get(30))
        print("ticked while waiting for the pool:", len(ticks) > 0)
    pool.join()

    r, w = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        # Only the forking micro_thread is here: the ticker's list stops growing.
        before = len(ticks)
        time.sleep(0.05)
        os.write(w, b"child saw ticker: %d\n" % (len(ticks) != before))
        os._exit(5)
    ticks.clear()
    print(os.read(r, 100).decode(), end="")
    print("ticked while waiting for the pipe:", len(ticks) > 0)
    ticks.clear()
    _, status = os.waitpid(pid, 0)
    print("child exit code", os.waitstatus_to_exitcode(status))
    running = False
    t.wait()
    print("done")
