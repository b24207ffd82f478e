# A job planner that expands user-written specs (ranges, parameter grids, fan-outs,
# templates) into work items. Specs that would need more memory than any machine
# has must fail with MemoryError or OverflowError, caught per spec, so the planner
# reports them and goes on; reasonable specs expand normally.
import itertools
import math


def expand(kind, spec):
    if kind == "range":
        return list(range(*spec))
    if kind == "sorted-range":
        return sorted(range(*spec), reverse=True)
    if kind == "tuple-range":
        return tuple(range(*spec))
    if kind == "extend":
        items = ["header"]
        items.extend(range(*spec))
        return items
    if kind == "grid":
        values, repeat = spec
        return itertools.product(values, repeat=repeat)
    if kind == "pairs":
        values, r = spec
        return itertools.combinations_with_replacement(values, r)
    if kind == "choose":
        values, r = spec
        return list(itertools.combinations(values, r))
    if kind == "orderings":
        values, r = spec
        return list(itertools.permutations(values, r))
    if kind == "fanout":
        source, n = spec
        return [sum(copy) for copy in itertools.tee(iter(source), n)]
    if kind == "count":
        return math.factorial(*spec)
    if kind == "mask":
        value, shift = spec
        return value << shift
    if kind == "power":
        base, exp = spec
        return pow(base, exp)
    if kind == "pad":
        data, width = spec
        return data.ljust(width, b".")
    if kind == "zfill":
        data, width = spec
        return data.zfill(width)
    if kind == "center":
        data, width = spec
        return data.center(width)
    if kind == "template":
        text, old, new = spec
        return text.replace(old, new)
    if kind == "tabs":
        text, size = spec
        return text.expandtabs(size)
    raise ValueError(kind)


def summary(result):
    if isinstance(result, (list, tuple)):
        return f"{type(result).__name__} of {len(result)}: {list(result[:3])}"
    if isinstance(result, (str, bytes, bytearray)):
        return f"{type(result).__name__} of {len(result)}: {result[:12]!r}"
    if isinstance(result, int):
        return f"int of {result.bit_length()} bits"
    first = next(iter(result), None)
    return f"{type(result).__name__} starting {first}"


word = "x" * 2**20
specs = [
    ("range", (5,)),
    ("range", (2**62,)),
    ("range", (0, 2**64, 2**60)),
    ("range", (2**64,)),
    ("sorted-range", (4,)),
    ("sorted-range", (2**62,)),
    ("tuple-range", (1, 2**62)),
    ("extend", (3,)),
    ("extend", (2**62,)),
    ("grid", ("ab", 2)),
    ("grid", ("ab", 0)),
    ("grid", ("", 0)),
    ("grid", (range(10), 10**12)),
    ("grid", (range(10), 2**62)),
    ("grid", (range(10), 2**70)),
    ("pairs", ("abc", 2)),
    ("pairs", ("abc", 10**12)),
    ("pairs", ("", 10**12)),
    ("choose", ("abcd", 3)),
    ("choose", ("abcd", 10**12)),
    ("orderings", ("abc", 2)),
    ("orderings", ("abc", 10**12)),
    ("fanout", ([1, 2, 3], 3)),
    ("fanout", ([1, 2, 3], 10**12)),
    ("count", (20,)),
    ("count", (2**63,)),
    ("mask", (1, 100)),
    ("mask", (0, 2**100)),
    ("mask", (1, 2**62)),
    ("mask", (-5, 2**64)),
    ("power", (-1, 2**64)),
    ("power", (1, 2**100)),
    ("power", (0, 2**100)),
    ("power", (3, 200)),
    ("pad", (b"id", 6)),
    ("pad", (b"id", 2**62)),
    ("zfill", (b"-42", 6)),
    ("zfill", (b"-42", 2**62)),
    ("center", (b"mid", 9)),
    ("center", (b"mid", 2**62)),
    ("template", ("a-b-c", "-", "::")),
    ("template", (word, "", word)),
    ("template", (word.encode(), b"", word.encode())),
    ("template", ("xy" * 2**20, "y", word)),
    ("tabs", ("a\tb\tc", 4)),
    ("tabs", ("\tcol", 2**20)),
    ("tabs", ("\tcol", 2**31)),
    ("tabs", ("\tcol", -2**40)),
]

failed = 0
for kind, spec in specs:
    shown = ", ".join(
        str(v) if not isinstance(v, (str, bytes)) or len(v) < 20 else f"<{len(v)} chars>"
        for v in spec
    )
    try:
        print(f"{kind}({shown}) -> {summary(expand(kind, spec))}")
    except (MemoryError, OverflowError) as e:
        failed += 1
        print(f"{kind}({shown}) -> {type(e).__name__} {e}")
print(f"{len(specs)} specs, {failed} refused, planner still running")
