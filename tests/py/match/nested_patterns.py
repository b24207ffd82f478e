# Deeply nested patterns where captures, or-patterns, stars and as-patterns mix at
# every level: each failure must pop exactly what was pushed (the loops below would
# go wrong otherwise), and captures must land in the right names.

def deep(subject):
    match subject:
        case {"op": "move", "to": [x, y] | {"x": x, "y": y} | (x, y, _)} as cmd if x != y:
            return f"move to {x},{y} ({len(cmd)} keys)"
        case {"op": "move", "to": [x, y] | {"x": x, "y": y} | (x, y, _)}:
            return f"move on diagonal {x}"
        case {"op": "batch", "items": [{"op": first}, *_, {"op": last}] as items}:
            return f"batch of {len(items)} from {first} to {last}"
        case {"op": "tag", "tags": [*tags]} if all(isinstance(t, str) for t in tags):
            return "tags " + ",".join(tags)
        case [[int(a), int(b)], [int(c), int(d)]] | ((int(a), int(b)), (int(c), int(d))) if a * d - b * c != 0:
            return f"invertible matrix det={a * d - b * c}"
        case [[int(), int()], [int(), int()]]:
            return "singular matrix"
        case [("k", k) | ("key", k), ("v", v) | ("val", v) | ("value", v), *extra]:
            return f"pair {k}={v} extra={extra}"
        case [1, [2, [3, [4, rest]]]] if rest is not None:
            return f"nested rest={rest}"
        case [int() | float() as n, *tail_items] if False:
            return "unreachable"
        case [x, *middle, y] if middle and (total := sum(middle)) > 10:
            return f"big middle {total} between {x} and {y}"
        case ((0 | 1) as bit, *_) | [*_, (0 | 1) as bit]:
            return f"edge bit {bit}"
        case _:
            return "no match"


subjects = [
    {"op": "move", "to": [1, 2]},
    {"op": "move", "to": {"x": 3, "y": 3, "z": 0}},
    {"op": "move", "to": (5, 6, 7)},
    {"op": "move", "to": (5, 6, 7, 8)},
    {"op": "batch", "items": [{"op": "a"}, {"op": "b"}, {"op": "c"}]},
    {"op": "batch", "items": [{"op": "only"}]},
    {"op": "tag", "tags": ["x", "y"]},
    {"op": "tag", "tags": ["x", 1]},
    [[1, 2], [3, 4]],
    ((2, 4), (1, 2)),
    [("key", "a"), ("value", 1)],
    [("k", "b"), ("val", 2), "x", "y"],
    [("k", "b"), ("nope", 2)],
    [1, [2, [3, [4, "end"]]]],
    [1, [2, [3, [4, None]]]],
    [9, 5, 6, 9],
    [7, 1, 2, 7],
    (1, 2, 3),
    [5, 0],
    "string",
]
for _ in range(3):  # repeated: a stack imbalance would break the loop
    results = [deep(s) for s in subjects]
for s, r in zip(subjects, results):
    print(f"{s!r:62.62} -> {r}")


# The same pattern many times over in a for loop that also keeps an iterator on the
# stack; failing guards and failing alternatives at several depths.
def count_kinds(items):
    counts = {}
    for item in items:
        match item:
            case (("a" | "b") as kind, [*_, ("x" | "y") as end]) if end != "y" or kind == "a":
                key = f"{kind}-{end}"
            case (kind, {"n": int(n)} | [int(n)]) if n % 2:
                key = f"{kind}-odd"
            case (kind, _):
                key = f"{kind}-other"
            case _:
                key = "junk"
        counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items())


items = []
for i in range(60):
    kind = "abc"[i % 3]
    match i % 4:
        case 0:
            items.append((kind, ["q", "x" if i % 8 else "y"]))
        case 1:
            items.append((kind, {"n": i}))
        case 2:
            items.append((kind, [i]))
        case 3:
            items.append(i)
print(count_kinds(items))


# match on tuples of subjects, match inside match, and a walrus in a guard.
def fizz(n):
    match n % 3, n % 5:
        case 0, 0:
            return "FizzBuzz"
        case 0, _:
            return "Fizz"
        case _, 0:
            return "Buzz"
        case _:
            match str(n):
                case s if (last := s[-1]) in "79":
                    return f"{s}!{last}"
                case s:
                    return s


print(" ".join(fizz(n) for n in range(1, 31)))
