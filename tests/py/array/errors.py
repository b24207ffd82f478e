# The errors of array.array and memoryview, with CPython's messages.
from array import array


def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print("%-28s %s: %s" % (label, type(e).__name__, e))
    else:
        print("%-28s -> %r" % (label, r))


for code, value in [('B', 256), ('B', -1), ('b', 128), ('b', -129), ('h', 40000),
                    ('H', -5), ('i', 2**31), ('I', -1), ('I', 2**32), ('l', 2**63),
                    ('L', -1), ('q', 2**64), ('Q', -1), ('Q', 2**64), ('B', 2.0),
                    ('d', 'x'), ('f', None), ('u', 'ab'), ('u', 5), ('i', '3')]:
    attempt("array(%r, [%r])" % (code, value), lambda: array(code, [value]))

attempt("bad typecode", lambda: array('z'))
attempt("typecode not a char", lambda: array('bb'))
attempt("typecode int", lambda: array(1))
attempt("str initializer", lambda: array('i', 'abc'))
attempt("bytes not multiple", lambda: array('i', b'abc'))
a = array('i', [1, 2, 3])
attempt("index out of range", lambda: a[3])
attempt("index type", lambda: a['0'])
attempt("pop out of range", lambda: a.pop(10))
attempt("pop empty", lambda: array('d').pop())
attempt("remove missing", lambda: a.remove(42))
attempt("index missing", lambda: a.index(42))
attempt("concat list", lambda: a + [4])
attempt("concat other kind", lambda: a + array('d'))
attempt("extend other kind", lambda: a.extend(array('d', [1.0])))
attempt("assign list to slice", lambda: a.__setitem__(slice(0, 1), [1]))
attempt("ext slice size", lambda: a.__setitem__(slice(0, 3, 2), array('i', [1])))
attempt("assign out of range", lambda: a.__setitem__(5, 1))
attempt("multiply by str", lambda: a * 'x')
attempt("order with int", lambda: a < 3)
attempt("tounicode on ints", lambda: a.tounicode())
attempt("fromunicode int", lambda: array('u').fromunicode(3))
attempt("hash", lambda: hash(a))
attempt("equal to list", lambda: a == [1, 2, 3])

v = memoryview(a)
attempt("append while viewed", lambda: a.append(4))
attempt("pop while viewed", lambda: a.pop())
attempt("del while viewed", lambda: a.__delitem__(0))
a[0] = 10
print("write while viewed ok", v[0], v.format, v.tolist())
v.release()
a.append(4)
print("after release", a)

ro = memoryview(b"abcd")
attempt("write read-only", lambda: ro.__setitem__(0, 1))
attempt("del item", lambda: ro.__delitem__(0))
rw = memoryview(bytearray(b"abcd"))
attempt("byte out of range", lambda: rw.__setitem__(0, 300))
attempt("wrong type for B", lambda: rw.__setitem__(0, 'x'))
attempt("slice wrong size", lambda: rw.__setitem__(slice(0, 2), b"xyz"))
attempt("cast not multiple", lambda: memoryview(bytearray(b"abc")).cast('I'))
attempt("cast bad format", lambda: rw.cast('x'))
attempt("cast non-byte formats", lambda: rw.cast('I').cast('H'))
attempt("cast bad shape", lambda: rw.cast('B', [3]))
attempt("index out of bounds", lambda: rw[10])
attempt("not bytes-like", lambda: memoryview(3))
attempt("hash writable", lambda: hash(rw))
attempt("order views", lambda: rw < rw)
ba = bytearray(b"xyz")
m = memoryview(ba)
attempt("bytearray append", lambda: ba.append(1))
attempt("bytearray extend", lambda: ba.extend(b"x"))
attempt("bytearray pop", lambda: ba.pop())
attempt("bytearray clear", lambda: ba.clear())
attempt("bytearray del", lambda: ba.__delitem__(0))
attempt("bytearray resize slice", lambda: ba.__setitem__(slice(0, 1), b"12"))
ba[0:1] = b"X"
print("same-size slice ok", ba)
m.release()
attempt("released getitem", lambda: m[0])
attempt("released tolist", lambda: m.tolist())
attempt("released cast", lambda: m.cast('B'))
attempt("released with", lambda: m.__enter__())
ba.append(33)
print("bytearray after release", ba)
