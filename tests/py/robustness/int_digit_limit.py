# A big-number service: parses numbers from requests and prints results, with
# CPython's 4,300-digit limit on decimal int<->str conversion (a denial-of-service
# defence) and the ways to change it.
import json
import sys


def attempt(label, f):
    try:
        r = f()
    except (ValueError, TypeError, OverflowError) as e:
        print(f"{label:28} {type(e).__name__}: {e}")
    else:
        text = repr(r)
        print(f"{label:28} ok {text[:24]}{'...' if len(text) > 24 else ''} ({len(text)})")


print(sys.int_info)
print("limit:", sys.get_int_max_str_digits(), "flag:", sys.flags.int_max_str_digits)

big = 10**4300            # 4,301 digits
edge = 10**4299           # 4,300 digits: allowed
requests = [
    ("parse 4300 digits", lambda: int("9" * 4300) > 0),
    ("parse 4301 digits", lambda: int("9" * 4301)),
    ("parse leading zeros", lambda: int("0" * 4301)),
    ("parse underscores", lambda: int("1_" * 4300 + "1")),
    ("parse signed, spaces", lambda: int(" -" + "1" * 4301 + " ")),
    ("parse bytes", lambda: int(b"7" * 5000)),
    ("parse base 36", lambda: int("z" * 4301, 36)),
    ("parse base 0", lambda: int("1" * 4301, 0)),
    ("parse base 16 (exempt)", lambda: int("f" * 5000, 16).bit_length()),
    ("parse base 2 (exempt)", lambda: int("1" * 20000, 2).bit_length()),
    ("parse then bad char", lambda: int("1" * 5000 + "x")),
    ("str 4300 digits", lambda: len(str(edge))),
    ("str 4301 digits", lambda: str(big)),
    ("repr negative", lambda: repr(-big)),
    ("f-string", lambda: f"{big}"),
    ("format grouping", lambda: format(big, ",")),
    ("percent d", lambda: "%d" % big),
    ("hex (exempt)", lambda: len(hex(big))),
    ("format b (exempt)", lambda: len(format(big, "b"))),
    ("float of digits", lambda: float("1" * 5000) > 1e300),
    ("json dumps", lambda: json.dumps({"n": big})),
    ("json loads", lambda: json.loads("1" * 5000)),
]
for label, f in requests:
    attempt(label, f)

print("-- configuration --")
for arg in (639, -1, 2**70, 1.5, "5000"):
    attempt(f"set({arg!r})", lambda: sys.set_int_max_str_digits(arg))
attempt("set()", lambda: sys.set_int_max_str_digits())
attempt("set(1, 2)", lambda: sys.set_int_max_str_digits(1, 2))
attempt("get(1)", lambda: sys.get_int_max_str_digits(1))
sys.set_int_max_str_digits(maxdigits=640)
print("limit:", sys.get_int_max_str_digits(), "flag:", sys.flags.int_max_str_digits)
attempt("str 641 digits", lambda: str(10**640))
attempt("str 640 digits", lambda: len(str(10**640 - 1)))
attempt("parse 641 digits", lambda: int("1" * 641))
attempt("json loads 700", lambda: json.loads("[" + "2" * 700 + "]"))
sys.set_int_max_str_digits(0)
attempt("unlimited str", lambda: len(str(10**20000)))
attempt("unlimited parse", lambda: int("3" * 20000) % 7)
sys.set_int_max_str_digits(True and 4300)
attempt("back to default", lambda: str(big))
