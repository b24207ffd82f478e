# expected output written by hand
# Waiting for a child process (os.waitpid on its pid) defers only the micro_thread
# that waits: a ticker keeps running while the child sleeps, and the waiter gets the
# child's exit status when it ends. (Lib's subprocess waits this way.)
import os
import time
import _posixsubprocess
from micro_thread import start_in_parallel


def spawn(argv):
    errpipe_read, errpipe_write = os.pipe()
    try:
        pid = _posixsubprocess.fork_exec(
            argv, [os.fsencode(argv[0])], True, (errpipe_write,), None, None,
            -1, -1, -1, -1, -1, -1, errpipe_read, errpipe_write,
            True, False, -1, None, None, None, -1, None, True)
    finally:
        os.close(errpipe_write)
    assert os.read(errpipe_read, 100) == b""
    os.close(errpipe_read)
    return pid


def waiter(pid):
    got, status = os.waitpid(pid, 0)
    print("child done:", got == pid, os.waitstatus_to_exitcode(status))


def ticker():
    for i in range(3):
        time.sleep(0.05)
        print("tick", i)


pid = spawn(["/bin/sh", "-c", "sleep 1; exit 7"])
w = start_in_parallel(waiter, pid)
t = start_in_parallel(ticker)
t.wait()
w.wait()
print(os.waitpid(spawn(["/bin/true"]), 0)[1])
