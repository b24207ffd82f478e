"""ast.dump with positions for a module exercising most node kinds (columns are
UTF-8 byte offsets, so the non-ASCII text shifts them)."""
import ast

SOURCE = '''\
"""Module docstring."""
from __future__ import annotations
from . import sibling
from ..pkg.mod import (a as b,
                       c)
import x.y.z as w
名前 = "日本語"; y = f"é{名前!r:>{10}}ü" + u"x"
z: int = 0x10 + 1_000 + 1.5e3 + 2j + 10**20
t = b"by" b"tes", ..., None, True, -1, +2, ~3, not 4
@decorator.attr(1)
@other
class Klass(Base, metaclass=Meta, **extra):
    attr: list[int]
    def method(self, a, /, b=2, *args, c, d=4, **kw) -> "R":
        nonlocal_thing = lambda q=1, *, r: (q, r)
        return [v async for v in a if v] if b else {k: v for k, v in kw.items()}
@deco
async def coro(s):
    async with s as (p, q), open(s) as r:
        await r
    async for i in s:
        yield
        yield i
    return (yield from s)
for i, *rest in pairs:
    del rest[0], i.attr
else:
    pass
while (n := next(it)) is not None and n > 0 or n < -1:
    break
else:
    continue
if a:
    pass
elif b: x = 1;
elif c:
    pass
else:
    raise ValueError("x") from None
try:
    assert x, "msg"
except (E1, E2) as e:
    pass
except Exception:
    pass
else:
    x += 1
finally:
    x **= 2
try:
    pass
except* OSError:
    pass
with a, b as (c, d):
    s = a[1:2, ::3], a[...], a[i], {1, 2}, {**m, 'k': 1}, {*s}
match cmd:
    case [1, 2, *others] if others:
        pass
    case {"k": v, **kw}:
        pass
    case Point(x=0, y=_) | Point(1, 2) as pt:
        pass
    case None | True | -1 | 1+2j | "s" | b"b" | a.b.c:
        pass
    case (x, y, *_):
        pass
    case _:
        pass
print(*args, sep="", **kw)
f(x for x in y)
g((x for x in y), z)
s = "implicit" \\
    "concatenation"
s2 = f"{x=}" f"{y!s}" "{literal}" f"{z:{w}.{p}}"
global g1, g2
'''

tree = ast.parse(SOURCE)
print(ast.dump(tree, include_attributes=True, indent=1))
print(ast.dump(ast.parse("1 + 2", mode="eval"), include_attributes=True))
print(ast.dump(ast.parse("x = 1; y = 2", mode="single"), include_attributes=True))
print(ast.dump(compile("f(a)", "<s>", "exec", ast.PyCF_ONLY_AST), include_attributes=True))
print(ast.unparse(tree))
