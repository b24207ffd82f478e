# A small launcher's environment handling (os.environ, os.environb, putenv seen by
# getenv, defaults, PATH lookups) and the argument errors of os functions with
# CPython's messages.
import os
import sys

PREFIX = "PYVM_TEST_"


def settings():
    """The launcher's settings: PYVM_TEST_* variables, with defaults."""
    out = {"workers": "4", "mode": "prod"}
    for k, v in os.environ.items():
        if k.startswith(PREFIX):
            out[k[len(PREFIX):].lower()] = v
    return dict(sorted(out.items()))


print(settings())
os.environ[PREFIX + "WORKERS"] = "16"
os.environ[PREFIX + "MODE"] = "debug"
os.environb[(PREFIX + "RAW").encode()] = b"bytes-value"
print(settings())
print(os.getenv(PREFIX + "MODE"), os.getenvb((PREFIX + "RAW").encode()), os.environ[PREFIX + "RAW"])
print(os.environ.get(PREFIX + "NOPE", "fallback"), (PREFIX + "MODE") in os.environ)
del os.environ[PREFIX + "MODE"]
print(os.getenv(PREFIX + "MODE"), settings()["mode"])
print(os.environ.pop(PREFIX + "WORKERS"), os.environ.setdefault(PREFIX + "X", "1"))
try:
    os.environ[PREFIX + "BAD"] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    del os.environ[PREFIX + "MISSING"]
except KeyError as e:
    print("KeyError:", e)
print(type(os.environ).__name__, type(os.environ.copy()).__name__)
with_path = os.pathsep.join(["/nonexistent/bin", os.path.dirname(sys.executable)])
found = os.get_exec_path({"PATH": with_path})
print(found[0], len(found))
for k in [k for k in os.environ if k.startswith(PREFIX)]:
    del os.environ[k]
print(settings())

print("== argument errors")


class Weird:
    def __fspath__(self):
        return 42


class Good:
    def __fspath__(self):
        return "/"


cases = [
    ("stat(3.5)", lambda: os.stat(3.5)),
    ("lstat(4)", lambda: os.lstat(4)),
    ("listdir(1.0)", lambda: os.listdir(1.0)),
    ("scandir([])", lambda: os.scandir([])),
    ("unlink(None)", lambda: os.unlink(None)),
    ("rename(1, 'b')", lambda: os.rename(1, "b")),
    ("rename('a', 2)", lambda: os.rename("a", 2)),
    ("fspath(3)", lambda: os.fspath(3)),
    ("fspath(Weird())", lambda: os.fspath(Weird())),
    ("stat(Weird())", lambda: os.stat(Weird())),
    ("stat('a\\0b')", lambda: os.stat("a\0b")),
    ("stat(b'a\\0b')", lambda: os.stat(b"a\0b")),
    ("open('x')", lambda: os.open("x")),
    ("read(-1, 1)", lambda: os.read(-1, 1)),
    ("read(0, -1)", lambda: os.read(0, -1)),
    ("write(1, 'text')", lambda: os.write(1, "text")),
    ("stat(12345)", lambda: os.stat(12345)),
    ("terminal_size((1, 2, 3))", lambda: os.terminal_size((1, 2, 3))),
    ("getcwd(1)", lambda: os.getcwd(1)),
    ("kill(1)", lambda: os.kill(1)),
    ("utime('/', (1,))", lambda: os.utime("/", (1,))),
    ("utime('/', ns=1)", lambda: os.utime("/", ns=1)),
    ("waitpid(-1, 0)", lambda: os.waitpid(-1, 0)),
    ("strerror('x')", lambda: os.strerror("x")),
    ("urandom(-1)", lambda: os.urandom(-1)),
    ("chdir('/nonexistent')", lambda: os.chdir("/nonexistent")),
    ("rmdir(b'/nonexistent')", lambda: os.rmdir(b"/nonexistent")),
    ("WEXITSTATUS('x')", lambda: os.WEXITSTATUS("x")),
]
for label, call in cases:
    try:
        r = call()
        print(f"{label}: returned {r!r}")
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")

print("== good calls")
print(os.stat(Good()).st_mode == os.stat("/").st_mode, os.fspath(Good()), os.fspath(b"x"))
print(len(os.urandom(16)), os.strerror(2), os.WEXITSTATUS(256), os.WIFEXITED(0), os.WIFSIGNALED(9), os.WTERMSIG(9))
print(os.waitstatus_to_exitcode(256), os.waitstatus_to_exitcode(9))
print(os.getpid() > 0, os.getppid() > 0, os.getuid() >= 0, os.uname().sysname, os.name, os.sep, os.linesep == "\n")
old = os.umask(0o022)
print(oct(os.umask(old)))
print(os.terminal_size((100, 40)).columns, os.get_terminal_size.__name__, type(os.times()).__name__)
print(os.error is OSError, os.curdir, os.pardir, os.devnull, os.extsep, os.altsep)
print(os.stat in os.supports_fd, os.chdir in os.supports_fd, os.stat in os.supports_follow_symlinks)
