# Indices and lengths beyond a machine word: CPython's IndexError and OverflowError.
HUGE = 10**30


def attempt(label, f):
    try:
        print(label, "->", f())
    except (IndexError, OverflowError, TypeError) as e:
        print(label, "->", type(e).__name__ + ":", e)


data = [1, 2, 3]
attempt("list[10**30]", lambda: data[HUGE])
attempt("list[-10**30]", lambda: data[-HUGE])
attempt("list[2**63]", lambda: data[2**63])
attempt("list[2**63 - 1]", lambda: data[2**63 - 1])
attempt("tuple[10**30]", lambda: (1, 2)[HUGE])
attempt("str[10**30]", lambda: "abc"[HUGE])
attempt("bytes[10**30]", lambda: b"abc"[HUGE])
attempt("bytearray[10**30]", lambda: bytearray(b"abc")[HUGE])
attempt("list[10**30:]", lambda: data[HUGE:])
attempt("list[-10**30:2]", lambda: data[-HUGE:2])


def store():
    data[HUGE] = 0


def delete():
    del data[-HUGE]


attempt("list[10**30] = 0", store)
attempt("del list[-10**30]", delete)
print(data)

# range: indexing is "out of range", whatever the size of the index.
attempt("range(5)[10**30]", lambda: range(5)[HUGE])
attempt("range(5)[-10**30]", lambda: range(5)[-HUGE])

# A range of more than 2**63 - 1 items exists, but len() cannot say so.
wide = range(-2**63, 2**63 - 1)
attempt("len(wide)", lambda: len(wide))
attempt("len(range(0, 2**63 - 1))", lambda: len(range(0, 2**63 - 1)))
attempt("len(range(-1, 2**63 - 1))", lambda: len(range(-1, 2**63 - 1)))
attempt("len(range(2**63 - 1, -2**63, -1))", lambda: len(range(2**63 - 1, -2**63, -1)))
attempt("len(range(2**63 - 1, -2**63, -2))", lambda: len(range(2**63 - 1, -2**63, -2)))
attempt("bool(wide)", lambda: bool(wide))
attempt("wide[0]", lambda: wide[0])
attempt("wide[5]", lambda: wide[5])
attempt("wide[-1]", lambda: wide[-1])
attempt("wide[2**63]", lambda: wide[2**63])
attempt("wide[2**64]", lambda: wide[2**64])
attempt("wide[:3]", lambda: wide[:3])
attempt("wide[-3:]", lambda: wide[-3:])
attempt("wide == wide", lambda: wide == range(-2**63, 2**63 - 1))
attempt("0 in wide", lambda: 0 in wide)
attempt("2**63 - 2 in wide", lambda: 2**63 - 2 in wide)
attempt("2**63 - 1 in wide", lambda: 2**63 - 1 in wide)

coarse = range(-2**63, 2**63 - 1, 2**62)
print(list(coarse), len(coarse))
print(list(reversed(coarse)))
for i, x in enumerate(wide):
    if i == 3:
        break
    print(i, x)
