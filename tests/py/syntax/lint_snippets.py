# A tiny linter: compiles each snippet of a "review queue" with warnings
# recorded, reports what CPython's compiler warns about (with line numbers),
# then recompiles the flagged ones in strict mode (warnings as errors), where
# each warning becomes a SyntaxError at the same place.
import warnings

SNIPPETS = {
    "status check": "def ok(code):\n    return code is 200\n",
    "not-is": "def missing(name):\n    return name is not ''\n",
    "negative": "limit = -1\nif limit is -1:\n    pass\n",
    "tuple literal": "pair = (1, 2)\nsame = pair is (1, 2)\n",
    "singletons": "a = None\nb = a is None or a is True or a is ...\n",
    "assert tuple": "def check(x):\n    assert (x > 0, 'must be positive')\n",
    "empty assert": "assert ()\n",
    "missed comma call": "points = [\n    (1, 2)\n    (3, 4)\n]\n",
    "string call": "names = ['a' 'b'\n         'c' ('d')]\n",
    "list call": "rows = [[1, 2] [0]]\n",
    "set subscript": "x = {1, 2}[0]\n",
    "int subscript": "n = 5[0]\n",
    "index by tuple": "grid = [[1, 2], [3, 4]]\ncell = [1, 2][0, 1]\n",
    "str by float": "c = 'abc'[1.5]\n",
    "fine index": "t = (1, 2)[0]\nu = 'abc'[1:]\nv = [1][True]\n",
    "escape": "import re\npat = re.compile('\\d+')\n",
    "bytes escape": "raw = b'\\N'\n",
    "octal escape": "mask = '\\777' + b'\\400'.hex() + '\\377'\n",
    "raw string": "ok = r'\\d' + '\\n'\n",
    "nested": "class Cache:\n    def get(self, k):\n        def inner():\n            return k is 'x'\n        return inner\n",
    "generator": "def gen(items):\n    for i in items:\n        yield i is 0\n",
    "number then keyword": "flag = 1if ready else 0\nmask = [0x1for _ in ()]\n",
    "spaced number": "flag = 1 if ready else 0\n",
    "clean": "def add(a, b):\n    return a + b\n",
}


def lint(name, source):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile(source, f"<{name}>", "exec")
    return [(w.category.__name__, str(w.message), w.lineno) for w in caught]


def strict(name, source):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(source, f"<{name}>", "exec")
        except SyntaxError as e:
            return f"{type(e).__name__}: {e.msg} (line {e.lineno}, offset {e.offset})"
    return "compiles"


report = {}
for name, source in SNIPPETS.items():
    found = lint(name, source)
    report[name] = found
    print(f"{name}:")
    for cat, msg, line in found:
        print(f"    {cat} line {line}: {msg}")
    if found:
        print("    strict ->", strict(name, source))

flagged = sorted(n for n, f in report.items() if f)
print(len(flagged), "of", len(report), "snippets flagged")

# eval() and exec() compile too; the warning names the pseudo-file.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(eval("1 is 1"))
    exec("assert (1, 'x')")
print([(w.category.__name__, w.filename, w.lineno) for w in caught])

# An "ignore" filter silences them; a module filter does not match "<...>".
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    compile("x is 1", "<quiet>", "exec")
print(len(caught), "warnings when ignored")
