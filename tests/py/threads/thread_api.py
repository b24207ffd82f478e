# The _thread API and its errors, as CPython documents them.
import _thread
import time

lock = _thread.allocate_lock()
print(type(lock).__name__, isinstance(lock, _thread.LockType), _thread.error is RuntimeError)
print(lock.locked(), lock.acquire(False), lock.locked(), lock.acquire(timeout=0.05))
print(lock.acquire(blocking=False), lock.acquire(True, 0))
lock.release()
for bad in [lambda: lock.release(), lambda: lock.acquire(False, 1), lambda: lock.acquire(True, -5),
            lambda: lock.acquire(timeout=_thread.TIMEOUT_MAX * 2),
            lambda: _thread.start_new_thread(print, [1]),
            lambda: _thread.start_new_thread(print, (1,), []),
            lambda: _thread.start_new_thread(42, ()),
            lambda: _thread.stack_size(100), lambda: _thread.LockType()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(_thread.TIMEOUT_MAX)
print(_thread.stack_size(), _thread.stack_size(1 << 20), _thread.stack_size(0))
r = _thread.RLock()
print(r.acquire(), r.acquire(), r.locked() if hasattr(r, "locked") else None)
r.release()
r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with r:
    with r:
        print("reentrant with")

done = _thread.allocate_lock()
done.acquire()
seen = []


def child(a, b, c=0):
    seen.append((a, b, c, _thread.get_ident() != main_ident))
    done.release()


main_ident = _thread.get_ident()
ident = _thread.start_new_thread(child, (1, 2), {"c": 3})
done.acquire()
print(seen, isinstance(ident, int), _thread.get_native_id() > 0)


def quits():
    _thread.exit()


_thread.start_new_thread(quits, ())
time.sleep(0.05)
print("main goes on")
