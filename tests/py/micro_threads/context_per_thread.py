# expected output written by hand
# Each micro_thread has a contextvars context of its own, as each OS thread has in
# CPython: values set in one (while others run between its sleeps) are not seen by
# the others or by the main micro_thread; a new one starts empty; copy_context().run
# carries values into one explicitly.
import time
from contextvars import ContextVar, copy_context
from micro_thread import start_in_parallel

request = ContextVar("request", default="none")
request.set("main")


def serve(name, delay):
    before = request.get()
    request.set(name)
    time.sleep(delay)          # the others run and set their own values meanwhile
    return f"{name}: started with {before}, still {request.get()}"


threads = [start_in_parallel(serve, n, d) for n, d in (("a", 0.03), ("b", 0.01), ("c", 0.02))]
for t in threads:
    print(t.wait())
print("main still", request.get())

snapshot = copy_context()
t = start_in_parallel(snapshot.run, serve, "d", 0.0)
print(t.wait())
print("main still", request.get(), "| snapshot", snapshot[request])
