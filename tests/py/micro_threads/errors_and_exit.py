# expected output written by hand
# An uncaught exception in a start_and_forget thread is printed at once, naming
# the thread; exception_handler= replaces that; kill() and throw() raise in a
# suspended thread; when the main micro_thread ends, the others get MicroThreadExit
# and their finally blocks run before the process exits.
import time
from micro_thread import start_and_forget, start_in_parallel, MicroThreadExit


def fails():
    time.sleep(0.001)
    raise ValueError("bad input")


start_and_forget(fails)
time.sleep(0.01)
print("main goes on")
start_and_forget(fails, exception_handler=lambda e: print("handled:", repr(e)))
time.sleep(0.01)


def sleeper(tag):
    try:
        time.sleep(10)
    except MicroThreadExit:
        print(tag, "got MicroThreadExit")
        raise
    finally:
        print(tag, "finally")


t = start_in_parallel(sleeper, "killed")
time.sleep(0.001)
t.kill()
try:
    t.wait()
except MicroThreadExit:
    print("wait() re-raised MicroThreadExit")


def catcher():
    try:
        time.sleep(10)
    except KeyError as e:
        return "caught " + repr(e)


u = start_in_parallel(catcher)
time.sleep(0.001)
u.throw(KeyError("k"))
print(u.wait())
start_and_forget(sleeper, "left over")
time.sleep(0.001)
print("main ends")
