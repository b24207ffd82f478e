# A POSIX shared-memory object (_posixshmem, what multiprocessing's
# resource_tracker and shared_memory use) as a scratch file two processes share:
# the child writes a report into it, the parent reads it back by name.
import _posixshmem
import os
import sys

NAME = "/pyvm-shm-scratch-%d" % os.getpid()

fd = _posixshmem.shm_open(NAME, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600)
os.ftruncate(fd, 64)
print("size", os.fstat(fd).st_size)
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    child_fd = _posixshmem.shm_open(NAME, os.O_RDWR)
    os.write(child_fd, b"child %s done" % b"was here")
    os.close(child_fd)
    os._exit(0)
os.waitpid(pid, 0)
os.lseek(fd, 0, os.SEEK_SET)
print(os.read(fd, 64).rstrip(b"\0"))
os.close(fd)
_posixshmem.shm_unlink(NAME)
for call in (lambda: _posixshmem.shm_unlink(NAME),
             lambda: _posixshmem.shm_open(NAME, os.O_RDWR),
             lambda: _posixshmem.shm_open(3, os.O_RDWR)):
    try:
        call()
    except OSError as e:
        print(type(e).__name__, e.errno, e.filename == NAME)
    except TypeError as e:
        print("TypeError", e)
