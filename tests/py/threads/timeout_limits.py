"""A job runner validates the timeouts its configuration file gives before it
uses them: each one goes to the primitive that will wait (a lock, a sleep, a
socket, select, a queue, an event), and the runner reports what CPython rejects
and why: out-of-range numbers overflow 64-bit nanoseconds, NaN and negatives are
refused, other types are TypeErrors."""
import _queue
import _thread
import queue
import select
import socket
import threading
import time

CONFIG = {
    "tiny": 0.0,
    "huge-int": 2**70,
    "int64-edge": 2**63,
    "ns-overflow-int": 10**12,
    "huge-float": 1e20,
    "infinite": float("inf"),
    "not-a-number": float("nan"),
    "negative": -2,
    "text": "5",
    "complex": 1j,
}


def lock_acquire(v):
    lock = _thread.allocate_lock()
    got = lock.acquire(timeout=v)
    lock.release()
    return got


def rlock_acquire(v):
    return _thread.RLock().acquire(True, v)


def sleep(v):
    return time.sleep(v)


def sock_timeout(v):
    s = socket.socket()
    try:
        s.settimeout(v)
        return s.gettimeout()
    finally:
        s.close()


def select_wait(v):
    return select.select([], [], [], v)


def queue_get(v):
    q = queue.Queue()
    q.put("job")
    return q.get(timeout=v)


def simple_queue_get(v):
    q = _queue.SimpleQueue()
    q.put("job")
    return q.get(timeout=v)


def event_wait(v):
    e = threading.Event()
    e.set()
    return e.wait(v)


def condition_wait(v):
    c = threading.Condition()
    with c:
        return c.wait_for(lambda: True, v)


WAITERS = [lock_acquire, rlock_acquire, sleep, sock_timeout, select_wait, queue_get,
           simple_queue_get, event_wait, condition_wait]

for key, value in CONFIG.items():
    print(f"[{key}] {value!r}")
    for waiter in WAITERS:
        try:
            result = waiter(value)
        except (OverflowError, ValueError, TypeError) as e:
            result = f"{type(e).__name__}: {e}"
        print(f"  {waiter.__name__:17} {result}")

print("TIMEOUT_MAX", _thread.TIMEOUT_MAX, threading.TIMEOUT_MAX)

# A sleep whose deadline (now + seconds, in nanoseconds of the monotonic clock)
# passes what 64 bits count: the OS refuses the wrapped deadline.
for secs in (9223372036, 9223372036.5):
    try:
        time.sleep(secs)
    except OSError as e:
        print("sleep", secs, type(e).__name__, e.errno, e)
