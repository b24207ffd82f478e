# JSONDecodeError's msg, doc, pos, lineno and colno, as a caller reports them.
import json

docs = [
    "",
    "nope",
    '{"a": 1,}',
    "[1, 2",
    '{\n  "name": "x",\n  "size": tru\n}',
    '"\u00e9t\u00e9\n" x',
    "[1]\n\n  junk",
    '{"k" 1}',
    b'{"bytes": 1',
]
for doc in docs:
    try:
        json.loads(doc)
    except json.JSONDecodeError as e:
        print(repr(e.msg), e.pos, e.lineno, e.colno, repr(e.doc) if len(e.doc) < 40 else len(e.doc))
        print("  ", e.args, isinstance(e, ValueError))
        print("  ", e)

print('-- JSONDecodeError built from Python')
for args, kw in [(("Expecting value", "abc", 1), {}), (("bad", "a\nbc\nd", 5), {}), (("m", "a\nb", -1), {}), (("m", "", 0), {}),
                 (("m", "xyz", 10), {}), (("m", "x\ny", -10), {}), ((), {"msg": "kw", "doc": "q\nr", "pos": 3}), ((7, "ab", 1), {}),
                 (("m", "ab"), {}), (("m",), {}), ((), {}), (("m", "ab", 1, 2), {}), (("m", "ab", 1), {"x": 1}), (("m", "ab", 1), {"msg": 2}),
                 (("m", "ab", 1.5), {}), (("m", 5, 1), {}), (("m", "\u00e9\n\u00e9t\u00e9", 4), {})]:
    try:
        e = json.JSONDecodeError(*args, **kw)
        print(type(e).__name__, e.args, e.msg, repr(e.doc), e.pos, e.lineno, e.colno, str(e))
    except (TypeError, AttributeError) as ex:
        print(type(ex).__name__, ex)
try:
    raise json.JSONDecodeError("Unterminated string", '"abc', 0)
except ValueError as e:
    print("caught", repr(e), e.pos)

print('-- positions beyond 64 bits')
for p in [2**63 - 1, -2**63, 2**70, -2**70, 2**63, 1, -1, True]:
    e = json.JSONDecodeError("m", "a\nb", p)
    print(e.lineno, e.colno, e.pos, e)
