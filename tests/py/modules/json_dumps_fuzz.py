# Differential fuzzing of json.dumps: seeded random documents (nesting, big ints, special
# floats, control and non-ASCII text, mixed keys) under random options, then loads back.
import json, random
random.seed(5)
chars = "ab \"\\/\n\t\x00\x1f\x7f\u00e9\u4e2d\U0001f600"
def gen(depth):
    r = random.random()
    if depth > 3 or r < 0.4:
        c = random.randrange(8)
        if c == 0: return random.randint(-10 ** 6, 10 ** 6)
        if c == 1: return random.randint(-10 ** 25, 10 ** 25)
        if c == 2: return random.choice([0.0, -0.0, 1.5, 1e16, 1e-7, 123.456, float("inf"), float("nan"), 2.5e-300])
        if c == 3: return "".join([random.choice(chars) for _ in range(random.randint(0, 6))])
        if c == 4: return random.choice([None, True, False])
        if c == 5: return random.uniform(-1e6, 1e6)
        return random.randint(0, 9)
    if r < 0.7:
        return [gen(depth + 1) for _ in range(random.randint(0, 4))]
    if r < 0.8:
        return tuple([gen(depth + 1) for _ in range(random.randint(0, 3))])
    d = {}
    for _ in range(random.randint(0, 4)):
        k = random.choice(["k" + str(random.randint(0, 9)), random.randint(-5, 5), random.choice([None, True, False]), random.choice([1.5, -0.0, float("nan")]), "\u00e9" + str(random.randint(0, 3))])
        d[k] = gen(depth + 1)
    return d
for i in range(600):
    doc = gen(0)
    kw = {}
    if random.random() < 0.5: kw["indent"] = random.choice([0, 1, 2, "\t", "ab", -1, None])
    if random.random() < 0.3: kw["sort_keys"] = True
    if random.random() < 0.3: kw["ensure_ascii"] = False
    if random.random() < 0.2: kw["separators"] = random.choice([(",", ":"), (" , ", " : "), (";", "=")])
    if random.random() < 0.2: kw["allow_nan"] = False
    if random.random() < 0.1: kw["skipkeys"] = True
    try:
        s = json.dumps(doc, **kw)
        print(i, s)
        back = json.loads(s) if "allow_nan" not in kw or True else None
        print(i, "back", json.dumps(back, sort_keys=False, ensure_ascii=True))
    except (TypeError, ValueError) as e:
        print(i, type(e).__name__, e)
