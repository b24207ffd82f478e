# Shutdown hooks of a small service: atexit callbacks run last-registered first after
# the main program, with their arguments; an unregistered one does not run; a failing
# one is reported and the rest still run; objects alive at the end are finalized.
import sys


def report(u):
    # Deterministic stand-in for the default report (which prints addresses).
    where = getattr(u.object, "__qualname__", type(u.object).__name__)
    print(f"unraisable [{u.err_msg or 'Exception ignored in'}] {where}: "
          f"{u.exc_type.__name__}: {u.exc_value}")


sys.unraisablehook = report
import atexit


class Service:
    def __init__(self, name):
        self.name = name
        print("start", name)

    def stop(self, reason):
        print(f"stop {self.name} ({reason})")

    def __del__(self):
        print("finalize", self.name)


# Registered first, so it runs last: the default report again for the teardown.
atexit.register(setattr, sys, "unraisablehook", sys.__unraisablehook__)
db = Service("db")
cache = Service("cache")
atexit.register(db.stop, "exit")
atexit.register(cache.stop, reason="exit")


def noisy():
    print("noisy should not run")


atexit.register(noisy)
atexit.unregister(noisy)


@atexit.register
def flush():
    print("flush logs")


def fails():
    raise OSError("disk gone")


atexit.register(fails)
print("main done")
