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
