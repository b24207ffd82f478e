# Bad patterns raise re.error with the message and position; group errors.
import re

BAD = [
    r"(abc", r"abc)", r"[a-", r"a{2,1}", r"*a", r"a**", r"(?P<1>x)", r"(?P<n>x)(?P<n>y)",
    r"\1", r"(?<=a+)b", r"[z-a]", r"(?Z)", r"x{1,2}{3}", r"\p", "(?i", r"(?P=missing)",
    r"(?(2)a|b)", r"a|*", "abc\n  (def", r"(?<!a|bc)d", r"\x4", r"[\d-z]",
]
for pat in BAD:
    try:
        re.compile(pat)
        print(repr(pat), "compiled")
    except re.error as e:
        print(repr(pat).ljust(18), "|", e, "|", e.msg, e.pos, e.lineno, e.colno)

try:
    re.compile(b"(a")
except re.error as e:
    print(e, e.pattern)

m = re.match(r"(?P<first>\w+) (\w+)?", "hello ")
for args in [(3,), ("nope",), (-1,), (0, 5), (1.5,)]:
    try:
        print(m.group(*args))
    except (IndexError, TypeError) as e:
        print(type(e).__name__ + ":", e)
for what in ["start", "end", "span"]:
    try:
        print(getattr(m, what)(7))
    except IndexError as e:
        print(what, "IndexError:", e)
try:
    m["missing"]
except IndexError as e:
    print("getitem IndexError:", e)
print(m[0], m["first"], m[2], m.span(2), m.group(1, "first"))

try:
    re.sub(r"(a)", r"\2", "a")
except re.error as e:
    print("template:", e)
try:
    re.sub(r"(?P<x>a)", r"\g<y>", "a")
except IndexError as e:
    print("template:", type(e).__name__, e)
try:
    re.sub(r"a", r"\g<1", "a")
except re.error as e:
    print("template:", e)
try:
    re.sub(r"a", lambda m: 5, "a")
except TypeError as e:
    print("callable:", e)
try:
    re.compile("a", flags=re.I).match()
except TypeError as e:
    print(e)
try:
    re.compile(re.compile("x"), re.I)
except ValueError as e:
    print(e)
print(re.compile(re.compile("x")).pattern, re.purge())
