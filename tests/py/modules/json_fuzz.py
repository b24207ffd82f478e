# Differential fuzzing: seeded mutations of JSON documents (random is CPython-identical,
# so both interpreters see the same inputs); every result or error message is printed.
# (No surrogate escapes: pyvm keeps str as UTF-8 and turns a lone surrogate into U+FFFD.)
import json
import random

random.seed(4242)
seeds = ['{"a": [1, 2.5, "x\\u00e9"], "b": {"c": null, "d": true}}', '[1, -2, 3e4, "s", [], {}]',
         '"escapes \\n \\t \\" \\\\ \\u4e2d\\u00e9"', '{"key": "value", "n": -0.5e-3, "list": [false, null]}',
         '  [ {"x": 1} , {"y": [2, [3, [4]]]} ]  ', '12345678901234567890', 'NaN', '-Infinity']
alphabet = '{}[]:,"\\ \n\t0123456789-+.eEabcdefnlrstu\u00e9x'
ok = errors = 0
for round_no in range(400):
    text = random.choice(seeds)
    for _ in range(random.randint(1, 3)):
        op = random.randrange(3)
        pos = random.randrange(len(text) + 1)
        ch = random.choice(alphabet)
        if op == 0:
            text = text[:pos] + ch + text[pos:]
        elif op == 1 and text:
            text = text[:pos] + text[pos + 1:]
        else:
            text = text[:pos] + ch + text[pos + 1:]
    try:
        value = json.loads(text)
        ok += 1
        print(round_no, "ok", json.dumps(value, sort_keys=True))
    except json.JSONDecodeError as e:
        errors += 1
        print(round_no, "error", e)
print("ok", ok, "errors", errors)
