# A task registry as a job runner keeps one: tasks are functools.partial objects
# tagged with attributes, pickled to a queue and copied; their signatures use
# `list[int] | None`-style hints checked at run time; the registry's classmethod
# handlers keep their docs through singledispatchmethod; payloads are checksummed
# with binascii straight from arrays and memoryviews.
import array
import binascii
import copy
import functools
import os
import pickle
import tempfile
import time
import types
import typing


def scale(values: list[int] | None, factor: float = 1.0, *, offset: int = 0) -> list[float]:
    return [v * factor + offset for v in (values or [])]


def describe(hint):
    if isinstance(hint, types.UnionType):
        return "union of " + ", ".join(describe(a) for a in hint.__args__)
    if isinstance(hint, types.GenericAlias):
        return "%s of %s" % (hint.__origin__.__name__, describe(hint.__args__[0]))
    return getattr(hint, "__name__", repr(hint))


print("hints:")
for name, hint in scale.__annotations__.items():
    print("  %-7s %-26r %s" % (name, hint, describe(hint)))
print("  unions:", int | list[str], dict[str, int] | None | bytes, list[int] | list[int])
print("  equal:", (list[int] | None) == (None | list[int]), int | int)
print("  typing:", list[int] | typing.Optional[str])
try:
    list[int] | 3
except TypeError as e:
    print("  error:", type(e).__name__)

# Tasks: partials with attributes, round-tripped through pickle and copy.
task = functools.partial(scale, [1, 2, 3], offset=10)
task.owner = "batch"
task.retries = 2
print("task:", task(), task.owner, sorted(task.__dict__))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    back = pickle.loads(pickle.dumps(task, proto))
    assert back() == task() and back.owner == "batch" and back.keywords == {"offset": 10}
print("pickled ok:", back.func is scale, back.args, back.retries)
clone = copy.copy(task)
deep = copy.deepcopy(task)
clone.owner = "clone"
print("copies:", clone.owner, task.owner, deep.args == task.args, deep.args[0] is task.args[0])
print("reduce:", task.__reduce__()[0] is functools.partial, len(task.__reduce__()[2]))
fresh = functools.partial(print)
fresh.__setstate__((max, (4,), None, None))
print("setstate:", fresh(9), fresh.keywords, fresh.args)
try:
    fresh.__setstate__((max, [4], None, None))
except TypeError as e:
    print("bad state:", e)
try:
    task.func = max
except AttributeError as e:
    print("readonly:", e)
del task.retries
print("after del:", sorted(task.__dict__), hasattr(task, "retries"))

# Everything callable answers hasattr(__call__).
print("callable:", [hasattr(f, "__call__") for f in (len, scale, task, [].append, str.upper, 3)])
print("call it:", len.__call__("abcd"), scale.__call__([1], 2.0))


class Registry:
    @functools.singledispatchmethod
    @classmethod
    def handle(cls, item: int) -> str:
        """Handle one queued item."""
        return "int %d" % item

    @handle.register
    @classmethod
    def _(cls, item: str) -> str:
        return "str %s" % item


print("dispatch:", Registry.handle(3), Registry.handle("x"), Registry().handle(5))
print("docs:", Registry.handle.__doc__, Registry.handle.__name__, Registry.handle.__annotations__)
cm = classmethod(scale)
print("classmethod attrs:", cm.__name__, cm.__qualname__, cm.__module__, cm.__doc__)

# Payload checksums straight from buffers.
payload = array.array("B", b"job-42:ok")
view = memoryview(payload)
print("hex:", binascii.hexlify(payload), binascii.b2a_hex(view[:3], "-"))
print("unhex:", binascii.unhexlify(array.array("B", b"6a6f62")), binascii.a2b_hex(memoryview(b"4f4b")))
print("b64:", binascii.a2b_base64(array.array("B", b"am9iLTQy")), binascii.crc32(view))
print("uu:", binascii.a2b_uu(binascii.b2a_uu(payload)), binascii.a2b_uu(b"\x7f"[:0] + b" \n"))
for bad in (b"!!!!", b"\xff\x00"):
    try:
        binascii.a2b_uu(bad)
    except binascii.Error as e:
        print("uu error:", bad, e)
print("qp:", binascii.a2b_qp(b"=\rAB"), binascii.a2b_qp(b"=\rAB\nCD"), binascii.a2b_qp(b"a=\r\nb"))
print("qp out:", binascii.b2a_qp(b"0" * 75 + b"\xff\r\n\xff"))
try:
    binascii.a2b_hex(3.5)
except TypeError as e:
    print("type error:", e)

# The job log: a text file reports its codec settings.
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "jobs.log")
    with open(path, "w") as log:
        log.write("started\n")
        print("log:", log.encoding.lower().replace("-", ""), log.errors, log.newlines, log.line_buffering)
    with open(path, encoding="utf8") as log:
        print("log:", log.encoding, log.read().strip())

# Timestamps from partial time tuples (zero fields mean the first of their range).
print("stamp:", time.strftime("%Y-%m-%d %j", (2024, 0, 0, 0, 0, 0, 0, 0, 0)))
for bad in ((2024, 13, 1, 0, 0, 0, 0, 1, 0), (2024, 1, 1, 0, 0, 0, -2, 1, 0),
            (2024, 1, 1, 0, 0, 0, 0, 367, 0)):
    try:
        time.strftime("%Y", bad)
    except ValueError as e:
        print("stamp error:", e)

# Parsing timestamps back from the log.
parsed = time.strptime("2024-03-05 10:20", "%Y-%m-%d %H:%M")
print("parsed:", parsed, parsed.tm_yday, time.strftime("%d/%m/%Y", parsed))
print("default format:", tuple(time.strptime("Tue Mar  5 10:20:00 2024"))[:6])
try:
    time.strptime("x", "%Y")
except ValueError as e:
    print("parse error:", e)
try:
    time.strptime("2024", format="%Y")
except TypeError as e:
    print("parse error:", e)
print("zone fields:", parsed.tm_zone, parsed.tm_gmtoff, len(parsed))
for bad_args in ((), ("a", "b", "c")):
    try:
        time.strptime(*bad_args)
    except TypeError as e:
        print("parse error:", e)
