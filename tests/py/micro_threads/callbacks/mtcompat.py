# helper module: the waits of the callbacks/ scripts, real under pyvm, instant under CPython.
"""One program, two runs that print the same thing.

Under pyvm (`micro_thread` imports) every helper here really blocks the calling
micro_thread: spawn() starts a micro_thread (delegate() starts one and waits for it
with thread.wait()), ask() round-trips through a server micro_thread over
micro_pipes, pipe_of() is a micro_pipe fed by a generating micro_thread that sleeps
before each value, pause() and nap() sleep. Under CPython (sequential, no
micro_thread module) the same calls compute the same values at once, so the expected
output can be written by CPython.

Rules for the scripts using this: a spawned function does not print (micro_threads
interleave); the main program waits on the threads in spawn order and prints what they
returned.
"""
import time

try:
    import micro_thread
except ImportError:
    micro_thread = None


class _Ran:
    """CPython's stand-in for a micro_thread: the function already ran; wait() gives
    its value or raises its exception."""

    def __init__(self, function, args, kws):
        self._value = self._error = None
        try:
            self._value = function(*args, **kws)
        except Exception as e:
            self._error = e

    def wait(self):
        if self._error is not None:
            raise self._error
        return self._value


def spawn(function, *args, **kws):
    """Run function(*args, **kws) in a micro_thread; .wait() gives its value or raises
    its exception."""
    if micro_thread is None:
        return _Ran(function, args, kws)
    return micro_thread.start_in_parallel(function, *args, **kws)


def delegate(function, *args):
    """function(*args) computed by a helper micro_thread that the caller waits for
    (thread.wait() blocks the caller under pyvm)."""
    return spawn(function, *args).wait()


def spawn_all(function, inputs):
    """One thread per input (a tuple of arguments, or a single argument), all
    started before any is waited on."""
    return [spawn(function, *(a if isinstance(a, tuple) else (a,))) for a in inputs]


def outcome(thread):
    """thread.wait(), or 'ExceptionName: message' if it raised."""
    try:
        return thread.wait()
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def attempt(function, *args, **kws):
    """function(*args, **kws), or 'ExceptionName: message' if it raised: one failing
    call site does not hide the others."""
    try:
        return function(*args, **kws)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def results(threads):
    """The threads' outcomes, in the order given."""
    return [outcome(t) for t in threads]


def pause():
    """Give the other micro_threads a turn (time.sleep(0))."""
    time.sleep(0)


def nap():
    """A short real sleep: the micro_thread waits on the reactor's timer."""
    time.sleep(0.001)


# ask(): a server micro_thread reads (question, function, reply pipe) from one shared
# micro_pipe and answers each on the asker's own reply pipe, so an ask() waits twice:
# to hand over the question (if the server is busy) and for the answer.
_requests = None


def _server(requests):
    for question, function, reply in requests:
        try:
            answer = (True, question if function is None else function(question))
        except Exception as e:
            answer = (False, e)
        reply.put(answer)


def _start_server():
    global _requests
    _requests = micro_thread.micro_pipe()
    micro_thread.start_and_forget(_server, _requests)


def ask(question, function=None):
    """The service's answer to question: question itself, or function(question)
    computed by the server. An exception of function is raised here."""
    if micro_thread is None:
        return question if function is None else function(question)
    reply = micro_thread.micro_pipe()
    _requests.put((question, function, reply))
    ok, answer = next(reply)
    if not ok:
        raise answer
    return answer


def _feed(items, error):
    for x in items:
        time.sleep(0)
        micro_thread.put(x)
    if error is not None:
        time.sleep(0)
        raise error


def _yield_all(items, error):
    for x in items:
        yield x
    if error is not None:
        raise error


def pipe_of(items, error=None):
    """A one-pass iterable of items, then the exception error if one is given. Under
    pyvm a micro_pipe written by a generating micro_thread that sleeps before each
    put, so every read waits (and the writer's exception is raised in the reader)."""
    items = list(items)
    if micro_thread is None:
        return _yield_all(items, error)
    return micro_thread.generate(_feed, items, error)


if micro_thread is not None:
    _start_server()
