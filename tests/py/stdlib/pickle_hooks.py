# An object store built on pickle's hooks: a restricted Unpickler that only loads
# allowed globals, persistent ids for rows kept in a "database", a per-pickler
# dispatch_table and a reducer_override, the memo proxies, fast mode and Python 2
# name mapping; then what a damaged or hostile stream gives (each error's type and
# CPython's message).
import copyreg
import io
import pickle
import pickletools
import sys


class Row:
    def __init__(self, table, key):
        self.table, self.key = table, key

    def __repr__(self):
        return "Row(%s#%d)" % (self.table, self.key)


DB = {("users", 1): Row("users", 1), ("users", 2): Row("users", 2)}


class StorePickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Row):
            return "row:%s:%d" % (obj.table, obj.key)
        return None


class StoreUnpickler(pickle.Unpickler):
    ALLOWED = {("builtins", "set"), ("__builtin__", "set"), ("collections", "OrderedDict")}

    def persistent_load(self, pid):
        kind, table, key = pid.split(":")
        return DB[table, int(key)]

    def find_class(self, module, name):
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError("global '%s.%s' is forbidden" % (module, name))


doc = {"owner": DB["users", 1], "readers": {2, 3}, "rows": [DB["users", 2]] * 2}
for proto in (0, 2, 5):
    buf = io.BytesIO()
    StorePickler(buf, proto).dump(doc)
    back = StoreUnpickler(io.BytesIO(buf.getvalue())).load()
    print(proto, back["owner"] is DB["users", 1], back["rows"][0] is back["rows"][1],
          back["readers"], buf.getvalue()[:40])

evil = pickle.dumps(print)
try:
    StoreUnpickler(io.BytesIO(evil)).load()
except pickle.UnpicklingError as e:
    print("refused:", e)

# persistent_id set on the instance; protocol 0 needs ASCII ids.
buf = io.BytesIO()
p = pickle.Pickler(buf, 0)
p.persistent_id = lambda obj: "id-%d" % obj if isinstance(obj, int) and obj > 100 else None
p.dump([1, 500])
print(buf.getvalue())
p.persistent_id = lambda obj: "idé" if obj == 7 else None
try:
    p.dump(7)
except pickle.PicklingError as e:
    print(type(e).__name__, e)
try:
    pickle.loads(b"P1\n.")
except pickle.UnpicklingError as e:
    print(type(e).__name__, repr(str(e)))


class Temperature:
    def __init__(self, c):
        self.c = c


def reduce_temperature(t):
    return (Temperature, (t.c + 0.5,))


class TablePickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[Temperature] = reduce_temperature


class OverridePickler(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Temperature:
            return "Temperature"           # by name, as a global
        if isinstance(obj, float):
            return (float, (str(obj),))
        return NotImplemented


for cls in (TablePickler, OverridePickler):
    buf = io.BytesIO()
    cls(buf, 2).dump([Temperature(20), 1.5])
    back = pickle.loads(buf.getvalue())
    print(cls.__name__, back[0].c, back[1], buf.getvalue())

# The memo: shared between dumps until clear_memo(); the proxies copy it.
buf = io.BytesIO()
p = pickle.Pickler(buf, 2)
shared = ["shared"]
p.dump(shared)
p.dump(shared)
memo = p.memo.copy()
print("memo entries", len(memo), sorted(v[0] for v in memo.values()),
      [type(v[1]).__name__ for v in memo.values()])
p.clear_memo()
p.dump(shared)
print(buf.getvalue())
u = pickle.Unpickler(io.BytesIO(buf.getvalue()))
first, second, third = u.load(), u.load(), u.load()
print(first is second, first is third, sorted(u.memo.copy()))
p2 = pickle.Pickler(io.BytesIO(), 2)
p2.memo = p.memo
print("copied memo", len(p2.memo.copy()), p.bin, p.fast)

p.fast = True
out = io.BytesIO()
fast = pickle.Pickler(out, 2)
fast.fast = 1
fast.dump([shared, shared])
print("fast mode (no memo):", out.getvalue())

# Protocols 0-2 map names to Python 2's unless fix_imports=False.
for fix in (True, False):
    data = pickle.dumps([ConnectionError, range, str], 2, fix_imports=fix)
    print(fix, [op.name + " " + str(arg) for op, arg, _ in pickletools.genops(data)
                if op.name == "GLOBAL"], pickle.loads(data, fix_imports=fix))
print(pickle.loads(b"c__builtin__\nunicode\n(S'py2'\ntR."))
print(pickle.loads(b"U\x03\xe9t\xe9.", encoding="latin1"), pickle.loads(b"U\x02ab.", encoding="bytes"))


def bad_streams():
    yield "empty", b""
    yield "unknown opcode", b"x"
    yield "unknown high opcode", b"\xff"
    yield "memo miss", b"\x80\x02h\x05."
    yield "truncated arg", b"X\x05\x00\x00\x00ab"
    yield "truncated op", b"\x80\x02"
    yield "stack underflow", b"."
    yield "mark left", b"(."
    yield "no mark", b"1"
    yield "protocol 6", b"\x80\x06."
    yield "odd dict", b"(K\x01d."
    yield "unquoted", b"Sabc\n."
    yield "bad int", b"I12x\n."
    yield "bad float", b"F1.5x\n."
    yield "no module", b"cno_such_module_x\nf\n."
    yield "no attribute", b"\x80\x04\x8c\x08builtins\x8c\x05nopes\x93."
    yield "negative long", b"\x8b\xff\xff\xff\xff"
    yield "huge bytes", b"B\xff\xff\xff\x7f"
    yield "huge frame", b"\x80\x04\x95\xff\xff\xff\xff\xff\x00\x00\x00N."
    yield "ext 0", b"\x82\x00"
    yield "ext unknown", b"\x82\xfe"
    yield "reduce non-tuple", b"K\x01K\x02R."
    yield "newobj non-class", b"K\x01)\x81."
    yield "stack global int", b"K\x01\x8c\x01b\x93."
    yield "bad utf-8", b"X\x02\x00\x00\x00\xff\xfe."
    yield "no buffers", b"\x97."
    yield "negative put", b"Np-1\n."


for name, data in bad_streams():
    for how in ("loads", "load"):
        try:
            r = pickle.loads(data) if how == "loads" else pickle.load(io.BytesIO(data))
            print(name, how, "->", repr(r))
        except Exception as e:
            print(name, how, "->", type(e).__module__, type(e).__name__, e)

for bad in (lambda: pickle.dumps(1, 6), lambda: pickle.dumps(lambda: 0),
            lambda: pickle.loads("text"), lambda: pickle.Pickler(None),
            lambda: pickle.Unpickler(None), lambda: pickle.dumps(1, buffer_callback=print),
            lambda: pickle.dumps(sys.stdout)):
    try:
        bad()
    except Exception as e:
        print(type(e).__module__, type(e).__name__, str(e).split(" at 0x")[0])


def outer():
    def inner():
        pass
    return inner


try:
    pickle.dumps(outer())
except AttributeError as e:
    print(type(e).__name__, e)
print(pickle.PicklingError.__mro__[1:3], pickle.Pickler.__module__,
      pickle.Unpickler.__name__, "_pickle" in sys.modules)
