# expected output written by hand
# start_and_forget's arguments (it is native: no Python frame of its own): the
# function positionally or as function=, its own positional and keyword arguments
# passed through, exception_handler=, stdin= (a pipe or any iterable) and stdout= (a
# pipe), CPython's errors for a call that does not bind. A thread's name is its
# function's __name__ (as it is when started) and a number, the same each time it
# is asked for; a callable without __name__ gives "micro_thread".
import functools
import time
from micro_thread import start_and_forget, micro_pipe, current

log = []


def job(kind, *rest, retries=0, **options):
    log.append((kind, rest, retries, sorted(options.items())))


start_and_forget(job, "fetch", 1, 2, retries=3, timeout=5)
start_and_forget(function=job, kind="store")
start_and_forget(job, "plain")
time.sleep(0)
for entry in log:
    print("job", entry)


def failing(code):
    raise KeyError(code)


caught = []
start_and_forget(failing, "E42", exception_handler=caught.append)
time.sleep(0)
print("handler got", repr(caught[0]))

out = micro_pipe()


def reader_writer():
    # stdin from a list, stdout a pipe: iter() and put() use the thread's own.
    from micro_thread import put
    for value in iter():
        put(value * 2)


start_and_forget(reader_writer, stdin=[1, 2, 3], stdout=out)
print("doubled", list(out))

for bad in (lambda: start_and_forget(),
            lambda: start_and_forget(job, function=job),
            lambda: start_and_forget(job, stdout=[1])):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

names = []


def named():
    me = current()
    names.append((me.name.rsplit("-", 1)[0], me.name == current().name,
                  me.name.rsplit("-", 1)[1].isdigit()))


def renamed():
    named()


renamed.__name__ = "worker"
start_and_forget(named)
start_and_forget(renamed)
start_and_forget(lambda: named())
start_and_forget(functools.partial(named))
time.sleep(0)
for n in names:
    print("name", n)
