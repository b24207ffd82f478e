# OSError's attributes, args and str() as CPython builds them, and the errno ->
# subclass mapping of OSError(errno, ...).
import errno


def show(*args):
    e = OSError(*args)
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, e.filename2)
    print("  str:", repr(str(e)))
    print("  repr:", repr(e))


show()
show("just a message")
show(1)
show(2, "No such file or directory")
show(2, "No such file or directory", "x.txt")
show(2, "No such file or directory", "x.txt", None)
show(2, "No such file or directory", "x.txt", None, "y.txt")
show(18, "Invalid cross-device link", "a", 0, "b")
show(2, "msg", None)
show(None, None)
show(0, "zero")
show("two", "strings")
show(1, 2, 3, 4, 5, 6)
show(999, "unknown errno")
show(True, "bool errno")

print("-- the errno table")
for name in ["EPERM", "ENOENT", "ESRCH", "EINTR", "ECHILD", "EAGAIN", "EWOULDBLOCK",
             "EACCES", "EEXIST", "ENOTDIR", "EISDIR", "EPIPE", "ESHUTDOWN",
             "ECONNABORTED", "ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EALREADY",
             "EINPROGRESS", "EIO", "EINVAL"]:
    code = getattr(errno, name)
    e = OSError(code, "text")
    print(name, code, type(e).__name__, isinstance(e, OSError), e.errno == code)

print("-- subclasses keep their own type")
e = FileNotFoundError(errno.EACCES, "denied", "f")
print(type(e).__name__, e.errno, str(e))
e = PermissionError("no errno here")
print(type(e).__name__, e.errno, e.strerror, str(e))
e = ConnectionError(errno.ECONNRESET, "reset")
print(type(e).__name__, e.errno, str(e))

print("-- BlockingIOError's third argument")
e = BlockingIOError(errno.EAGAIN, "again", 7)
print(e.args, e.characters_written, e.filename, str(e))
e = BlockingIOError(errno.EAGAIN, "again", "name")
print(e.args, e.filename, str(e))

print("-- the hierarchy")
for t in [FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError,
          NotADirectoryError, TimeoutError, BlockingIOError, ChildProcessError,
          InterruptedError, ProcessLookupError, ConnectionError, BrokenPipeError,
          ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError]:
    print(t.__name__, t.__base__.__name__, issubclass(t, OSError))
print(IOError is OSError, EnvironmentError is OSError)

print("-- caught by the errno")
try:
    raise OSError(errno.ENOENT, "gone", "data.bin")
except FileNotFoundError as e:
    print("caught", type(e).__name__, e.errno == errno.ENOENT, e.filename, e)
try:
    raise OSError(errno.ECONNREFUSED, "Connection refused")
except ConnectionError as e:
    print("caught", type(e).__name__, e.errno, e.strerror)

print('-- BlockingIOError.characters_written edge cases')
for args in [(11, 'x', 2.5), (11, 'x', True), (11, 'x', 2**70), (11, 'x', -1), (11, 'x', None, None, 'f2'), (11, 'x', 3, None, 'f2')]:
    try:
        e = BlockingIOError(*args)
        print(e.args, e.filename, e.filename2, str(e), e.characters_written if hasattr(e, 'characters_written') else '-')
    except Exception as ex:
        print(type(ex).__name__, ex)
e = BlockingIOError(11, 'x')
try:
    print(e.characters_written)
except AttributeError as ex:
    print("AttributeError", ex)
e = OSError(2, 'x', None, None, 'g')
print(e.args, e.filename, e.filename2, str(e))
