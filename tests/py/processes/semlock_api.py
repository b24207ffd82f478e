# _multiprocessing.SemLock as multiprocessing.synchronize uses it: a named
# semaphore shared with a forked child (which rebuilds it by name and after the
# fork owns nothing), recursive-mutex ownership, counts and CPython's errors.
import _multiprocessing
import os
import sys
from _multiprocessing import SemLock

RECURSIVE_MUTEX, SEMAPHORE = 0, 1
name = "/pyvm-semlock-%d" % os.getpid()

print("SEM_VALUE_MAX", SemLock.SEM_VALUE_MAX, "flags", sorted(_multiprocessing.flags))
sem = SemLock(SEMAPHORE, 2, 3, name, False)
print("name kept", sem.name == name, "kind", sem.kind, "maxvalue", sem.maxvalue)
print("value", sem._get_value(), "zero", sem._is_zero())
print(sem.acquire(), sem.acquire(), sem.acquire(False), sem.acquire(True, 0.01))
print("count", sem._count(), "zero", sem._is_zero())
sem.release()

r, w = os.pipe()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    sem._after_fork()
    again = SemLock._rebuild(sem.handle, SEMAPHORE, 3, name)
    got = again.acquire(timeout=5)
    os.write(w, b"%d %d %d" % (got, again._count(), sem._count()))
    os._exit(0)
os.close(w)
print("child:", os.read(r, 100).decode())
os.waitpid(pid, 0)
print("value after child", sem._get_value())
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)
_multiprocessing.sem_unlink(name)
try:
    _multiprocessing.sem_unlink(name)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)

lock = SemLock(RECURSIVE_MUTEX, 1, 1, name + "-r", True)
print("unlinked name", lock.name)
print(lock.acquire(), lock.acquire(), lock._count(), lock._is_mine())
lock.release()
lock.release()
print("mine after release", lock._is_mine(), lock._count())
try:
    lock.release()
except AssertionError as e:
    print("AssertionError:", e)
with lock:
    print("in with", lock._count())
try:
    SemLock(5, 1, 1, name + "-x", True)
except ValueError as e:
    print("ValueError:", e)
try:
    lock.acquire(True, "soon")
except TypeError as e:
    print("TypeError:", e)
