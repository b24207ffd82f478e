# A report stamper: renders time tuples the way a legacy log format wants
# (asctime for far-future archive keys, strftime with the tuple's own weekday), and
# measures a thread's CPU time for a busy loop.
import threading
import time

archive_keys = [
    (2000,) + (0,) * 8,
    (12345, 6, 1, 0, 0, 0, 0, 0, 0),
    (-1234, 2, 3, 4, 5, 6, -1, 0, 0),
    (2024, 2, 29, 23, 59, 61, 3, 60, 0),
    (99999, 12, 31, 1, 2, 3, 13, 365, 1),
]
for t in archive_keys:
    print(time.asctime(t))

# C's strftime prints the tuple's weekday and day of year as given.
for t in [(2000,) + (0,) * 8, (2000, 1, 1, 0, 0, 0, 5, 1, 0), (2024, 3, 1, 12, 0, 0, 6, 61, 0)]:
    print(time.strftime("%Y %m %d %H %M %S %w %j %a %A", t))

for bad in [(2000, 13, 1, 0, 0, 0, 0, 1, 0), (2000, 1, 1, 0, 0, 0, -2, 1, 0)]:
    try:
        time.asctime(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    time.strftime("%S\0", time.gmtime(0))
except ValueError as e:
    print("ValueError:", e)


def spin(result):
    start = time.thread_time()
    n = 0
    for i in range(200000):
        n += i
    time.sleep(0.05)
    result.append(time.thread_time() - start)


res = []
th = threading.Thread(target=spin, args=(res,))
th.start()
th.join()
print("thread cpu > 0:", res[0] > 0, "< wall incl. sleep:", res[0] < 5)
a = time.thread_time_ns()
print(type(a).__name__, a >= 0)
info = time.get_clock_info("thread_time")
print(info.implementation, info.monotonic, info.adjustable)
