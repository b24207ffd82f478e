# expected output written by hand
# When an OS thread's function returns, micro_threads still running on its reactor
# get MicroThreadExit: their finally blocks run before the OS thread ends.
import threading
import time

import micro_thread

log = []


def forever(name):
    try:
        while True:
            time.sleep(0.01)
    finally:
        log.append(name + " cleaned up")


def body():
    micro_thread.start_and_forget(forever, "a")
    micro_thread.start_and_forget(forever, "b")
    time.sleep(0.03)
    log.append("body returns")


t = threading.Thread(target=body)
t.start()
t.join()
print(log)
print("thread alive:", t.is_alive())
