# A job runner that records each failed job's exception in a pickled log, then
# reloads the log and reports from the copies: the built-in exceptions' extra
# fields (OSError's errno/filename, ImportError's name/path, StopIteration's
# value, SyntaxError's location, UnicodeDecodeError's range) must survive.
import copy
import io
import pickle


class JobFailed(Exception):
    """A user exception whose __init__ takes its own arguments."""

    def __init__(self, job, reason):
        super().__init__(job, reason)
        self.job = job
        self.reason = reason


class Strict(Exception):
    """Custom __init__ that does not pass its arguments up: unpickling calls
    Strict(*args) with the args BaseException saw, as CPython does."""

    def __init__(self, code, detail):
        super().__init__(code)
        self.detail = detail


def gen_job():
    yield 1
    raise KeyError("missing")


def jobs():
    yield "open", lambda: open("/nonexistent/file.cfg")
    yield "rename", lambda: (_ for _ in ()).throw(OSError(2, "No such file", "a.txt", None, "b.txt"))
    yield "import", lambda: (_ for _ in ()).throw(ImportError("no plugin", name="plug", path="/p/plug.py"))
    yield "stop", lambda: next(iter_stop())
    yield "syntax", lambda: (_ for _ in ()).throw(SyntaxError("bad token", ("job.py", 3, 7, "x = $y\n", 3, 8)))
    yield "decode", lambda: b"ok\xffno".decode("utf-8")
    yield "custom", lambda: (_ for _ in ()).throw(JobFailed("backup", "disk full"))
    yield "generator", lambda: list(gen_job())
    yield "value", lambda: int("twelve")


def iter_stop():
    def g():
        return (yield)
    it = g()
    next(it)
    try:
        it.send(42)
    except StopIteration as e:
        raise StopIteration(e.value) from None
    return it


def describe(e):
    parts = [type(e).__name__, repr(e.args)]
    for attr in ("errno", "strerror", "filename", "filename2", "name", "path",
                 "value", "lineno", "offset", "msg", "start", "end", "reason",
                 "job"):
        if hasattr(e, attr) and getattr(e, attr) is not None:
            parts.append(f"{attr}={getattr(e, attr)!r}")
    return " ".join(parts)


log = io.BytesIO()
failures = []
for name, job in jobs():
    try:
        job()
    except Exception as e:
        e.job_name = name
        failures.append(e)
pickle.dump(failures, log)

log.seek(0)
restored = pickle.load(log)
for orig, back in zip(failures, restored):
    assert type(orig) is type(back)
    print(describe(back), "| job:", back.job_name)
    print("   str:", str(back))
    assert describe(orig) == describe(back)

print("reduce:", ValueError("bad").__reduce__())
print("reduce:", OSError(2, "gone", "f.txt").__reduce__())
print("reduce:", ImportError("m", name="n").__reduce__())
e = KeyError("k")
e.extra = [1, 2]
r = e.__reduce__()
print("reduce:", r)
e2 = copy.copy(e)
print("copy:", repr(e2), e2.extra, e2.extra is e.extra)
e3 = copy.deepcopy(e)
print("deepcopy:", e3.extra, e3.extra is e.extra)

s = Exception("s")
s.__setstate__({"a": 1, "b": 2})
s.__setstate__(None)
print("setstate:", s.a, s.b)
try:
    s.__setstate__([1])
except TypeError as err:
    print("TypeError:", err)

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    try:
        pickle.loads(pickle.dumps(Strict(7, "why"), proto))
    except TypeError as err:
        print(proto, "TypeError:", err)
    back = pickle.loads(pickle.dumps(JobFailed("j", "r"), proto))
    print(proto, back.job, back.reason, back.args)


class Annotated(ValueError):
    def __reduce__(self):
        return (Annotated, ("from reduce",))


print(repr(pickle.loads(pickle.dumps(Annotated("orig")))))


# Re-raising a job's failure as a report error that keeps the job's traceback.
import sys
import traceback


def run_step():
    raise KeyError("step")


try:
    run_step()
except KeyError:
    tb = sys.exc_info()[2]
report = RuntimeError("job failed").with_traceback(tb)
print(report.__traceback__ is tb, report.__traceback__.tb_lineno)
try:
    raise report
except RuntimeError as e:
    print([f.name for f in traceback.extract_tb(e.__traceback__)])
report.__traceback__ = None
print(report.__traceback__)
for attr, bad in (("__traceback__", 5), ("__cause__", 1), ("__context__", "x")):
    try:
        setattr(report, attr, bad)
    except TypeError as err:
        print(attr, "TypeError:", err)
