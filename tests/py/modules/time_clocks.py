import time

t0 = time.time()
m0 = time.monotonic()
p0 = time.perf_counter()
c0 = time.process_time()
n0 = time.monotonic_ns()
print(t0 > 1.6e9, type(t0).__name__, type(time.time_ns()).__name__)
print(abs(time.time_ns() / 1e9 - t0) < 5)
time.sleep(0.05)
time.sleep(0)
print(time.monotonic() - m0 >= 0.05, time.monotonic() - m0 < 5)
print(time.perf_counter() - p0 >= 0.05, time.perf_counter_ns() > 0)
print(time.monotonic_ns() - n0 >= 50000000)
# burn a little CPU: process time advances, but not by the sleep
total = 0
for i in range(200000):
    total += i * i
c1 = time.process_time()
print(total, c1 >= c0, c1 - c0 < 5, type(time.process_time_ns()).__name__)
# Past what CPython counts in 64-bit nanoseconds (about 292 years): an overflow.
for bad in [-1, -0.5, "1", None, float("nan"), float("inf"), 10 ** 30, 10 ** 10, -10 ** 10, 9.3e9,
            -1e19, 2.0 ** 63]:
    try:
        time.sleep(bad)
    except Exception as e:
        print(repr(bad), type(e).__name__ + ":", e)
try:
    time.sleep()
except TypeError as e:
    print("TypeError:", e)
for f in [time.time, time.perf_counter, time.monotonic_ns]:
    try:
        f(1)
    except TypeError as e:
        print("TypeError:", e)
