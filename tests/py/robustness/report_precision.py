# A report generator whose column precisions and widths come from a user's config:
# absurd values must give CPython's errors (or exact digits), never a crash.
import hashlib


def digest(text):
    if isinstance(text, str):
        text = text.encode()
    return hashlib.sha256(text).hexdigest()[:16]


class Column:
    def __init__(self, name, spec, style="format"):
        self.name, self.spec, self.style = name, spec, style

    def render(self, value):
        if self.style == "percent":
            return self.spec % value
        if self.style == "method":
            return self.spec.format(value)
        if self.style == "fstring":
            return f"{value:{self.spec}}"
        return format(value, self.spec)


CONFIG = [
    ("ratio", "%.65536f", "percent", 1.0),
    ("ratio", ".65536f", "format", 1.0),
    ("sci", "%.70000e", "percent", 1.0),
    ("general", "{:.70000g}", "method", 1.0),
    ("tiny", ".70000e", "fstring", 2.5e-300),
    ("huge", ".70000f", "format", 1e300),
    ("subnormal", ".1100e", "format", 5e-324),
    ("third", ".3000f", "format", 1 / 3),
    ("share", ".70000%", "format", 0.1),
    ("alt", "#.70000g", "format", 1e22),
    ("negzero", ".70000g", "format", -0.0),
    ("point", ".5000g", "format", 123.456),
    ("cplx", ".70000f", "format", 1.5j),
    ("raw", b"%.70000f", "percent", 1.0),
    ("starprec", "%.*f", "percent", (-5, 1.0)),
    ("starwidth", "%*d", "percent", (-5, 1)),
    ("boolwidth", "%*d", "percent", (True, 1)),
    ("label", ".5000000000s", "format", "ab"),
    # errors, worded as CPython words them
    ("big", ".2147483648f", "format", 1.0),
    ("big", "%.2147483648f", "percent", 1.0),
    ("big", "{:.2147483648g}", "method", 1.0),
    ("big", ".2147483648f", "format", 1.5j),
    ("digits", "%.99999999999999999999f", "percent", 1.0),
    ("digits", "99999999999999999999f", "format", 1.0),
    ("digits", "%99999999999999999999f", "percent", 1.0),
    ("int", ".100000d", "format", 12),
    ("label", "%.5000000000s", "percent", "ab"),
    ("starwidth", "%*d", "percent", (2**64, 1)),
    ("starprec", "%.*f", "percent", (2**31, 1.0)),
    ("wide", "100000000000000d", "format", 12),
    ("wide", "%1000000000000000f", "percent", 1.0),
]

for name, spec, style, value in CONFIG:
    col = Column(name, spec, style)
    try:
        out = col.render(value)
    except (ValueError, OverflowError, TypeError, MemoryError) as e:
        print(f"{name:10} {spec!s:26} {type(e).__name__}: {e}")
        continue
    head, tail = out[:24], out[-6:]
    print(f"{name:10} {spec!s:26} len={len(out)} {digest(out)} {head!r}..{tail!r}")
